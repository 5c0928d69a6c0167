/**
 * Which mo_rates row applies to a house: the row of its own settlement when the district has one,
 * otherwise the district's `все` row; none → the house has no standard (a house check says so).
 */
import type { MoRate } from '../reference/types.ts';
import { normalizeName } from '../table/normalize.ts';
import type { HousingRates } from './types.ts';

export const ALL_SETTLEMENTS = 'все';

/** normalizeName is a handful of regular expressions; a region has a few hundred distinct names. */
export function memoNormalizeName(): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) cache.set(s, (v = normalizeName(s)));
    return v;
  };
}

export interface AppliedRate {
  /** `все` or the settlement as the mo_rates row writes it. */
  settlement: string;
  rates: HousingRates;
}

export interface MoRateIndex {
  find(district: string, settlement: string, houseType: string): AppliedRate | null;
}

/** Names are normalised through a memo: the lookup runs once per house. */
export function indexMoRates(rows: readonly MoRate[], norm: (s: string) => string = memoNormalizeName()): MoRateIndex {
  const byKey = new Map<string, AppliedRate>();
  for (const r of rows) {
    const place = norm(r.settlement) === ALL_SETTLEMENTS ? ALL_SETTLEMENTS : norm(r.settlement);
    byKey.set(`${norm(r.municipal_district)}\u0001${place}\u0001${r.house_type}`, {
      settlement: place === ALL_SETTLEMENTS ? ALL_SETTLEMENTS : r.settlement,
      rates: { maintenance: r.maintenance, capital_repair: r.capital_repair, rent: r.rent },
    });
  }
  return {
    find(district, settlement, houseType) {
      const d = norm(district);
      return byKey.get(`${d}\u0001${norm(settlement)}\u0001${houseType}`) ?? byKey.get(`${d}\u0001${ALL_SETTLEMENTS}\u0001${houseType}`) ?? null;
    },
  };
}
