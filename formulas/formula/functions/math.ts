import { add, divide, multiply, round, type RoundMode } from '../exact.ts';
import { BLANK, ERRORS, FormulaError, toNumber, type Value } from '../values.ts';
import { VARIADIC, type FunctionDef } from './types.ts';

/**
 * The numbers of СУММ, МИН, МАКС, СРЗНАЧ, СЧЁТ: a field counts only when it holds a number (an empty or
 * text field is skipped, as a cell is); a value written in the formula is converted («12» is 12, "а" is #ЗНАЧ!).
 */
function numbers(args: Value[], refs: readonly boolean[], strict: boolean): number[] | FormulaError {
  const out: number[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k] as Value;
    if (v instanceof FormulaError) return v;
    if (typeof v === 'number') out.push(v);
    else if (refs[k] || v === BLANK) continue;
    else {
      const n = toNumber(v);
      if (n instanceof FormulaError) {
        if (strict) return n;
        continue;
      }
      out.push(n);
    }
  }
  return out;
}

const aggregate = (f: (xs: number[]) => Value, strict = true): FunctionDef => ({
  min: 1,
  max: VARIADIC,
  call(args, refs) {
    const xs = numbers(args, refs, strict);
    return xs instanceof FormulaError ? xs : f(xs);
  },
});

const sum = (xs: number[]): number => xs.reduce(add, 0);

/** One number in, one out; an error or text that is no number gives #ЗНАЧ!. */
const unary = (f: (x: number) => Value): FunctionDef => ({
  min: 1,
  max: 1,
  call(args) {
    const x = toNumber(args[0] as Value);
    return x instanceof FormulaError ? x : f(x);
  },
});

const rounding = (mode: RoundMode): FunctionDef => ({
  min: 1,
  max: 2,
  call(args) {
    const x = toNumber(args[0] as Value);
    if (x instanceof FormulaError) return x;
    const d = args.length > 1 ? toNumber(args[1] as Value) : 0;
    return d instanceof FormulaError ? d : round(x, d, mode);
  },
});

export const MATH: Record<string, FunctionDef> = {
  ABS: unary(Math.abs),
  INT: unary(Math.floor),
  SIGN: unary(Math.sign),
  ROUND: rounding('half'),
  ROUNDUP: rounding('up'),
  ROUNDDOWN: rounding('down'),
  MOD: {
    min: 2,
    max: 2,
    call(args) {
      const a = toNumber(args[0] as Value);
      if (a instanceof FormulaError) return a;
      const b = toNumber(args[1] as Value);
      if (b instanceof FormulaError) return b;
      if (b === 0) return ERRORS.DIV0;
      // Excel: the sign of the divisor, a − b·ЦЕЛОЕ(a/b), exactly
      return add(a, -multiply(b, Math.floor(divide(a, b))));
    },
  },
  SUM: aggregate(sum),
  MIN: aggregate((xs) => (xs.length === 0 ? 0 : Math.min(...xs))),
  MAX: aggregate((xs) => (xs.length === 0 ? 0 : Math.max(...xs))),
  AVERAGE: aggregate((xs) => (xs.length === 0 ? ERRORS.DIV0 : divide(sum(xs), xs.length))),
  COUNT: aggregate((xs) => xs.length, false),
};
