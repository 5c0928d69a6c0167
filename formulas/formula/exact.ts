/**
 * Exact decimal arithmetic on plain doubles. A number is the double nearest to a decimal; the decimal is
 * recovered from it (its count of decimals is the smallest that reproduces the double), the operation is done
 * on integers, and the exact result is rounded once to the nearest double. So 0.1 + 0.2 is the double of 0.3,
 * 48,80 − 41,73 is 7,07, and (48,80 − 41,73) × 22,5 is 159,075 exactly, which ОКРУГЛ then rounds half up to
 * 159,08. Values no short decimal reproduces (1/3, a square root) are computed as doubles, as Excel does.
 */

/** 10^k for k = 0..22: every one of them is a double exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Integers up to here are exact, and so is the recovery of one from a double times a power of ten. */
const LIMIT = 2 ** 52;
const MAX_DECIMALS = 15;

export const pow10 = (k: number): number => POW10[k] ?? 10 ** k;

/** The decimals of the short decimal a double stands for (0.1 → 1, 12.3456 → 4), or −1 when there is none. */
export function decimals(x: number): number {
  if (Number.isInteger(x)) return Math.abs(x) <= LIMIT ? 0 : -1;
  if (!Number.isFinite(x)) return -1;
  for (let s = 1; s <= MAX_DECIMALS; s++) {
    const p = POW10[s] as number;
    const m = Math.round(x * p);
    if (m / p === x) return Math.abs(m) <= LIMIT ? s : -1;
  }
  return -1;
}

export function add(a: number, b: number): number {
  const sa = decimals(a);
  if (sa < 0) return a + b;
  const sb = decimals(b);
  if (sb < 0) return a + b;
  if (sa === 0 && sb === 0) return a + b;
  const p = POW10[sa > sb ? sa : sb] as number;
  const m = Math.round(a * p) + Math.round(b * p);
  return Math.abs(m) <= LIMIT ? m / p : a + b;
}

export const subtract = (a: number, b: number): number => add(a, -b);

export function multiply(a: number, b: number): number {
  const sa = decimals(a);
  if (sa < 0) return a * b;
  const sb = decimals(b);
  if (sb < 0 || sa + sb > 22) return a * b;
  const m = Math.round(a * (POW10[sa] as number)) * Math.round(b * (POW10[sb] as number));
  return Math.abs(m) <= LIMIT ? m / (POW10[sa + sb] as number) : a * b;
}

/** The caller has refused b = 0. */
export function divide(a: number, b: number): number {
  const sa = decimals(a);
  const sb = decimals(b);
  if (sa < 0 || sb < 0) return a / b;
  let num = Math.round(a * (POW10[sa] as number));
  let den = Math.round(b * (POW10[sb] as number));
  if (sb > sa) num *= POW10[sb - sa] as number;
  else den *= POW10[sa - sb] as number;
  return Math.abs(num) <= LIMIT && Math.abs(den) <= LIMIT ? num / den : a / b;
}

/** a^n; whole exponents up to 64 multiply exactly (1,1^2 = 1,21). NaN where Excel says #ЧИСЛО!. */
export function power(a: number, n: number): number {
  if (a === 0 && n === 0) return Number.NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 64 && decimals(a) >= 0) {
    let r = 1;
    for (let k = 0; k < n; k++) r = multiply(r, a);
    return r;
  }
  return a ** n;
}

export type RoundMode = 'half' | 'up' | 'down';

/**
 * Excel's ОКРУГЛ (half away from zero), ОКРУГЛВВЕРХ (away from zero) and ОКРУГЛВНИЗ (toward zero) to `digits`
 * decimals (negative: tens, hundreds), exactly on the decimal. A double with no short decimal is first taken
 * to 15 significant digits, as Excel shows it.
 */
export function round(x: number, digits: number, mode: RoundMode): number {
  const d = Math.trunc(digits);
  let s = decimals(x);
  if (s < 0) {
    x = Number(x.toPrecision(15));
    s = decimals(x);
    if (s < 0) return x;
  }
  if (d >= s) return x;
  if (s - d > 22) return 0;
  const m = Math.round(x * (POW10[s] as number));
  const q = POW10[s - d] as number;
  const r = m % q;
  let whole = (m - r) / q;
  const sign = m < 0 ? -1 : 1;
  if (mode === 'half' ? Math.abs(r) * 2 >= q : mode === 'up' && r !== 0) whole += sign;
  return d >= 0 ? whole / (POW10[d] as number) : whole * pow10(-d);
}
