import { BLANK, ERRORS, FormulaError, isError, toBoolean, type Value } from '../values.ts';
import { VARIADIC, type FunctionDef } from './types.ts';

/** И / ИЛИ / ИСКЛИЛИ: every argument is evaluated; a field that is empty or text is skipped, as a cell is. */
function logical(combine: (trues: number, count: number) => boolean): FunctionDef {
  return {
    min: 1,
    max: VARIADIC,
    call(args, refs) {
      let trues = 0;
      let count = 0;
      for (let k = 0; k < args.length; k++) {
        const v = args[k] as Value;
        if (v === true || v === false) {
          count++;
          if (v) trues++;
          continue;
        }
        if (v instanceof FormulaError) return v;
        if (refs[k] && (typeof v === 'string' || v === BLANK)) continue;
        if (v === BLANK) continue;
        const b = toBoolean(v);
        if (b instanceof FormulaError) return b;
        count++;
        if (b) trues++;
      }
      return count === 0 ? ERRORS.VALUE : combine(trues, count);
    },
  };
}

const test = (predicate: (v: Value) => boolean): FunctionDef => ({ min: 1, max: 1, call: (args) => predicate(args[0] as Value) });

export const LOGICAL: Record<string, FunctionDef> = {
  IF: {
    min: 2,
    max: 3,
    lazy: true,
    call(args, row) {
      const c = toBoolean((args[0] as (row: number) => Value)(row));
      if (c instanceof FormulaError) return c;
      if (c) return (args[1] as (row: number) => Value)(row);
      return args[2] ? args[2](row) : false;
    },
  },
  IFERROR: {
    min: 2,
    max: 2,
    lazy: true,
    call(args, row) {
      const v = (args[0] as (row: number) => Value)(row);
      return isError(v) ? (args[1] as (row: number) => Value)(row) : v;
    },
  },
  IFNA: {
    min: 2,
    max: 2,
    lazy: true,
    call(args, row) {
      const v = (args[0] as (row: number) => Value)(row);
      return v === ERRORS.NA ? (args[1] as (row: number) => Value)(row) : v;
    },
  },
  AND: logical((trues, count) => trues === count),
  OR: logical((trues) => trues > 0),
  XOR: logical((trues) => trues % 2 === 1),
  NOT: {
    min: 1,
    max: 1,
    call(args) {
      const b = toBoolean(args[0] as Value);
      return b instanceof FormulaError ? b : !b;
    },
  },
  TRUE: { min: 0, max: 0, call: () => true },
  FALSE: { min: 0, max: 0, call: () => false },
  ISBLANK: test((v) => v === BLANK),
  ISNUMBER: test((v) => typeof v === 'number'),
  ISTEXT: test((v) => typeof v === 'string'),
  ISLOGICAL: test((v) => typeof v === 'boolean'),
  ISERROR: test((v) => v instanceof FormulaError),
  ISNA: test((v) => v === ERRORS.NA),
};
