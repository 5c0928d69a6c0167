/**
 * Numbers as the files write them: exact integers of 10^-scale units printed with a decimal comma, so no
 * float ever stands between the generated value and its text.
 */

/** 123456 at scale 2 → «1234,56»; −5 at scale 2 → «-0,05». */
export function scaled(value: number, scale: number): string {
  const neg = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${whole}${scale > 0 ? `,${frac}` : ''}`;
}

/** Kopecks → «35,67». */
export const rub = (kopecks: number): string => scaled(kopecks, 2);

/** Integer of 10^-4 units → «12,3456». */
export const vol4 = (units: number): string => scaled(units, 4);

/** A number an xlsx cell holds: exact at the given scale because one integer is divided once. */
export const cellNumber = (value: number, scale: number): number => value / 10 ** scale;

/** Roubles (a float from the parameters) → integer kopecks. */
export const toKopecks = (roubles: number): number => Math.round(roubles * 100);
