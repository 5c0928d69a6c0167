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

/** One line of house_services.csv: a service as the house is charged for it. */
export interface HouseService {
  fias_id: string;
  service: string;
  /** руб. × 10^4 per unit, as charged to the population */
  tariff: number;
  /** БПТР decision id; null when the billing does not name one. */
  decision_id: string | null;
  /** consumption norm per month × 10^4 (per person or per m²) */
  norm: number;
  norm_unit: 'чел' | 'м2';
  /** `да`: charged only in the heating period (typically ТС). */
  heating_only: 'да' | 'нет';
}

/** One line of mo_rates.csv: a municipality's housing rates, руб./м² × 100 (kopecks per m²). */
export interface MoRate {
  municipal_district: string;
  /** `все` = every settlement of the district. */
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  maintenance: number;
  capital_repair: number;
  rent: number;
}

/** One house of the ГИС ЖКХ extract. */
export interface GisHouse {
  fias_id: string;
  house_type: 'МКД' | 'ЖД' | null;
  /** m² × 100 */
  area: number | null;
  residents: number | null;
  /** comma separated as in the extract */
  heating_types: string | null;
}

export interface ReferenceRecords {
  houses: House;
  tariffs: TariffDecision;
  organisations: Organisation;
  house_services: HouseService;
  mo_rates: MoRate;
  gis_houses: GisHouse;
}

export type ReferenceKind = keyof ReferenceRecords;
export const REFERENCE_KINDS: readonly ReferenceKind[] = ['houses', 'tariffs', 'organisations', 'house_services', 'mo_rates', 'gis_houses'];
/** The reference the nine registry checks read. */
export const CHECK_REFERENCE_KINDS = ['houses', 'tariffs', 'organisations'] as const satisfies readonly ReferenceKind[];

/** Russian names of the reference kinds, as the import page and messages say them. */
export const REFERENCE_TITLES: Record<ReferenceKind, string> = {
  houses: 'дома',
  tariffs: 'тарифные решения (БПТР)',
  organisations: 'организации',
  house_services: 'услуги домов (тарифы и нормативы)',
  mo_rates: 'ставки МО (содержание, капремонт, наём)',
  gis_houses: 'выгрузка ГИС ЖКХ по домам',
};
