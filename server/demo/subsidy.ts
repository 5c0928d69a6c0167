/**
 * The subsidy of a registry row, exactly: (ЭОТ − ЛТ) × (V жилые + V ОДН), tariffs in kopecks, volumes in
 * 10^-4 units, the product in BigInt, rounded half up to kopecks once at the end.
 */
import { divRoundHalfUp } from '../../formulas/money.ts';

const VOLUME_SCALE = 10_000n;

/** Kopecks of subsidy for tariffs in kopecks and volumes in integers of 10^-4 units. */
export function subsidyKopecks(eot: number, lt: number, vLiving: number, vOdn: number): number {
  return Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(vLiving + vOdn), VOLUME_SCALE));
}
