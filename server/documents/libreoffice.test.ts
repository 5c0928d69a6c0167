/**
 * Every file Sverka writes, as an office program opens it (issue 13): LibreOffice converts the letter, the appendix,
 * the registry export, the list export and the analytics export to PDF and (the sheets) to CSV, in its Russian
 * locale. No sum may print as «###», the totals must be the API's to the kopeck, and dates must come back as dates.
 * Skipped, with a message, only where LibreOffice is missing outside CI; in CI (CI=true) its absence fails.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDate } from '../../formulas/parse/date.ts';
import { parsePeriod } from '../../formulas/registry/period.ts';
import { parseScaled } from '../../formulas/parse/decimal.ts';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { SliceTable } from '../contract/analytics.ts';
import type { DocumentItem, RegistryList } from '../contract/registries.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import { convertWithLibreOffice, fixtureRows, insertRegistry, pdfPages, pdfText, sofficePath } from './testing.ts';

const soffice = sofficePath();
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('LibreOffice (soffice) не найден: проверки файлов в офисной программе пропущены (в CI они обязательны)');

/** A CSV as LibreOffice writes it with «;» (fields quoted when they must be). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** «1 234 567,89» as LibreOffice's Russian locale shows money → kopecks. */
const kopecks = (text: string | undefined): number => {
  const r = parseScaled(text ?? '', 2);
  if (!r.ok) throw new Error(`not money: «${text}»`);
  return r.value;
};

describe.skipIf(!soffice && !inCi)('files in LibreOffice', () => {
  let db: Database;
  let api: TestApi;
  let dir: string;
  const cookie: Record<string, string> = {};
  let registryId: number;
  const pdf = new Map<string, string>();
  const csv = new Map<string, string[][]>();
  const NAMES = ['letter.docx', 'appendix.xlsx', 'registry.xlsx', 'list.xlsx', 'analytics.xlsx', 'letter-3000.docx'];
  let bigRejected = 0;

  beforeAll(async () => {
    if (!soffice) throw new Error('LibreOffice (soffice) не установлен, а в CI проверки файлов в офисной программе обязательны: .ci/run ставит libreoffice-calc и libreoffice-writer');
    db = await openMigrated(testDatabases()[0]!);
    await ensureFirstUsers(db.sql, { demo: true });
    api = apiFor(db.sql);
    for (const login of ['reviewer', 'manager']) cookie[login] = await signIn(api, login, DEMO_USERS.find((u) => u.login === login)?.password ?? '');
    const [reviewer] = await db.sql<{ id: number }[]>`select id from users where login = 'reviewer'`;
    // 340 rows with sums up to 4 billion kopecks; every 9th rejected with a long reason that wraps
    const rows = fixtureRows(340, (i) =>
      i % 9 === 0 ? { status: 'Не согласован', reason: `Тариф не найден в БПТР: по дому нет решения об установлении тарифа на ${i % 2 ? 'холодное' : 'горячее'} водоснабжение для данного вида тарифа и даты ввода дома в эксплуатацию; проверьте код дома по ФИАС и дату ввода (строка ${i})` } : { status: 'Согласован' },
    );
    registryId = await insertRegistry(db.sql, { status: 'Согласован', executorId: reviewer?.id ?? null, rows });
    // SVERKA_OFFICE_DIR keeps the files and their conversions to look at (PNGs: pdftoppm -png -r 60 …)
    dir = process.env.SVERKA_OFFICE_DIR ? mkdtempSync(join(process.env.SVERKA_OFFICE_DIR, 'office-')) : mkdtempSync(join(tmpdir(), 'sverka-office-'));
    const save = async (name: string, res: Response): Promise<void> => {
      expect(res.status, name).toBe(200);
      writeFileSync(join(dir, name), new Uint8Array(await res.arrayBuffer()));
    };
    const document = async (id: number, kind: 'letter' | 'appendix', name: string): Promise<void> => {
      const made = await api.request(`/registries/${id}/documents`, { method: 'POST', headers: { cookie: cookie.reviewer!, 'content-type': 'application/json' }, body: JSON.stringify({ kind }) });
      expect(made.status).toBe(201);
      const doc = (await made.json()) as DocumentItem;
      await save(name, await api.request(`/documents/${doc.id}/file`, { headers: { cookie: cookie.reviewer! } }));
    };
    await document(registryId, 'letter', 'letter.docx');
    await document(registryId, 'appendix', 'appendix.xlsx');
    // a letter rejecting 3,000 rows: it ran to 458 pages, the last holding only «Исп.»
    const big = fixtureRows(3_000, () => ({ status: 'Не согласован', reason: 'Тариф не найден в БПТР' }));
    bigRejected = big.length;
    await document(await insertRegistry(db.sql, { status: 'Не согласован', executorId: reviewer?.id ?? null, rows: big }), 'letter', 'letter-3000.docx');
    await save('registry.xlsx', await api.request(`/registries/${registryId}/export.xlsx`, { headers: { cookie: cookie.manager! } }));
    await save('list.xlsx', await api.request('/registries/export.xlsx', { headers: { cookie: cookie.manager! } }));
    await save('analytics.xlsx', await api.request('/analytics/export.xlsx?group=month,rso', { headers: { cookie: cookie.manager! } }));
    const files = NAMES.map((n) => join(dir, n));
    const pdfDir = mkdtempSync(join(dir, 'pdf-'));
    for (const [input, out] of convertWithLibreOffice(files, 'pdf', pdfDir)) pdf.set(input.slice(dir.length + 1), out);
    const csvDir = mkdtempSync(join(dir, 'csv-'));
    // «;», UTF-8, values as shown: what a person saving «CSV» from Russian LibreOffice gets
    for (const [input, out] of convertWithLibreOffice(files.filter((f) => f.endsWith('.xlsx')), 'csv:Text - txt - csv (StarCalc):59,34,76,1', csvDir)) {
      csv.set(input.slice(dir.length + 1), csvRows(readFileSync(out, 'utf8')));
    }
  }, 300_000);
  afterAll(async () => {
    await db?.close();
  });

  it('prints no sum as «###» in any of the five files', () => {
    for (const name of NAMES) {
      const text = pdfText(pdf.get(name)!);
      expect(text.length, name).toBeGreaterThan(200);
      expect(text, name).not.toMatch(/###/);
    }
  });

  it('prints letters whose sums do not wrap, short above 50 rows, with no page holding only the signature', () => {
    for (const name of ['letter.docx', 'letter-3000.docx']) {
      const text = pdfText(pdf.get(name)!).replace(/\u00a0/g, ' ');
      // each sum on one line, «руб.» with it
      expect(text, name).toMatch(/Не согласовано: \d{1,3}(?: \d{3})*,\d{2} руб\./);
      const pages = text.split('\f').filter((p) => p.trim() !== '');
      const last = pages.at(-1) ?? '';
      expect(last, `${name}: the last page`).toMatch(/Исп\./);
      expect(last.replace(/Исп\..*$/m, '').trim().length, `${name}: the last page holds more than «Исп.»`).toBeGreaterThan(100);
    }
    expect(pdfPages(pdf.get('letter-3000.docx')!)).toBeLessThanOrEqual(3);
    expect(pdfText(pdf.get('letter-3000.docx')!).replace(/\s+/g, ' ')).toContain(`(${bigRejected}) с указанием причин приведен в приложении`);
  });

  it('keeps the totals of the API to the kopeck and dates as dates', async () => {
    const reg = (await (await api.request(`/registries?limit=100`, { headers: { cookie: cookie.manager! } })).json()) as RegistryList;
    const item = reg.rows.find((r) => r.id === registryId)!;
    const byLabel = (rows: string[][], label: string): string[] => rows.find((r) => r[0] === label) ?? [];

    // the registry export: the summary and the line of totals
    const exp = csv.get('registry.xlsx')!;
    expect(kopecks(byLabel(exp, 'Заявленная сумма, руб.')[3])).toBe(item.declaredSum);
    expect(kopecks(byLabel(exp, 'Согласованная сумма, руб.')[3])).toBe(item.agreedSum);
    const header = exp.find((r) => r[0] === '№ строки')!;
    expect(kopecks(byLabel(exp, 'Итого')[header.indexOf('Размер итоговой субсидии, руб.')])).toBe(item.declaredSum);
    const deadline = byLabel(exp, 'Срок проверки')[3];
    expect(deadline).toBe('14.09.2026');
    expect(parseDate(deadline!).ok).toBe(true);
    expect(parsePeriod(byLabel(exp, 'Отчетный период')[3]!)).toMatchObject({ ok: true, value: { key: '2026-08' } });
    expect(byLabel(exp, 'Отчетный период')[3]).toMatch(/^[Аа]вгуст 2026$/);
    expect(exp[exp.indexOf(header) + 1]?.[header.indexOf('Дата ввода в эксплуатацию')]).toBe('01.01.1989');

    // the appendix: rejected rows, their sum
    const app = csv.get('appendix.xlsx')!;
    expect(kopecks(byLabel(app, 'Не согласовано, руб.')[2])).toBe(item.declaredSum - item.agreedSum);
    expect(kopecks(byLabel(app, 'Итого')[3])).toBe(item.declaredSum - item.agreedSum);

    // the list: its totals, the period as a month, the deadline as a date
    const list = csv.get('list.xlsx')!;
    const lh = list.find((r) => r[0] === '№ п/п')!;
    expect(reg.rows).toHaveLength(2);
    expect(kopecks(byLabel(list, 'Итого')[lh.indexOf('Заявлено, руб.')])).toBe(reg.rows.reduce((t, r) => t + r.declaredSum, 0));
    expect(kopecks(byLabel(list, 'Итого')[lh.indexOf('Согласовано, руб.')])).toBe(reg.rows.reduce((t, r) => t + r.agreedSum, 0));
    const first = list[list.indexOf(lh) + 1]!;
    expect(first[lh.indexOf('Срок проверки')]).toBe('14.09.2026');
    expect(first[lh.indexOf('Период нач. субсидии')]).toMatch(/^[Аа]вгуст 2026$/);

    // analytics: the totals of its table, months as months
    const table = (await (await api.request('/analytics/table?group=month,rso', { headers: { cookie: cookie.manager! } })).json()) as SliceTable;
    const an = csv.get('analytics.xlsx')!;
    const ah = an.find((r) => r[0] === 'Месяц')!;
    expect(kopecks(byLabel(an, 'Итого')[ah.indexOf('Заявлено, ₽')])).toBe(table.totals.declared);
    expect(kopecks(byLabel(an, 'Итого')[ah.indexOf('Согласовано, ₽')])).toBe(table.totals.agreed);
    expect(an[an.indexOf(ah) + 1]?.[0]).toMatch(/^[Аа]вгуст 2026$/);
  });
});
