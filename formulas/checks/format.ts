/** Numbers as Russian users read them in reasons: decimal comma, spaces between thousands. */

function group(int: string): string {
  if (int.length <= 3) return int;
  let out = int.slice(0, int.length % 3 || 3);
  for (let k = out.length; k < int.length; k += 3) out += ` ${int.slice(k, k + 3)}`;
  return out;
}

/** An integer of 10^-4 with at least `min` and at most 4 decimals: 488000 → «48,80», 32222 → «3,2222». */
export function fmtScaled4(v: number, min = 2): string {
  const neg = v < 0;
  const a = Math.abs(Math.round(v));
  const int = Math.floor(a / 10_000);
  let frac = String(a % 10_000).padStart(4, '0');
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${neg ? '−' : ''}${group(String(int))}${frac ? `,${frac}` : ''}`;
}

/** Kopecks → «7,07». */
export function fmtKopecks(k: number): string {
  const neg = k < 0;
  const a = Math.abs(k);
  return `${neg ? '−' : ''}${group(String(Math.floor(a / 100)))},${String(a % 100).padStart(2, '0')}`;
}

/** A volume to 4 decimals: «3,2222». */
export const fmtVolume = (v: number): string => fmtScaled4(v, 4);

/** ISO date → ДД.ММ.ГГГГ */
export const fmtDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
