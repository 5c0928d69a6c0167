import { divRoundHalfUp } from '../money.ts';

const SCALE_8_TO_KOPECKS = 1_000_000n; // (10^-4 руб.) × (10^-4 units) = 10^-8 руб.; a kopeck is 10^-2

/**
 * Expected subsidy of a row in kopecks: (ЭОТ − ЛТ) × (V жилые + V ОДН), rounded half up once, at the end.
 * Inputs are integers of 10^-4; an empty ОДН counts as zero; NaN when a tariff or the living volume is missing.
 */
export function expectedSubsidy(eot: number, lt: number, vLiving: number, vOdn: number): number {
  if (Number.isNaN(eot) || Number.isNaN(lt) || Number.isNaN(vLiving)) return Number.NaN;
  const volume = vLiving + (Number.isNaN(vOdn) ? 0 : vOdn);
  const product = (eot - lt) * volume;
  // below 2^53 the product of two integers is exact in a double, and so is its split into kopecks and rest
  if (Math.abs(product) < Number.MAX_SAFE_INTEGER) return roundHalfUpDiv(product, 1_000_000);
  return Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(volume), SCALE_8_TO_KOPECKS));
}

/** n / d rounded half up (away from zero at .5) for integers n, d > 0 with |n| < 2^53. */
function roundHalfUpDiv(n: number, d: number): number {
  const a = Math.abs(n);
  const q = Math.floor(a / d);
  const rest = a - q * d;
  const r = rest * 2 >= d ? q + 1 : q;
  return n < 0 ? -r : r;
}
