/**
 * The regional standards of ЖКУ cost (DOMAIN.md «Regional standards»): categories, family sizes, periods,
 * and the shapes the server, the command line and the workspace exchange. Money is kopecks.
 */
import type { Kopecks } from '../money.ts';

export const CATEGORIES = ['tenant', 'owner', 'owner_no_kr'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Family of 1, 2, or 3 and more. */
export const FAMILY_SIZES = ['1', '2', '3'] as const;
export type FamilySize = (typeof FAMILY_SIZES)[number];

export const PERIODS = ['heating', 'non_heating'] as const;
export type Period = (typeof PERIODS)[number];

export const CATEGORY_TITLES: Record<Category, string> = {
  tenant: 'наниматель',
  owner: 'собственник',
  owner_no_kr: 'собственник без взноса на капремонт',
};

export const PERIOD_TITLES: Record<Period, string> = { heating: 'отопительный период', non_heating: 'неотопительный период' };

/** Standard per family member per month, kopecks: category → n → period. */
export type Standards = Record<Category, Record<FamilySize, Record<Period, Kopecks>>>;

/** Housing rates of a municipality, kopecks per m². */
export interface HousingRates {
  maintenance: Kopecks;
  capital_repair: Kopecks;
  rent: Kopecks;
}

/** One service of a group as it enters the standard: tariff and norm in 10^-4 units. */
export interface ServiceLine {
  service: string;
  tariff: number;
  norm: number;
  norm_unit: 'чел' | 'м2';
  heating_only: boolean;
}

/** What makes houses share one standard (DOMAIN.md «Group»). */
export interface GroupKey {
  municipal_district: string;
  /** The settlement of the mo_rates row that applies, or `все` when the district's row applies. */
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  heating_type: string;
  /** Sorted by service, then tariff, norm, unit, heating_only. */
  services: ServiceLine[];
}

export interface StandardGroup {
  /** Stable id derived from the key: the same key gets the same id in every version. */
  id: string;
  key: GroupKey;
  rates: HousingRates | null;
  houses: number;
  /** Null when the group cannot have a standard; `reason` says why (never a silent zero). */
  standards: Standards | null;
  reason: string | null;
}
