import { divRoundHalfUp } from '../money.ts';

const SCALE_8_TO_KOPECKS = 1_000_000n; // (10^-4 руб.) × (10^-4 units) = 10^-8 руб.; a kopeck is 10^-2

/**
 * Expected subsidy of a row in kopecks: (ЭОТ − ЛТ) × (V жилые + V ОДН), rounded half up once, at the end.
 * Inputs are integers of 10^-4; an empty ОДН counts as zero; NaN when a tariff or the living volume is missing.
 */
export function expectedSubsidy(eot: number, lt: number, vLiving: number, vOdn: number): number {
  if (Number.isNaN(eot) || Number.isNaN(lt) || Number.isNaN(vLiving)) return Number.NaN;
  const volume = vLiving + (Number.isNaN(vOdn) ? 0 : vOdn);
  return Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(volume), SCALE_8_TO_KOPECKS));
}
