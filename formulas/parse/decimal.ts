import { fail, ok, type Parsed } from '../problem.ts';

/**
 * Reads a decimal as an exact integer of 10^-scale units: «1 234,56» at scale 2 → 123456.
 * Accepts a decimal comma or point, normal, non-breaking and thin spaces as thousands separators,
 * a leading minus (also the typographic «−»), and spreadsheet numbers. More fractional digits than
 * the scale allows are rounded half up (away from zero), as a regulator rounds kopecks.
 */
export function parseScaled(raw: string | number, scale: number): Parsed<number> {
  const text = typeof raw === 'number' ? numberToText(raw) : raw;
  if (text === null) return fail(`не число: «${String(raw)}»`);
  const s = text.trim().replace(/[\s\u00a0\u2009\u202f]/g, '').replace('−', '-');
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return fail(`не число: «${String(raw)}»`);
  const sign = m[1] === '-' ? -1 : 1;
  const whole = m[2] || '0';
  const frac = m[3] ?? '';
  const kept = frac.slice(0, scale).padEnd(scale, '0');
  const roundUp = frac.length > scale && Number(frac[scale]) >= 5;
  const all = whole + kept;
  // up to 15 digits a double holds the integer exactly; BigInt only for the rare longer ones
  const digits = all.length <= 15 ? Number(all) + (roundUp ? 1 : 0) : BigInt(all) + (roundUp ? 1n : 0n);
  if (digits > Number.MAX_SAFE_INTEGER) return fail(`слишком большое число: «${String(raw)}»`);
  return ok(sign * Number(digits));
}

/** Spreadsheet floats (48.8, 0.30000000000000004) to their shortest faithful decimal text. */
function numberToText(x: number): string | null {
  if (!Number.isFinite(x)) return null;
  const t = String(Number(x.toPrecision(15)));
  if (!t.includes('e')) return t;
  return x.toFixed(20).replace(/0+$/, '');
}

/** An integer count (residents, № п/п): digits only, spaces allowed as separators. */
export function parseInteger(raw: string | number): Parsed<number> {
  const r = parseScaled(raw, 0);
  if (!r.ok) return r;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (/[.,]\d*[1-9]/.test(text.trim())) return fail(`ожидалось целое число, получено «${text}»`);
  return r;
}

/** An exact scaled integer back to decimal text for SQL numeric: (123456, 2) → «1234.56». */
export function scaledToDecimal(v: number, scale: number): string {
  if (scale === 0) return String(v);
  const neg = v < 0;
  const digits = String(Math.abs(v)).padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
