import type { RegistryCheckResult } from '../../formulas/checks/check-registry.ts';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import { REGISTRY_COLUMNS, type ColumnKind, type StoredColumns } from '../../formulas/registry/columns.ts';
import type { RegistryRows } from '../../formulas/registry/types.ts';
import type { Tx } from '../db/database.ts';
import type { RegistryRowsPayload, RuleSetVersion } from '../contract/registries.ts';

/**
 * Rows per insert statement. The statements of one registry go out together (pipelined on the transaction's
 * connection), so the server stores one chunk while the next is sent; a chunk is ~1 MB on the wire, a size the
 * embedded Postgres's socket takes in stride (it gathers a message by concatenating every packet received so far).
 */
const CHUNK = 2_500;

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

/** Stores a check run; `note` says why a run was started by the system (a re-check after a linked registry). */
export async function insertCheckRun(tx: Tx, registryId: number, ruleSet: RuleSetVersion, result: RegistryCheckResult, note: string | null = null): Promise<number> {
  const [run] = await tx<{ id: string }[]>`
    insert into check_runs (registry_id, rule_set_id, rule_set_version, rule_ids, rule_titles, reasons, duration_ms, severities, formula_problems, note)
    values (${registryId}, ${ruleSet.id}, ${ruleSet.version}, ${result.ruleIds}::text[], ${result.ruleTitles}::text[], ${result.reasonTexts}::text[],
      ${Math.round(result.elapsedMs)}, ${result.severities}::text[], ${tx.json(result.formulaProblems as never)}, ${note})
    returning id`;
  if (!run) throw new Error('check run not stored');
  return Number(run.id);
}

/**
 * A registry's rows as `registry_rows` gets them: one array per column in the file's order, each value exactly as
 * stored (numbers of 10⁻⁴ as their numeric text, the subsidy in kopecks), with the verdicts and the counters. The
 * intake inserts these and builds the rows payload from the same arrays, so the two cannot disagree.
 */
export type StoredRows = StoredColumns & Pick<RegistryRowsPayload, 'count' | 'rowNo'> & {
  verdicts: ReturnType<typeof rowVerdicts>;
  declaredSum: number;
};

export function storedRows(rows: RegistryRows, result: RegistryCheckResult): StoredRows {
  const count = rows.count;
  let declaredSum = 0;
  const columns = {} as Record<string, unknown[]>;
  for (const c of REGISTRY_COLUMNS) {
    switch (c.kind) {
      case 'text':
      case 'date': {
        const col = rows[c.key];
        columns[c.key] = Array.from({ length: count }, (_, i) => col[i] ?? '');
        break;
      }
      case 'integer': {
        const col = rows[c.key];
        columns[c.key] = Array.from({ length: count }, (_, i) => {
          const n = col[i] ?? Number.NaN;
          return Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? n : null;
        });
        break;
      }
      case 'decimal': {
        const col = rows[c.key];
        columns[c.key] = Array.from({ length: count }, (_, i) => dec4(col[i]));
        break;
      }
      case 'money': {
        const col = rows[c.key];
        columns[c.key] = Array.from({ length: count }, (_, i) => {
          const k = kopecksOf(col[i]);
          if (k !== null) declaredSum += k;
          return k;
        });
        break;
      }
      default:
        c satisfies never;
    }
  }
  return {
    ...(columns as StoredColumns),
    count,
    rowNo: Array.from({ length: count }, (_, i) => rows.fileRow[i] ?? i + 1),
    verdicts: rowVerdicts(result, count),
    declaredSum,
  };
}

/** The Postgres array type each kind of column is sent as. */
const SQL_ARRAY: Record<ColumnKind, string> = { text: 'text[]', date: 'text[]', integer: 'int[]', decimal: 'numeric[]', money: 'int8[]' };
const COLUMN_NAMES = REGISTRY_COLUMNS.map((c) => c.sql).join(', ');

/** Inserts every row with its verdicts, in chunks sent together; a failed chunk fails the transaction. */
export async function insertRows(tx: Tx, registryId: number, c: StoredRows): Promise<void> {
  const v = c.verdicts;
  const names = tx.unsafe(COLUMN_NAMES);
  const chunks: Promise<unknown>[] = [];
  for (let a = 0; a < c.count; a += CHUNK) {
    const b = Math.min(c.count, a + CHUNK);
    const arrays = REGISTRY_COLUMNS.map((col) => tx`${c[col.key].slice(a, b)}::${tx.unsafe(SQL_ARRAY[col.kind])}`).reduce((list, x) => tx`${list}, ${x}`);
    chunks.push(tx`
      insert into registry_rows (registry_id, row_no, ${names}, expected_subsidy, check_status, check_reasons, failed_rules)
      select ${registryId}, row_no, ${names}, expected, st::smallint[], rs::integer[], fr::text[]
      from unnest(${c.rowNo.slice(a, b)}::int[], ${arrays}, ${v.expected.slice(a, b)}::int8[], ${v.status.slice(a, b)}::text[],
        ${v.reasons.slice(a, b)}::text[], ${v.failed.slice(a, b)}::text[])
        as t(row_no, ${names}, expected, st, rs, fr)`.execute());
  }
  await Promise.all(chunks);
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
