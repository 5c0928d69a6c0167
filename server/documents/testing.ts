import type ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
/**
 * A registry written straight into the tables, for the documents' tests: the intake command is built in
 * parallel, and documents only read what intake and decisions store. The rows, their check results and their
 * decisions are deterministic functions of the row number, so a test can compute every expected total itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_RULES } from '../../formulas/checks/rules/index.ts';
import type { Sql } from '../db/database.ts';
import type { RegistryStatus, RowStatus } from '../contract/registries.ts';

export interface FixtureRow {
  rowNo: number;
  n: number;
  address: string;
  fiasId: string;
  /** kopecks */
  subsidy: number;
  expected: number;
  /** per rule of FIXTURE_RULES: 1 passed, 2 failed, 3 skipped */
  checkStatus: number[];
  /** per rule: index into FIXTURE_REASONS */
  checkReasons: number[];
  status: RowStatus;
  reason: string | null;
}

export const FIXTURE_RULES = [...BUILT_IN_RULES.map((r) => ({ id: r.id, title: r.title })), { id: 'odn_over_living', title: 'Объем на ОДН больше объема в жилых помещениях' }];
export const FIXTURE_REASONS = ['', 'Дом не найден в ФИАС', 'Нет данных по дате ввода', 'Сумма субсидии не совпадает с расчетной 1 234,56', 'Среднее значение объема по данному дому 3,2222 куб. м (дельта −69%)'];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/**
 * Row i (1-based): a sum with kopecks that do not round (i × 1 234 567 + 89 kopecks); every 7th row fails check 9,
 * every 5th fails check 8 and rule 3 is skipped on every 3rd. `decide(i)` gives its decision.
 */
export function fixtureRows(count: number, decide: (i: number) => { status: RowStatus; reason?: string }): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let i = 1; i <= count; i++) {
    const checkStatus = FIXTURE_RULES.map(() => 1);
    const checkReasons = FIXTURE_RULES.map(() => 0);
    if (i % 3 === 0) [checkStatus[2], checkReasons[2]] = [3, 2];
    if (i % 5 === 0) [checkStatus[7], checkReasons[7]] = [2, 3];
    if (i % 7 === 0) [checkStatus[8], checkReasons[8]] = [2, 4];
    const subsidy = i * 1_234_567 + 89;
    const d = decide(i);
    rows.push({
      rowNo: i,
      n: i,
      address: `обл. Тюменская, р-н Абатский, с. Абатское, ул. Ленина, д.${i} «корп. ${i % 4}» & Ко`,
      fiasId: `${hex(i, 8)}-0000-4000-8000-${hex(i * 7919, 12)}`,
      subsidy,
      expected: i % 5 === 0 ? subsidy - 12_345 : subsidy,
      checkStatus,
      checkReasons,
      status: d.status,
      reason: d.status === 'Не согласован' ? (d.reason ?? `Причина отказа по строке ${i}`) : null,
    });
  }
  return rows;
}

export interface FixtureRegistry {
  rsoName?: string;
  rsoInn?: string;
  service?: string;
  /** `YYYY-MM` */
  period?: string;
  status: RegistryStatus;
  executorId: number | null;
  municipalDistrict?: string;
  letterOutNo?: string | null;
  letterOutDate?: string | null;
  letterInNo?: string | null;
  letterInDate?: string | null;
  refusalReason?: string | null;
  comment?: string | null;
  rows: FixtureRow[];
}

/** Inserts the registry, a check run, its rows with verdicts and decisions, and the counters intake keeps. */
export async function insertRegistry(sql: Sql, r: FixtureRegistry): Promise<number> {
  const sum = (rows: FixtureRow[]): number => rows.reduce((s, x) => s + x.subsidy, 0);
  const agreed = r.rows.filter((x) => x.status === 'Согласован');
  const rejected = r.rows.filter((x) => x.status === 'Не согласован');
  const failed = r.rows.filter((x) => x.checkStatus.includes(2));
  return sql.begin(async (tx) => {
    const [reg] = await tx<{ id: number }[]>`
      insert into registries (rso_inn, rso_name, service, period, status, letter_out_no, letter_out_date, letter_in_no, letter_in_date,
        executor_id, check_deadline, finish_deadline, declared_sum, agreed_sum, file_name, comment, municipal_district, refusal_reason,
        rows_total, rows_failed, rows_agreed, rows_rejected, rejected_sum)
      values (${r.rsoInn ?? '7707083893'}, ${r.rsoName ?? 'ООО "Теплосервис-С. Абатское" <Водоканал> & Ко'}, ${r.service ?? 'ХВС'},
        ${`${r.period ?? '2026-08'}-01`}, ${r.status}, ${r.letterOutNo === undefined ? '157' : r.letterOutNo},
        ${r.letterOutDate === undefined ? '2026-09-06' : r.letterOutDate}, ${r.letterInNo === undefined ? 'ВХ-0412' : r.letterInNo},
        ${r.letterInDate === undefined ? '2026-09-07' : r.letterInDate}, ${r.executorId}, '2026-09-14', '2026-09-21', ${sum(r.rows)},
        ${sum(agreed)}, 'reestr.xlsx', ${r.comment ?? null}, ${r.municipalDistrict ?? 'Абатский муниципальный район'},
        ${r.refusalReason ?? null}, ${r.rows.length}, ${failed.length}, ${agreed.length}, ${rejected.length}, ${sum(rejected)})
      returning id::int as id`;
    if (!reg) throw new Error('registry not inserted');
    const [run] = await tx<{ id: number }[]>`
      insert into check_runs (registry_id, rule_set_id, rule_set_version, rule_ids, rule_titles, reasons, duration_ms)
      values (${reg.id}, 'default', 1, ${FIXTURE_RULES.map((x) => x.id)}, ${FIXTURE_RULES.map((x) => x.title)}, ${FIXTURE_REASONS}, 12)
      returning id::int as id`;
    await tx`update registries set check_run_id = ${run?.id ?? null} where id = ${reg.id}`;
    for (let k = 0; k < r.rows.length; k += 1000) {
      const chunk = r.rows.slice(k, k + 1000).map((x) => ({
        registry_id: reg.id,
        row_no: x.rowNo,
        n: x.n,
        address: x.address,
        fias_id: x.fiasId,
        territory: 'Абатский муниципальный район',
        commissioned: '01.01.1989',
        tariff_kind: 'Однотарифный',
        eot: '48.8000',
        lt: '41.7300',
        v_living: '10.0000',
        v_odn: '0.5000',
        subsidy: x.subsidy,
        expected_subsidy: x.expected,
        check_status: `{${x.checkStatus.join(',')}}`,
        check_reasons: `{${x.checkReasons.join(',')}}`,
        failed_rules: `{${FIXTURE_RULES.filter((_, j) => x.checkStatus[j] === 2).map((q) => q.id).join(',')}}`,
        status: x.status,
        decision_reason: x.reason,
        decided_by: x.status === 'Требует решения' ? null : r.executorId,
      }));
      await tx`insert into registry_rows ${tx(chunk)}`;
    }
    return reg.id;
  });
}

/**
 * What Excel does when the РСО saves the filled template: recalculates every formula and stores its value beside
 * it. HyperFormula evaluates the workbook's formulas as Excel writes them (the same sheet, cell for cell).
 */
export function recalculate(sheet: ExcelJS.Worksheet): void {
  const data: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const line: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      line[c - 1] = v && typeof v === 'object' && 'formula' in v ? `=${v.formula}` : typeof v === 'number' || typeof v === 'string' ? v : null;
    });
    data[r - 1] = line;
  });
  const hf = HyperFormula.buildFromArray(data.map((l) => l ?? []), { licenseKey: 'gpl-v3' });
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      const v = cell.value;
      if (v && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') cell.value = { formula: v.formula, result: hf.getCellValue({ sheet: 0, row: r - 1, col: c - 1 }) as number };
    });
  });
  hf.destroy();
}

/** Where LibreOffice is, or null: the office-program tests run only where it is installed (and must, in CI). */
export function sofficePath(): string | null {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? 'soffice' : null;
}

/**
 * Converts files with LibreOffice in one run (it starts in seconds, so files go together), headless, with a
 * private profile so it neither meets a user's nor another test's running instance. `locale` sets the language
 * Calc formats and parses numbers and dates in (ru-RU: «1 234,56», «01.10.2025»). Returns the converted files'
 * paths by input path; a conversion that did not happen throws with LibreOffice's output.
 */
export function convertWithLibreOffice(inputs: string[], to: string, outDir: string, opts: { locale?: 'ru-RU' | 'en-US'; inFilter?: string } = {}): Map<string, string> {
  const profile = mkdtempSync(join(tmpdir(), 'sverka-lo-'));
  const lang = opts.locale === 'en-US' ? 'en_US.UTF-8' : 'ru_RU.UTF-8';
  try {
    const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to, '--outdir', outDir];
    if (opts.inFilter) args.push(`--infilter=${opts.inFilter}`);
    const r = spawnSync('soffice', [...args, ...inputs], { encoding: 'utf8', env: { ...process.env, LANG: lang, LC_ALL: lang }, timeout: 180_000 });
    const ext = to.split(':')[0] ?? to;
    const out = new Map<string, string>();
    for (const input of inputs) {
      const path = join(outDir, `${basename(input).replace(/\.[^.]+$/, '')}.${ext}`);
      if (!existsSync(path)) throw new Error(`LibreOffice did not convert ${input} to ${ext} (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
      out.set(input, path);
    }
    return out;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext lays it out. */
export function pdfText(path: string): string {
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext ${path}: ${r.stderr}`);
  return r.stdout;
}

/** Pages of a PDF. */
export function pdfPages(path: string): number {
  const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1] ?? 0);
}
