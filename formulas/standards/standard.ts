/**
 * The exact evaluator of the standard per family member (DOMAIN.md): every term in integers of 10^-10 руб.
 * (BigInt), rounded half up to kopecks once, at the end. The bulk of 200,000 houses goes through this;
 * the HyperFormula sheet of `sheet.ts` evaluates the same formula where people read and edit it.
 */
import { divRoundHalfUp, type Kopecks } from '../money.ts';
import type { StandardParams } from './params.ts';
import { CATEGORIES, FAMILY_SIZES, type Category, type FamilySize, type HousingRates, type Period, type ServiceLine, type Standards } from './types.ts';

/** housing(c) of DOMAIN.md, kopecks per m². */
export function housingRate(c: Category, r: HousingRates): Kopecks {
  switch (c) {
    case 'tenant':
      return r.rent + r.maintenance;
    case 'owner':
      return r.maintenance + r.capital_repair;
    case 'owner_no_kr':
      return r.maintenance;
    default:
      return c satisfies never;
  }
}

/** Σ tariff·norm of the services counted in a period, split by norm unit, in 10^-8 руб. (per m² or per person). */
export interface ServiceSums {
  perM2: bigint;
  perPerson: bigint;
}

export function serviceSums(services: readonly ServiceLine[], period: Period): ServiceSums {
  let perM2 = 0n;
  let perPerson = 0n;
  for (const s of services) {
    if (s.heating_only && period === 'non_heating') continue;
    const product = BigInt(s.tariff) * BigInt(s.norm);
    if (s.norm_unit === 'м2') perM2 += product;
    else perPerson += product;
  }
  return { perM2, perPerson };
}

/**
 * RS for one category, family size and period, kopecks:
 * S(n)·housing(c) + Σ per-m² S(n)·tariff·norm + Σ per-person tariff·norm, rounded half up at the end.
 * S is m² × 100, housing kopecks per m², tariff and norm × 10^4: all three terms meet at 10^-10 руб.
 */
export function standardPerMember(areaX100: number, housing: Kopecks, sums: ServiceSums): Kopecks {
  const s = BigInt(areaX100);
  const total = s * BigInt(housing) * 1_000_000n + s * sums.perM2 + sums.perPerson * 100n;
  return Number(divRoundHalfUp(total, 100_000_000n));
}

/** Every standard of a group: tenant / owner / owner_no_kr × n = 1, 2, 3+ × heating / non-heating. */
export function computeStandards(rates: HousingRates, services: readonly ServiceLine[], params: Pick<StandardParams, 'normativeArea'>): Standards {
  const heating = serviceSums(services, 'heating');
  const nonHeating = serviceSums(services, 'non_heating');
  const out = {} as Standards;
  for (const c of CATEGORIES) {
    const housing = housingRate(c, rates);
    const byN = {} as Record<FamilySize, Record<Period, Kopecks>>;
    for (const n of FAMILY_SIZES) {
      const area = params.normativeArea[n];
      byN[n] = { heating: standardPerMember(area, housing, heating), non_heating: standardPerMember(area, housing, nonHeating) };
    }
    out[c] = byN;
  }
  return out;
}
