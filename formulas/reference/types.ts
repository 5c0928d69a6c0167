/**
 * Reference data as the checks and the server use it. Money and tariffs are integers of
 * 10^-4 roubles, areas of 10^-2 m², dates ISO strings; names as written in the source.
 */
export interface House {
  fias_id: string;
  address: string;
  municipal_district: string;
  oktmo: string;
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  commissioned: string | null;
  /** m² × 100 */
  area: number | null;
  residents: number | null;
  heating_type: string | null;
}

export interface TariffDecision {
  decision_id: string;
  rso_inn: string;
  service: string;
  municipal_district: string;
  /** `все` = every settlement of the district. */
  settlement: string;
  valid_from: string;
  valid_to: string | null;
  commissioned_from: string | null;
  commissioned_to: string | null;
  tariff_kind: string;
  /** руб. × 10^4 */
  eot: number;
  /** руб. × 10^4 */
  lt: number;
}

export type OrganisationStatus = 'действует' | 'ликвидирована' | 'банкротство' | 'в процессе ликвидации';

export interface Organisation {
  inn: string;
  ogrn: string;
  name: string;
  status: OrganisationStatus;
  tax_debt: 'да' | 'нет' | null;
}

export interface ReferenceRecords {
  houses: House;
  tariffs: TariffDecision;
  organisations: Organisation;
}

export type ReferenceKind = keyof ReferenceRecords;
export const REFERENCE_KINDS: readonly ReferenceKind[] = ['houses', 'tariffs', 'organisations'];

/** Russian names of the reference kinds, as the import page and messages say them. */
export const REFERENCE_TITLES: Record<ReferenceKind, string> = {
  houses: 'дома',
  tariffs: 'тарифные решения (БПТР)',
  organisations: 'организации',
};
