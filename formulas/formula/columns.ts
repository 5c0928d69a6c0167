import { pow10 } from './exact.ts';
import type { EvalContext, Reader, RowFormula } from './row-formula.ts';
import { BLANK, type Value } from './values.ts';

/**
 * A field of columnar data as the row evaluator reads it. Numbers are exact integers of 10^-scale (kopecks:
 * scale 2, tariffs and volumes: 4) or plain numbers (scale 0); NaN and '' are empty fields.
 */
export type Column =
  | { kind: 'number'; values: ArrayLike<number>; scale?: number }
  | { kind: 'text'; values: readonly (string | undefined)[] }
  /** date serials (days since 30.12.1899) */
  | { kind: 'date'; values: ArrayLike<number> }
  | { kind: 'value'; read: Reader };

export function columnReader(c: Column): Reader {
  switch (c.kind) {
    case 'number': {
      const values = c.values;
      const p = pow10(c.scale ?? 0);
      // an integer divided once by a power of ten is the double nearest to the decimal: exact for the evaluator
      return (row) => {
        const v = values[row] ?? Number.NaN;
        return Number.isNaN(v) ? BLANK : p === 1 ? v : v / p;
      };
    }
    case 'date': {
      const values = c.values;
      return (row) => {
        const v = values[row] ?? Number.NaN;
        return Number.isNaN(v) ? BLANK : v;
      };
    }
    case 'text': {
      const values = c.values;
      return (row): Value => values[row] || BLANK;
    }
    case 'value':
      return c.read;
    default:
      return c satisfies never;
  }
}

/** A compiled formula's value on rows 0…count−1 of columnar data: its fields read from `columns` by name. */
export function evaluateColumn(formula: RowFormula, columns: Readonly<Record<string, Column>>, count: number, ctx: EvalContext): Value[] {
  const read = formula.bind(
    formula.fields.map((name) => {
      const c = columns[name];
      return c ? columnReader(c) : () => BLANK;
    }),
    ctx,
  );
  const out = new Array<Value>(count);
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}
