import type { House, Organisation, TariffDecision } from '../reference/types.ts';
import type { ServiceDictionary } from '../registry/services.ts';
import { normalizeName } from '../table/normalize.ts';

/** What the checks need of a house, with names already normalised for comparison. */
export interface HouseFacts {
  district: string;
  districtKey: string;
  settlementKey: string;
  /** Year of commissioning in the house registry, when it has one. */
  year: number | null;
}

export interface TariffFacts {
  decisionId: string;
  /** Normalised settlement; ALL_SETTLEMENTS for `все`. */
  settlementKey: string;
  validFrom: string;
  validTo: string | null;
  commissionedFrom: string | null;
  commissionedTo: string | null;
  /** 10^-4 руб. */
  eot: number;
  lt: number;
}

export interface OrganisationFacts {
  inn: string;
  name: string;
  status: Organisation['status'];
  taxDebt: boolean;
}

/** Reference data indexed for lookups in the row loop: houses by GUID, tariffs by РСО + service + district. */
export interface ReferenceIndex {
  houses: Map<string, HouseFacts>;
  tariffs: Map<string, TariffFacts[]>;
  organisations: Map<string, OrganisationFacts>;
}

export const ALL_SETTLEMENTS = normalizeName('все');

export const tariffKey = (inn: string, service: string, districtKey: string): string => `${inn}|${service}|${districtKey}`;

export interface ReferenceData {
  houses: readonly House[];
  tariffs: readonly TariffDecision[];
  organisations: readonly Organisation[];
}

/** Built once per version of the reference data, reused for every registry checked against it. */
export function buildReferenceIndex(data: ReferenceData, services: ServiceDictionary): ReferenceIndex {
  const houses = new Map<string, HouseFacts>();
  for (const h of data.houses) {
    houses.set(h.fias_id.toLowerCase(), {
      district: h.municipal_district,
      districtKey: normalizeName(h.municipal_district),
      settlementKey: normalizeName(h.settlement),
      year: h.commissioned ? Number(h.commissioned.slice(0, 4)) : null,
    });
  }
  const tariffs = new Map<string, TariffFacts[]>();
  for (const t of data.tariffs) {
    const key = tariffKey(t.rso_inn, services.resolve(t.service) ?? t.service, normalizeName(t.municipal_district));
    let list = tariffs.get(key);
    if (!list) tariffs.set(key, (list = []));
    list.push({
      decisionId: t.decision_id,
      settlementKey: normalizeName(t.settlement),
      validFrom: t.valid_from,
      validTo: t.valid_to,
      commissionedFrom: t.commissioned_from,
      commissionedTo: t.commissioned_to,
      eot: t.eot,
      lt: t.lt,
    });
  }
  const organisations = new Map<string, OrganisationFacts>();
  for (const o of data.organisations) organisations.set(o.inn, { inn: o.inn, name: o.name, status: o.status, taxDebt: o.tax_debt === 'да' });
  return { houses, tariffs, organisations };
}
