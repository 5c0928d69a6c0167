import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import regulator from '../../templates/documents/regulator.json' with { type: 'json' };
import { rowLabel } from '../../formulas/registry/row-number.ts';
import { dateText, NBSP, periodText, rubNumber, rubText } from './format.ts';
import type { RegistryFacts, RejectedRow } from './registry-facts.ts';
import { zip } from './zip.ts';

export type DocxTemplate = 'letter' | 'notification';

const TEMPLATE_DIR = new URL('../../templates/documents/', import.meta.url);

/** Templates are read on first use and kept: they change only with a deployment. */
const templates = new Map<DocxTemplate, Buffer>();
function templateBytes(name: DocxTemplate): Buffer {
  let bytes = templates.get(name);
  if (!bytes) {
    bytes = readFileSync(fileURLToPath(new URL(`${name}.docx`, TEMPLATE_DIR)));
    templates.set(name, bytes);
  }
  return bytes;
}

/** What a document's number and date are. */
export interface Stamp {
  /** «СВ-2026-000017» */
  number: string;
  /** ISO date of signing */
  date: string;
}

const orDash = (s: string | null | undefined): string => (s && s.trim() ? s : '—');

/** The placeholders both templates share: the бланк, the registry, the sums. */
function common(f: RegistryFacts, stamp: Stamp): Record<string, string | number | boolean> {
  return {
    regulator: regulator.name,
    regulator_short: regulator.short,
    regulator_address: regulator.address,
    regulator_contacts: regulator.contacts,
    signer_position: regulator.signerPosition,
    signer_name: regulator.signerName,
    number: stamp.number,
    date: dateText(stamp.date),
    registry_no: f.id,
    rso_name: f.rsoName,
    rso_inn: f.rsoInn,
    service: f.service,
    period: periodText(f.period),
    municipal_district: orDash(f.municipalDistrict),
    letter_out_no: f.letterOutNo?.trim() ? f.letterOutNo : 'б/н',
    letter_out_date: dateText(f.letterOutDate),
    letter_in_no: f.letterInNo?.trim() ? f.letterInNo : 'б/н',
    letter_in_date: dateText(f.letterInDate),
    registered_at: dateText(f.registeredAt),
    check_deadline: dateText(f.checkDeadline),
    finish_deadline: dateText(f.finishDeadline),
    status: f.status,
    executor: orDash(f.executor),
    rows_total: f.rowsTotal,
    rows_agreed: f.rowsAgreed,
    rows_rejected: f.rowsRejected,
    rows_pending: f.rowsPending,
    declared_sum: rubText(f.declaredSum),
    agreed_sum: rubText(f.agreedSum),
    rejected_sum: rubText(f.rejectedSum),
    rejected_sum_number: rubNumber(f.rejectedSum),
    pending_sum: rubText(f.pendingSum),
  };
}

/** The letter's one-sentence verdict, from the registry's status and its rows. */
export function resultText(f: RegistryFacts): string {
  switch (f.status) {
    case 'Согласован':
      return f.rowsRejected > 0 || f.rowsPending > 0 ? 'Реестр согласован частично.' : 'Реестр согласован в полном объеме.';
    case 'Не согласован':
      return f.agreedSum > 0 ? 'Реестр не согласован; согласованная часть указана выше.' : 'Реестр не согласован.';
    case 'Новый':
    case 'В работе':
    case 'Отменен':
    case 'Отказано в регистрации':
      return 'Проверка реестра не завершена; выше приведены результаты по строкам, по которым принято решение.';
    default:
      return exhaustive(f.status);
  }
}

function exhaustive(x: never): never {
  throw new Error(`unexpected registry status ${String(x)}`);
}

function templated(name: DocxTemplate, data: Record<string, unknown>): PizZip {
  const doc = new Docxtemplater(new PizZip(templateBytes(name)), {
    paragraphLoop: true,
    linebreaks: true,
    // a placeholder without a value is a bug in this file, not a blank in a letter someone signs
    nullGetter(part) {
      throw new Error(`document ${name}: no value for {${String(part.value)}}`);
    },
  });
  doc.render(data);
  return doc.getZip();
}

/** The document's files zipped with native deflate: pizzip's JavaScript one took a quarter of a long letter's time. */
function packed(z: PizZip): Buffer {
  const files: Record<string, Buffer> = {};
  for (const [name, file] of Object.entries(z.files)) if (!file.dir) files[name] = file.asNodeBuffer();
  return zip(files);
}

function render(name: DocxTemplate, data: Record<string, unknown>): Buffer {
  return packed(templated(name, data));
}

interface LetterRow {
  row: string;
  address: string;
  fias_id: string;
  sum: string;
  reason: string;
}
const ROW_FIELDS = ['row', 'address', 'fias_id', 'sum', 'reason'] as const;

/** What docxtemplater writes for a value: its five XML escapes (doc-utils `utf8ToWord`). */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const toWord = (v: string): string => v.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
/** Values docxtemplater renders otherwise than escaped (line breaks) or refuses (control characters, surrogates). */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * The letter with its table of rejected rows. docxtemplater spends ~0.2 ms a row on a loop (3,000 rows: most of a
 * second), so it renders the table with one row of markers, and that row's XML is repeated here with each row's
 * escaped values, exactly what its loop would write (a test holds the two documents equal). Values it would
 * write differently (line breaks) or refuse go through docxtemplater's own loop.
 */
function renderWithRows(name: DocxTemplate, data: Record<string, unknown>, rows: LetterRow[]): Buffer {
  if (rows.length < 2 || rows.some((r) => ROW_FIELDS.some((k) => SPECIAL.test(String(r[k]))))) return render(name, { ...data, rejected: rows });
  const marker = (k: number): string => `\ue000${k}\ue001`;
  const doc = templated(name, { ...data, rejected: [Object.fromEntries(ROW_FIELDS.map((f, k) => [f, marker(k)]))] });
  const xml = doc.file('word/document.xml')?.asText() ?? '';
  const at = ROW_FIELDS.map((_, k) => xml.indexOf(marker(k)));
  const first = Math.min(...at);
  const start = Math.max(xml.lastIndexOf('<w:tr>', first), xml.lastIndexOf('<w:tr ', first));
  const end = xml.indexOf('</w:tr>', Math.max(...at)) + '</w:tr>'.length;
  const row = xml.slice(start, end);
  // the markers, each once, in one table row
  if (first < 0 || start < 0 || end < start || ROW_FIELDS.some((_, k) => row.split(marker(k)).length !== 2) || /<w:tr[ >]/.test(row.slice(1))) {
    return render(name, { ...data, rejected: rows });
  }
  const pieces = row.split(/\ue000(\d)\ue001/);
  const body = rows
    .map((r) => pieces.map((p, k) => (k % 2 === 0 ? p : toWord(String(r[ROW_FIELDS[Number(p)] ?? 'row'])))).join(''))
    .join('');
  doc.file('word/document.xml', xml.slice(0, start) + body + xml.slice(end));
  return packed(doc);
}

/** Up to this many rejected rows the letter lists them; above, it sums them per failed check and refers to the appendix. */
export const LETTER_ROWS_LIMIT = 50;

interface CheckLine {
  check: string;
  rows: number;
  sum: string;
}

/**
 * The rejected rows per check they failed, in the run's order of checks (a row failing two checks counts in
 * both), then those the reviewer rejected though no check failed.
 */
export function rejectedByCheck(rejected: RejectedRow[], ruleTitles: Map<string, string>): CheckLine[] {
  const groups = new Map<string, { rows: number; kopecks: number }>();
  const add = (key: string, r: RejectedRow): void => {
    const g = groups.get(key) ?? { rows: 0, kopecks: 0 };
    g.rows++;
    g.kopecks += r.subsidy ?? 0;
    groups.set(key, g);
  };
  const NONE = '';
  for (const r of rejected) {
    if (r.failedRules.length === 0) add(NONE, r);
    for (const id of r.failedRules) add(id, r);
  }
  const order = [...ruleTitles.keys()];
  const keys = [...groups.keys()].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9)));
  return keys.map((key) => {
    const g = groups.get(key) ?? { rows: 0, kopecks: 0 };
    const title = ruleTitles.get(key);
    const check = key === NONE ? 'Проверки пройдены, не согласовано по решению проверяющего' : `${/^\d+$/.test(key) ? `№ ${key}` : key}${title ? ` «${title}»` : ''}`;
    return { check, rows: g.rows, sum: rubNumber(g.kopecks) };
  });
}

/**
 * Письмо РСО о результатах проверки: sums, the verdict, and the rejected rows with reasons — up to 50 of them;
 * above, the counts and sums per failed check, the rows in the appendix (a 2,917-row letter ran to 458 pages).
 * Rows are named as in the grid and the appendix (`rowLabel`).
 */
export function renderLetter(f: RegistryFacts, rejected: RejectedRow[], stamp: Stamp, opts: { ruleTitles?: Map<string, string>; fastRows?: boolean } = {}): Buffer {
  const listRows = rejected.length <= LETTER_ROWS_LIMIT;
  const data = {
    ...common(f, stamp),
    result_text: resultText(f),
    has_pending: f.rowsPending > 0,
    has_rejected: rejected.length > 0,
    list_rows: listRows,
    by_check: listRows ? [] : rejectedByCheck(rejected, opts.ruleTitles ?? new Map()),
  };
  const rows: LetterRow[] = (listRows ? rejected : []).map((r) => ({
    row: rowLabel(r.n, r.rowNo),
    address: orDash(r.address),
    fias_id: orDash(r.fiasId),
    sum: r.subsidy === null ? '—' : rubNumber(r.subsidy),
    // sums inside a reason («не совпадает с расчетной 22 774 444,90») do not wrap either
    reason: orDash(r.reason).replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NBSP}`),
  }));
  return opts.fastRows === false ? render('letter', { ...data, rejected: rows }) : renderWithRows('letter', data, rows);
}

/** Уведомление о регистрации / об отказе в регистрации. */
export function renderNotification(f: RegistryFacts, stamp: Stamp): Buffer {
  const refused = f.status === 'Отказано в регистрации';
  return render('notification', {
    ...common(f, stamp),
    refused,
    title: refused ? 'об отказе в регистрации реестра' : 'о регистрации реестра',
    refusal_reason: orDash(f.refusalReason).replace(/\.$/, ''),
  });
}
