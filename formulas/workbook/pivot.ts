/**
 * The pivot of a sheet: its rows grouped by up to three fields, with sums, counts, averages, minima and maxima,
 * and for every cell the source rows behind it (drill-down). Sums are exact: a source column of exact integers
 * (kopecks, 10⁻⁴) is summed as integers, a formula column by the exact decimal addition of `formula/exact.ts`.
 */
import type { Column } from '../formula/columns.ts';
import { add, decimals, divide, pow10 } from '../formula/exact.ts';
import { fieldKey, type Reader } from '../formula/row-formula.ts';
import { BLANK, compare, FormulaError, toText, type Value } from '../formula/values.ts';
import type { DataSet, Field } from './data.ts';
import type { SheetResult } from './evaluate.ts';
import type { Aggregate, PivotDef, PivotValueDef } from './types.ts';
import { MAX_GROUP_BY } from './types.ts';

export interface PivotGroup {
  /** the group's value of each group field (the first row's value; equal values group together) */
  keys: (number | string | boolean | null)[];
  /** source row indices behind the group, in the sheet's order */
  rows: number[];
  /** one per pivot value: null when the group has no number for it */
  values: (number | null)[];
}

export interface PivotResult {
  groupBy: Field[];
  values: PivotValueDef[];
  groups: PivotGroup[];
  total: PivotGroup;
}

/**
 * A field as the pivot reads it, prepared once per sheet result and kept: group codes (each distinct value a small
 * integer) and numbers as exact integers of one scale. A regroup then only combines codes and adds integers.
 */
export interface PivotField {
  field: Field;
  read: Reader;
  codes(): { codes: Int32Array; keys: Value[] };
  /** 1 where the row's value is not empty (what `count` counts) */
  filled(): Uint8Array;
  /** null values are not numbers; `scale` null: doubles with no common short decimal (added exactly one by one) */
  numbers(): { values: Float64Array; scale: number | null; present: Uint8Array };
}

const prepared = new WeakMap<SheetResult, Map<string, PivotField>>();

/** The sheet's fields as the pivot reads them; `data` is the sheet's source (its exact integers are used as they are). */
export function pivotFields(result: SheetResult, data: DataSet | null): (name: string) => PivotField | null {
  let cache = prepared.get(result);
  if (!cache) prepared.set(result, (cache = new Map()));
  const byKey = new Map(result.known.map((f) => [fieldKey(f.name), f]));
  const n = result.sourceCount;
  return (name) => {
    const field = byKey.get(fieldKey(name));
    if (!field) return null;
    const hit = cache.get(field.name);
    if (hit) return hit;
    const read = result.read.get(field.name) as Reader;
    const col: Column | undefined = data?.columns[field.name];
    let codes: { codes: Int32Array; keys: Value[] } | null = null;
    let numbers: { values: Float64Array; scale: number | null; present: Uint8Array } | null = null;
    let filled: Uint8Array | null = null;
    const pf: PivotField = {
      field,
      read,
      codes() {
        if (codes) return codes;
        const out = new Int32Array(n);
        const index = new Map<string, number>();
        const keys: Value[] = [];
        for (let i = 0; i < n; i++) {
          const v = read(i);
          const k = keyOf(v);
          let c = index.get(k);
          if (c === undefined) {
            c = keys.length;
            index.set(k, c);
            keys.push(v);
          }
          out[i] = c;
        }
        return (codes = { codes: out, keys });
      },
      filled() {
        if (filled) return filled;
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const v = read(i);
          out[i] = v === BLANK || v === '' ? 0 : 1;
        }
        return (filled = out);
      },
      numbers() {
        if (numbers) return numbers;
        const present = new Uint8Array(n);
        if (col && col.kind === 'number' && field.type === 'number') {
          const values = Float64Array.from(col.values);
          for (let i = 0; i < n; i++) present[i] = Number.isNaN(values[i] as number) ? 0 : 1;
          return (numbers = { values, scale: col.scale ?? 0, present });
        }
        const raw = new Float64Array(n);
        let scale = 0;
        for (let i = 0; i < n; i++) {
          const v = read(i);
          if (typeof v !== 'number') continue;
          present[i] = 1;
          raw[i] = v;
          if (scale >= 0 && !Number.isInteger(v)) {
            const d = decimals(v);
            scale = d < 0 || d > MAX_SCALE ? -1 : Math.max(scale, d);
          }
        }
        if (scale < 0) return (numbers = { values: raw, scale: null, present });
        const p = pow10(scale);
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const m = Math.round((raw[i] as number) * p);
          if (Math.abs(m) > LIMIT / Math.max(n, 1)) return (numbers = { values: raw, scale: null, present });
          values[i] = m;
        }
        return (numbers = { values, scale, present });
      },
    };
    cache.set(field.name, pf);
    return pf;
  };
}

/** Decimals kept exact in a pivot's integer sums; sums of n integers stay below 2^53 (checked per value). */
const MAX_SCALE = 8;
const LIMIT = 2 ** 53;

const keyOf = (v: Value): string => (v === BLANK ? '\u0000' : v instanceof FormulaError ? `\u0001${v.code}` : typeof v === 'number' ? `n${v}` : typeof v === 'boolean' ? `b${v}` : `s${(v as string).toLowerCase()}`);

const plain = (v: Value): number | string | boolean | null => (v === BLANK ? null : v instanceof FormulaError ? v.name('ru') : (v as number | string | boolean));

/** Groups `rows` (source indices in display order) and aggregates. Unknown fields are left out (the sheet reports them). */
export function pivot(def: PivotDef, rows: ArrayLike<number>, fieldOf: (name: string) => PivotField | null): PivotResult {
  const groupBy = def.groupBy.slice(0, MAX_GROUP_BY).map(fieldOf).filter((f): f is PivotField => f !== null);
  const values = def.values.filter((v) => fieldOf(v.field) !== null);
  const valueFields = values.map((v) => fieldOf(v.field) as PivotField);
  const coded = groupBy.map((g) => g.codes());
  // a group's number: the codes of its fields in mixed radix (≤ 3 fields, so far below 2^53)
  const radix = coded.map((c) => c.keys.length);
  const groups = new Map<number, number[]>();
  const all: number[] = new Array<number>(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j] as number;
    all[j] = i;
    let key = 0;
    for (let k = 0; k < coded.length; k++) key = key * (radix[k] as number) + ((coded[k] as { codes: Int32Array }).codes[i] as number);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(i);
  }
  const keysOf = (rs: number[]): Value[] => coded.map((c) => c.keys[c.codes[rs[0] as number] as number] as Value);
  const aggregate = (rs: number[]): (number | null)[] => values.map((v, k) => aggregateOf(v.agg, valueFields[k] as PivotField, rs));
  const sorted = [...groups.values()].map((rs) => ({ keys: keysOf(rs), rows: rs })).sort((a, b) => {
    for (let k = 0; k < a.keys.length; k++) {
      const x = a.keys[k] as Value;
      const y = b.keys[k] as Value;
      if (x === BLANK || y === BLANK) {
        if (x !== y) return x === BLANK ? 1 : -1;
        continue;
      }
      const c = compare(x, y);
      if (typeof c === 'number' && c !== 0) return c;
    }
    return 0;
  });
  return {
    groupBy: groupBy.map((g) => g.field),
    values,
    groups: sorted.map((g) => ({ keys: g.keys.map(plain), rows: g.rows, values: aggregate(g.rows) })),
    total: { keys: groupBy.map(() => null), rows: all, values: aggregate(all) },
  };
}

/** One aggregate over a group's rows; text, blanks and errors are not numbers (Excel's pivot skips them). */
function aggregateOf(agg: Aggregate, f: PivotField, rows: readonly number[]): number | null {
  if (agg === 'count') {
    const filled = f.filled();
    let n = 0;
    for (const i of rows) n += filled[i] as number;
    return n;
  }
  const { values, scale, present } = f.numbers();
  let sum = 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const i of rows) {
    if (present[i] === 0) continue;
    const x = values[i] as number;
    // exact integers of one scale: plain addition is exact; doubles without a common decimal: exact one by one
    sum = scale === null ? add(sum, x) : sum + x;
    n++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return agg === 'sum' ? 0 : null;
  const p = scale === null ? 1 : pow10(scale);
  if (agg === 'sum') return sum / p;
  if (agg === 'min') return min / p;
  if (agg === 'max') return max / p;
  return divide(sum / p, n);
}

/** A pivot group's key as people read it (a blank key is «(пусто)»). */
export const keyText = (k: number | string | boolean | null): string => {
  if (k === null) return '(пусто)';
  const t = toText(k);
  return typeof t === 'string' ? t : '';
};
