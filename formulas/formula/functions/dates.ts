import { dateOfSerial, ERRORS, FormulaError, serialOfDate, toNumber, type Value } from '../values.ts';
import type { FunctionDef } from './types.ts';

/** ГОД, МЕСЯЦ, ДЕНЬ of a date serial or of a date written as text («01.02.2024»). */
const part = (pick: (d: { y: number; m: number; d: number }) => number): FunctionDef => ({
  min: 1,
  max: 1,
  call(args) {
    const x = toNumber(args[0] as Value);
    if (x instanceof FormulaError) return x;
    return x < 0 || x > 2958465 ? ERRORS.NUM : pick(dateOfSerial(x));
  },
});

export const DATES: Record<string, FunctionDef> = {
  YEAR: part((d) => d.y),
  MONTH: part((d) => d.m),
  DAY: part((d) => d.d),
  DATE: {
    min: 3,
    max: 3,
    call(args) {
      const parts: number[] = [];
      for (const v of args) {
        const n = toNumber(v);
        if (n instanceof FormulaError) return n;
        parts.push(Math.trunc(n));
      }
      const serial = serialOfDate(parts[0] ?? 0, parts[1] ?? 1, parts[2] ?? 1);
      return Number.isNaN(serial) ? ERRORS.NUM : serial;
    },
  },
  TODAY: { min: 0, max: 0, call: (_args, _refs, ctx) => ctx.today },
};
