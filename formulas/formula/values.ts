/**
 * Values of the row evaluator and Excel's rules for turning one kind into another: a blank is 0 in
 * arithmetic and "" in text; text that reads as a number (Russian or English decimal, spaces between
 * thousands) or a date counts as one; errors pass through whatever is done to them.
 */
import { parseDate } from '../parse/date.ts';
import { ERROR_NAMES, type ErrorCode, type Spelling } from './spelling.ts';

export class FormulaError {
  constructor(readonly code: ErrorCode) {}
  /** The error as the spelling writes it: #ДЕЛ/0! or #DIV/0!. */
  name(spelling: Spelling = 'ru'): string {
    return ERROR_NAMES[spelling][this.code];
  }
}

/** One instance per code: the evaluator allocates nothing per row for an error. */
export const ERRORS: Readonly<Record<ErrorCode, FormulaError>> = {
  DIV0: new FormulaError('DIV0'),
  VALUE: new FormulaError('VALUE'),
  NAME: new FormulaError('NAME'),
  NA: new FormulaError('NA'),
  NUM: new FormulaError('NUM'),
  REF: new FormulaError('REF'),
  NULL: new FormulaError('NULL'),
};

/** An empty field: Excel's empty cell. */
export interface Blank {
  readonly blank: true;
}
export const BLANK: Blank = Object.freeze({ blank: true as const });

/** Dates are numbers: days since 30.12.1899, as in Excel (from 1 March 1900) and HyperFormula. */
export type Value = number | string | boolean | Blank | FormulaError;

export const isError = (v: Value): v is FormulaError => v instanceof FormulaError;

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

export const serialOfIso = (iso: string): number => (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - EPOCH) / DAY;

/** 30.12.1899 counted from 01.03.0000 of the proleptic calendar, for civilOf. */
const EPOCH_DAYS = 693_899;

/**
 * Year, month (1-12) and day of a date serial, by arithmetic on 400-year eras (H. Hinnant's civil_from_days)
 * instead of a Date object per row.
 */
export function dateOfSerial(serial: number): { y: number; m: number; d: number } {
  const z = Math.floor(serial) + EPOCH_DAYS;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** DATE(y; m; d) with Excel's overflow (month 13 is January of the next year); NaN outside 1900-9999. */
export function serialOfDate(y: number, m: number, d: number): number {
  const year = y >= 0 && y < 1900 ? y + 1900 : y;
  if (year < 1900 || year > 9999) return Number.NaN;
  const utc = new Date(0);
  utc.setUTCFullYear(year, m - 1, d);
  const serial = Math.round((utc.getTime() - EPOCH) / DAY);
  return serial < 0 ? Number.NaN : serial;
}

const NUMBER_TEXT = /^([+-]?)(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d*)(?:[.,](\d+))?(?:[eE]([+-]?\d+))?(%?)$/;

/** Text as a number the way a Russian user writes one («1 234,5», «1234.5», «15%», «01.02.2024»), or null. */
export function numberOfText(text: string): number | null {
  const s = text.trim().replace('−', '-');
  if (s === '') return null;
  const m = NUMBER_TEXT.exec(s);
  if (m && (m[2] !== '' || m[3] !== undefined)) {
    const digits = `${m[1] ?? ''}${(m[2] ?? '').replace(/\D/g, '') || '0'}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] !== undefined ? `e${m[4]}` : ''}`;
    const x = Number(digits);
    if (!Number.isFinite(x)) return null;
    return m[5] ? x / 100 : x;
  }
  if (/^\d{1,2}[./]\d{1,2}[./]\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = parseDate(s);
    if (d.ok) return serialOfIso(d.value.iso);
  }
  return null;
}

export function toNumber(v: Value): number | FormulaError {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return numberOfText(v) ?? ERRORS.VALUE;
  if (v === BLANK) return 0;
  return v as FormulaError;
}

/** A number as Excel's general format shows it in Russian: 1,5; 1234; 1,5E+21. */
export function numberText(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const s = String(Number(x.toPrecision(15)));
  return s.replace('.', ',').replace(/e([+-])(\d)$/, 'E$10$2').replace('e', 'E');
}

export function toText(v: Value): string | FormulaError {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'ИСТИНА' : 'ЛОЖЬ';
  if (v === BLANK) return '';
  return v as FormulaError;
}

export function toBoolean(v: Value): boolean | FormulaError {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === BLANK) return false;
  if (typeof v === 'string') {
    const u = v.trim().toUpperCase();
    if (u === 'TRUE' || u === 'ИСТИНА') return true;
    if (u === 'FALSE' || u === 'ЛОЖЬ') return false;
    return ERRORS.VALUE;
  }
  return v as FormulaError;
}

const collator = new Intl.Collator('ru', { sensitivity: 'accent' });
/** Numbers equal within 10⁻¹³ of their size are equal, as in HyperFormula: a long division may miss by that. */
const EPSILON = 1e-13;

function compareNumbers(x: number, y: number): number {
  if (x === y) return 0;
  return Math.abs(x - y) < EPSILON * Math.max(Math.abs(x), Math.abs(y)) ? 0 : x < y ? -1 : 1;
}

const rank = (v: number | string | boolean): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);

/**
 * Excel's comparison: numbers before text before FALSE before TRUE, text without regard to case; a blank is
 * 0, "" or FALSE, whatever it is compared with. Negative, zero or positive; an error when either side is one.
 */
export function compare(a: Value, b: Value): number | FormulaError {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (a instanceof FormulaError) return a;
  if (b instanceof FormulaError) return b;
  if (a === BLANK) a = b === BLANK ? 0 : typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === BLANK) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  const x = a as number | string | boolean;
  const y = b as number | string | boolean;
  if (typeof x === 'number' && typeof y === 'number') return compareNumbers(x, y);
  if (typeof x === 'string' && typeof y === 'string') return x === y ? 0 : collator.compare(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  return rank(x) - rank(y);
}
