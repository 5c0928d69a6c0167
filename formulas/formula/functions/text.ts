import { formatText } from '../text-format.ts';
import { BLANK, ERRORS, FormulaError, numberOfText, toNumber, toText, type Value } from '../values.ts';
import { VARIADIC, type FunctionDef } from './types.ts';

const text = (v: Value): string | FormulaError => toText(v);

/** A count argument (ЛЕВСИМВ's «сколько»): a whole number ≥ 0, 1 when omitted. */
function count(args: Value[], k: number, fallback: number): number | FormulaError {
  const v = args[k];
  if (v === undefined || v === BLANK) return v === undefined ? fallback : 0;
  const n = toNumber(v);
  if (n instanceof FormulaError) return n;
  return n < 0 ? ERRORS.VALUE : Math.trunc(n);
}

const stringFn = (f: (s: string) => Value): FunctionDef => ({
  min: 1,
  max: 1,
  call(args) {
    const s = text(args[0] as Value);
    return s instanceof FormulaError ? s : f(s);
  },
});

const concat: FunctionDef = {
  min: 1,
  max: VARIADIC,
  call(args) {
    let out = '';
    for (const v of args) {
      const s = text(v);
      if (s instanceof FormulaError) return s;
      out += s;
    }
    return out;
  },
};

/** ПОИСК's pattern: ? any character, * any run, ~ takes the next one literally; case does not matter. */
let lastPattern = '';
let lastRegex = /(?:)/;
function searchRegex(pattern: string): RegExp {
  if (pattern === lastPattern) return lastRegex;
  let source = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k] as string;
    if (c === '~' && k + 1 < pattern.length) source += (pattern[++k] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '*') source += '[\\s\\S]*?';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  lastPattern = pattern;
  lastRegex = new RegExp(source, 'iu');
  return lastRegex;
}

/** НАЙТИ and ПОИСК: the 1-based position of the first match at or after `start`, or #ЗНАЧ!. */
function finder(caseless: boolean): FunctionDef {
  return {
    min: 2,
    max: 3,
    call(args) {
      const what = text(args[0] as Value);
      if (what instanceof FormulaError) return what;
      const within = text(args[1] as Value);
      if (within instanceof FormulaError) return within;
      const start = count(args, 2, 1);
      if (start instanceof FormulaError) return start;
      if (start < 1 || start > within.length + (what === '' ? 1 : 0)) return ERRORS.VALUE;
      if (what === '') return start;
      const rest = within.slice(start - 1);
      const at = caseless ? rest.search(searchRegex(what)) : rest.indexOf(what);
      return at < 0 ? ERRORS.VALUE : at + start;
    },
  };
}

/** ЛЕВСИМВ and ПРАВСИМВ: n characters (1 when omitted) from one end. */
const end = (take: (s: string, n: number) => string): FunctionDef => ({
  min: 1,
  max: 2,
  call(args) {
    const s = text(args[0] as Value);
    if (s instanceof FormulaError) return s;
    const n = count(args, 1, 1);
    return n instanceof FormulaError ? n : take(s, n);
  },
});

export const TEXT: Record<string, FunctionDef> = {
  LEN: stringFn((s) => s.length),
  UPPER: stringFn((s) => s.toUpperCase()),
  LOWER: stringFn((s) => s.toLowerCase()),
  TRIM: stringFn((s) => s.trim().replace(/ {2,}/g, ' ')),
  LEFT: end((s, n) => s.slice(0, n)),
  RIGHT: end((s, n) => (n === 0 ? '' : s.slice(-n))),
  MID: {
    min: 3,
    max: 3,
    call(args) {
      const s = text(args[0] as Value);
      if (s instanceof FormulaError) return s;
      const start = count(args, 1, 1);
      if (start instanceof FormulaError) return start;
      const n = count(args, 2, 0);
      if (n instanceof FormulaError) return n;
      return start < 1 ? ERRORS.VALUE : s.slice(start - 1, start - 1 + n);
    },
  },
  CONCAT: concat,
  CONCATENATE: concat,
  FIND: finder(false),
  SEARCH: finder(true),
  VALUE: {
    min: 1,
    max: 1,
    call(args) {
      const v = args[0] as Value;
      if (typeof v === 'number' || v instanceof FormulaError) return v;
      if (typeof v === 'string') return numberOfText(v) ?? ERRORS.VALUE;
      return v === BLANK ? 0 : ERRORS.VALUE;
    },
  },
  TEXT: {
    min: 2,
    max: 2,
    call(args) {
      const v = args[0] as Value;
      const format = text(args[1] as Value);
      if (format instanceof FormulaError) return format;
      if (v instanceof FormulaError) return v;
      if (typeof v === 'string' && numberOfText(v) === null) return v;
      const x = toNumber(v);
      return x instanceof FormulaError ? x : formatText(x, format);
    },
  },
};
