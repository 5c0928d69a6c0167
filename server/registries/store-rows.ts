import type { RegistryCheckResult } from '../../formulas/checks/check-registry.ts';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { RegistryRows } from '../../formulas/registry/types.ts';
import type { Tx } from '../db/database.ts';
import type { RuleSetVersion } from './api-types.ts';

const CHUNK = 10_000;

const dec4 = (v: number | undefined): string | null => (v === undefined || Number.isNaN(v) ? null : scaledToDecimal(v, 4));
/** Declared subsidy, 10⁻⁴ руб. → kopecks, half up as the engine sums it. */
export const kopecksOf = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : Math.sign(v) * Math.floor((Math.abs(v) + 50) / 100));
const arrayLiteral = (items: readonly (string | number)[]): string => `{${items.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;

/** Per row: its verdict arrays as array literals, its failed rule ids, and whether an error-severity rule failed. */
export function rowVerdicts(result: RegistryCheckResult, count: number) {
  const R = result.ruleIds.length;
  const status: string[] = new Array<string>(count);
  const reasons: string[] = new Array<string>(count);
  const failed: string[] = new Array<string>(count);
  const expected: (number | null)[] = new Array<number | null>(count);
  let failedRows = 0;
  for (let i = 0; i < count; i++) {
    const s: number[] = [];
    const r: number[] = [];
    const f: string[] = [];
    let error = false;
    for (let k = 0; k < R; k++) {
      const st = result.status[i * R + k] ?? 0;
      s.push(st);
      r.push(result.reasonIds[i * R + k] ?? 0);
      if (st === 2) {
        f.push(result.ruleIds[k] ?? String(k));
        if (result.severities[k] !== 'warning') error = true;
      }
    }
    if (error) failedRows++;
    status[i] = arrayLiteral(s);
    reasons[i] = arrayLiteral(r);
    failed[i] = arrayLiteral(f);
    const e = result.expected[i] ?? Number.NaN;
    expected[i] = Number.isNaN(e) ? null : e;
  }
  return { status, reasons, failed, expected, failedRows };
}

export async function insertCheckRun(tx: Tx, registryId: number, ruleSet: RuleSetVersion, result: RegistryCheckResult): Promise<number> {
  const [run] = await tx<{ id: string }[]>`
    insert into check_runs (registry_id, rule_set_id, rule_set_version, rule_ids, rule_titles, reasons, duration_ms, severities, formula_problems)
    values (${registryId}, ${ruleSet.id}, ${ruleSet.version}, ${result.ruleIds}::text[], ${result.ruleTitles}::text[], ${result.reasonTexts}::text[],
      ${Math.round(result.elapsedMs)}, ${result.severities}::text[], ${tx.json(result.formulaProblems as never)})
    returning id`;
  if (!run) throw new Error('check run not stored');
  return Number(run.id);
}

/** Inserts every row with its verdicts in a few `unnest` statements; returns the counters the registry keeps. */
export async function insertRows(tx: Tx, registryId: number, rows: RegistryRows, result: RegistryCheckResult): Promise<{ failed: number; declaredSum: number }> {
  const v = rowVerdicts(result, rows.count);
  let declaredSum = 0;
  const subsidy = Array.from(rows.subsidy, (x) => {
    const k = kopecksOf(x);
    if (k !== null) declaredSum += k;
    return k;
  });
  for (let a = 0; a < rows.count; a += CHUNK) {
    const b = Math.min(rows.count, a + CHUNK);
    const col = <T>(f: (i: number) => T): T[] => {
      const out: T[] = [];
      for (let i = a; i < b; i++) out.push(f(i));
      return out;
    };
    await tx`
      insert into registry_rows (registry_id, row_no, n, address, fias_id, diff_attr, territory, supply_system, commissioned,
        tariff_kind, eot, lt, v_living, v_odn, subsidy, expected_subsidy, check_status, check_reasons, failed_rules)
      select ${registryId}, row_no, n, address, fias_id, diff_attr, territory, supply_system, commissioned, tariff_kind,
        eot, lt, v_living, v_odn, subsidy, expected, st::smallint[], rs::integer[], fr::text[]
      from unnest(${col((i) => rows.fileRow[i] ?? i + 1)}::int[], ${col((i) => { const n = rows.n[i] ?? Number.NaN; return Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? n : null; })}::int[],
        ${col((i) => rows.address[i] ?? '')}::text[], ${col((i) => rows.fias[i] ?? '')}::text[], ${col((i) => rows.diffAttr[i] ?? '')}::text[],
        ${col((i) => rows.territory[i] ?? '')}::text[], ${col((i) => rows.supplySystem[i] ?? '')}::text[], ${col((i) => rows.commissioned[i] ?? '')}::text[],
        ${col((i) => rows.tariffKind[i] ?? '')}::text[], ${col((i) => dec4(rows.eot[i]))}::numeric[], ${col((i) => dec4(rows.lt[i]))}::numeric[],
        ${col((i) => dec4(rows.vLiving[i]))}::numeric[], ${col((i) => dec4(rows.vOdn[i]))}::numeric[], ${col((i) => subsidy[i] ?? null)}::int8[],
        ${col((i) => v.expected[i] ?? null)}::int8[], ${col((i) => v.status[i] ?? '{}')}::text[], ${col((i) => v.reasons[i] ?? '{}')}::text[],
        ${col((i) => v.failed[i] ?? '{}')}::text[])
        as t(row_no, n, address, fias_id, diff_attr, territory, supply_system, commissioned, tariff_kind, eot, lt, v_living, v_odn,
             subsidy, expected, st, rs, fr)`;
  }
  return { failed: v.failedRows, declaredSum };
}

/** A re-check: new verdicts on the stored rows (matched by row number), decisions untouched. */
export async function updateRowVerdicts(tx: Tx, registryId: number, rowNo: readonly number[], result: RegistryCheckResult): Promise<number> {
  const v = rowVerdicts(result, rowNo.length);
  for (let a = 0; a < rowNo.length; a += CHUNK) {
    const b = Math.min(rowNo.length, a + CHUNK);
    await tx`
      update registry_rows rr set check_status = t.st::smallint[], check_reasons = t.rs::integer[], failed_rules = t.fr::text[], expected_subsidy = t.expected
      from unnest(${rowNo.slice(a, b)}::int[], ${v.status.slice(a, b)}::text[], ${v.reasons.slice(a, b)}::text[], ${v.failed.slice(a, b)}::text[],
        ${v.expected.slice(a, b)}::int8[]) as t(row_no, st, rs, fr, expected)
      where rr.registry_id = ${registryId} and rr.row_no = t.row_no`;
  }
  return v.failedRows;
}
