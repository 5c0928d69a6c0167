/**
 * Money is an integer number of kopecks; tariffs and volumes are integers of 10^-4 units.
 * Products are taken in BigInt so no intermediate value ever loses precision.
 */
export type Kopecks = number;

/** Scale of tariffs (руб.) and volumes: 4 decimal places. */
export const SCALE4 = 10_000;

/** Rounds a non-negative or negative BigInt quotient n/d half up (away from zero at .5). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return neg ? -q : q;
}

/** «2 214 806,24» — kopecks formatted as Russian users read roubles. */
export function formatRub(k: Kopecks): string {
  const neg = k < 0;
  const a = Math.abs(k);
  const rub = Math.trunc(a / 100).toLocaleString('ru-RU').replace(/\u00a0/g, ' ');
  return `${neg ? '−' : ''}${rub},${String(a % 100).padStart(2, '0')}`;
}

/** Kopecks to a JSON number of roubles (70.70 → 70.7): exact, since it divides an integer once. */
export const kopecksToRub = (k: Kopecks): number => k / 100;
