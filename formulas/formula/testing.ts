import { columnReader, type Column } from './columns.ts';
import { compileRowFormula, todaySerial } from './row-formula.ts';
import { BLANK, FormulaError, type Value } from './values.ts';

/** A test's row: numbers as decimals of 10⁻⁴ (null = empty), text as is ('' = empty). */
export type TestRow = Record<string, number | string | null>;

/** Columns for test rows: a field with any string value is text, else a number column of 10⁻⁴. */
export function testColumns(rows: readonly TestRow[]): Record<string, Column> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    names.map((name) => {
      const isText = rows.some((r) => typeof r[name] === 'string');
      const column: Column = isText
        ? { kind: 'text', values: rows.map((r) => String(r[name] ?? '')) }
        : { kind: 'number', values: Float64Array.from(rows, (r) => (typeof r[name] === 'number' ? Math.round((r[name] as number) * 10_000) : Number.NaN)), scale: 4 };
      return [name, column];
    }),
  );
}

/** A value as tests compare it: errors by their Russian name, the blank as null. */
export const shown = (v: Value): number | string | boolean | null => (v instanceof FormulaError ? v.name('ru') : v === BLANK ? null : (v as number | string | boolean));

/** Evaluates a formula on each row; a formula that does not compile gives its problem as a string. */
export function evaluate(formula: string, rows: readonly TestRow[] = [{}], today = '2026-05-15'): (number | string | boolean | null)[] | string {
  const columns = testColumns(rows);
  const fields = [...Object.keys(columns), 'a', 'b', 't'];
  const c = compileRowFormula(formula, fields, { prefer: 'ru' });
  if (!c.ok) return `${c.problem.position}: ${c.problem.message}`;
  const readers = c.formula.fields.map((f) => (columns[f] ? columnReader(columns[f]) : () => BLANK));
  const read = c.formula.bind(readers, { today: todaySerial(today) });
  return rows.map((_, i) => shown(read(i)));
}

/** The single value of a formula on one row. */
export function value(formula: string, row: TestRow = {}): number | string | boolean | null | undefined {
  const r = evaluate(formula, [row]);
  if (typeof r === 'string') throw new Error(r);
  return r[0];
}
