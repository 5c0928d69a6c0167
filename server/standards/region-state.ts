/**
 * The region's standards as the routes read them: houses, their services, the ГИС ЖКХ extract and МО rates
 * loaded from the database once per reference version, grouped and computed by formulas/standards, with each
 * house's failed checks kept as a bit mask so the registry can be searched by error without keeping reasons.
 */
import { parseScaled } from '../../formulas/parse/decimal.ts';
import type { GisHouse, House, HouseService, MoRate } from '../../formulas/reference/types.ts';
import { checkHouse, HOUSE_CHECKS, type HouseCheck } from '../../formulas/standards/house-checks.ts';
import { indexMoRates, type MoRateIndex } from '../../formulas/standards/mo-rates.ts';
import { StandardsModel, type StandardSet } from '../../formulas/standards/model.ts';
import { standardParams, type StandardParams } from '../../formulas/standards/params.ts';
import { standardsByTemplate } from '../../formulas/standards/template-set.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';
import { standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import type { Sql, Tx } from '../db/database.ts';
import type { TemplateVersion } from '../contract/standards.ts';
import { currentTemplate } from './templates.ts';

export const params: StandardParams = standardParams(standardParamsTemplate);

export interface RegionState {
  /** The reference version it was computed from: import batch, МО rates, template version, saved sheet edits. */
  key: string;
  /** The formula template version the standards were computed with. */
  template: TemplateVersion;
  houses: House[];
  byFias: Map<string, number>;
  services: Map<string, HouseService[]>;
  gis: Map<string, GisHouse>;
  bptrIds: Set<string>;
  moRates: MoRate[];
  moIndex: MoRateIndex;
  set: StandardSet;
  groups: Map<string, StandardGroup>;
  /** Bit i set: HOUSE_CHECKS[i] failed for the house of the same index. */
  failed: Uint8Array;
  /** Sorted orders of house indexes, built on first use. */
  orders: Map<string, Uint32Array>;
}

/** numeric text from SQL to an exact scaled integer. */
export function scaledOf(text: string | null, scale: number): number | null {
  if (text === null) return null;
  const r = parseScaled(text, scale);
  if (!r.ok) throw new Error(`numeric ${text} unreadable`);
  return r.value;
}

export async function referenceKey(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string | null; m: string | null; t: number | null; e: string | null }[]>`
    select (select max(id)::text from import_batches) as v, (select max(updated_at)::text from mo_rates) as m,
           (select max(version) from standard_templates) as t, (select max(id)::text from house_service_edits) as e`;
  return `${row?.v ?? ''}|${row?.m ?? ''}|${row?.t ?? 1}|${row?.e ?? ''}`;
}

/** Standards of a region by a template version: the exact evaluator for the shipped formulas, HyperFormula otherwise. */
export const byTemplate = (set: StandardSet, template: TemplateVersion): StandardSet => standardsByTemplate(set, template.template, standardFormulaTemplate, params);

export async function loadStandardsInput(sql: Sql | Tx): Promise<{ houses: House[]; services: HouseService[]; gis: GisHouse[]; moRates: MoRate[]; bptrIds: Set<string> }> {
  const [houseRows, serviceRows, gisRows, rateRows, ids] = await Promise.all([
    sql<(Omit<House, 'area'> & { area: string | null })[]>`
      select h.fias_id::text as fias_id, h.address, m.name as municipal_district, h.oktmo, h.settlement, h.house_type,
             to_char(h.commissioned, 'YYYY-MM-DD') as commissioned, h.area::text as area, h.residents, h.heating_type
      from houses h join municipalities m on m.id = h.municipality_id order by h.fias_id`,
    sql<{ fias_id: string; service: string; tariff: string; decision_id: string | null; norm: string; norm_unit: 'чел' | 'м2'; heating_only: boolean }[]>`
      select fias_id::text as fias_id, service, tariff::text as tariff, decision_id, norm::text as norm, norm_unit, heating_only
      from house_services order by fias_id, line_no`,
    sql<{ fias_id: string; house_type: 'МКД' | 'ЖД' | null; area: string | null; residents: number | null; heating_types: string | null }[]>`
      select fias_id::text as fias_id, house_type, area::text as area, residents, heating_types from gis_houses`,
    sql<{ municipal_district: string; settlement: string; house_type: 'МКД' | 'ЖД'; maintenance: string; capital_repair: string; rent: string }[]>`
      select municipal_district, settlement, house_type, maintenance::text as maintenance, capital_repair::text as capital_repair, rent::text as rent
      from mo_rates order by municipal_district, settlement, house_type`,
    sql<{ decision_id: string }[]>`select distinct decision_id from tariff_decisions`,
  ]);
  return {
    houses: houseRows.map((h) => ({ ...h, area: scaledOf(h.area, 2) })),
    services: serviceRows.map((s) => ({ ...s, tariff: scaledOf(s.tariff, 4) ?? 0, norm: scaledOf(s.norm, 4) ?? 0, heating_only: s.heating_only ? 'да' : 'нет' })),
    gis: gisRows.map((g) => ({ ...g, area: scaledOf(g.area, 2) })),
    moRates: rateRows.map((r) => ({ ...r, maintenance: scaledOf(r.maintenance, 2) ?? 0, capital_repair: scaledOf(r.capital_repair, 2) ?? 0, rent: scaledOf(r.rent, 2) ?? 0 })),
    bptrIds: new Set(ids.map((r) => r.decision_id)),
  };
}

export function houseChecks(state: Pick<RegionState, 'gis' | 'services' | 'bptrIds' | 'moIndex'>, house: House): HouseCheck[] {
  return checkHouse({
    house,
    gis: state.gis.get(house.fias_id),
    services: state.services.get(house.fias_id) ?? [],
    bptrIds: state.bptrIds,
    hasMoRates: state.moIndex.find(house.municipal_district, house.settlement, house.house_type) !== null,
    areaTolerance: params.areaTolerance,
  });
}

function build(key: string, input: Awaited<ReturnType<typeof loadStandardsInput>>, template: TemplateVersion): RegionState {
  const services = new Map<string, HouseService[]>();
  for (const s of input.services) {
    const list = services.get(s.fias_id);
    if (list) list.push(s);
    else services.set(s.fias_id, [s]);
  }
  const model = new StandardsModel({ houses: input.houses, services: input.services, moRates: input.moRates }, params);
  const set = byTemplate(model.result(), template);
  const state: RegionState = {
    key,
    template,
    houses: input.houses,
    byFias: new Map(input.houses.map((h, i) => [h.fias_id, i])),
    services,
    gis: new Map(input.gis.map((g) => [g.fias_id, g])),
    bptrIds: input.bptrIds,
    moRates: input.moRates,
    moIndex: indexMoRates(input.moRates),
    set,
    groups: new Map(set.groups.map((g) => [g.id, g])),
    failed: new Uint8Array(input.houses.length),
    orders: new Map(),
  };
  input.houses.forEach((h, i) => {
    let mask = 0;
    for (const c of houseChecks(state, h)) if (c.status === 'failed') mask |= 1 << HOUSE_CHECKS.indexOf(c.id);
    state.failed[i] = mask;
  });
  return state;
}

const cache = new WeakMap<Sql, { key: string; state: Promise<RegionState> }>();

/** The current state, recomputed only when an import, an МО rate edit, a new template version or a saved sheet edit changed the reference. */
export async function regionState(sql: Sql): Promise<RegionState> {
  const key = await referenceKey(sql);
  const hit = cache.get(sql);
  if (hit && hit.key === key) return hit.state;
  const state = Promise.all([loadStandardsInput(sql), currentTemplate(sql)]).then(([input, template]) => build(key, input, template));
  cache.set(sql, { key, state });
  state.catch(() => cache.delete(sql));
  return state;
}
