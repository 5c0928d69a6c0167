import { normalizeName } from '../../formulas/table/normalize.ts';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { GisHouse, House, HouseService, MoRate, Organisation, TariffDecision } from '../../formulas/reference/types.ts';
import type { Tx } from '../db/database.ts';

/** How many records an upsert inserted and changed; the rest were already identical. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

const CHUNK = 5_000;

async function inChunks<T>(items: T[], fn: (chunk: T[]) => Promise<UpsertCounts>): Promise<UpsertCounts> {
  const total = { inserted: 0, updated: 0 };
  for (let i = 0; i < items.length; i += CHUNK) {
    const c = await fn(items.slice(i, i + CHUNK));
    total.inserted += c.inserted;
    total.updated += c.updated;
  }
  return total;
}

// `xmax = 0` is true for a freshly inserted tuple and false for one updated by ON CONFLICT: one round trip counts both.
function count(rows: { inserted: boolean }[]): UpsertCounts {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

const dec = (v: number | null, scale: number): string | null => (v === null ? null : scaledToDecimal(v, scale));

export function upsertOrganisations(tx: Tx, rows: Organisation[], version: number): Promise<UpsertCounts> {
  return inChunks(rows, async (chunk) =>
    count(await tx<{ inserted: boolean }[]>`
      insert into organisations (inn, ogrn, name, status, tax_debt, version)
      select inn, ogrn, name, status, case tax_debt when 'да' then true when 'нет' then false end, ${version}
      from unnest(${chunk.map((r) => r.inn)}::text[], ${chunk.map((r) => r.ogrn)}::text[], ${chunk.map((r) => r.name)}::text[],
                  ${chunk.map((r) => r.status)}::text[], ${chunk.map((r) => r.tax_debt)}::text[])
        as t(inn, ogrn, name, status, tax_debt)
      on conflict (inn) do update set ogrn = excluded.ogrn, name = excluded.name, status = excluded.status,
        tax_debt = excluded.tax_debt, version = excluded.version, updated_at = now()
      where (organisations.ogrn, organisations.name, organisations.status, organisations.tax_debt)
        is distinct from (excluded.ogrn, excluded.name, excluded.status, excluded.tax_debt)
      returning (xmax = 0) as inserted`),
  );
}

/** District of a house: its ОКТМО's first five digits name the municipal district or city okrug. */
const districtOktmo = (oktmo: string): string => `${oktmo.slice(0, 5)}000`;

async function upsertMunicipalities(tx: Tx, rows: House[]): Promise<Map<string, number>> {
  const byKey = new Map<string, { name: string; oktmo: string }>();
  for (const h of rows) {
    const key = normalizeName(h.municipal_district);
    if (!byKey.has(key)) byKey.set(key, { name: h.municipal_district, oktmo: districtOktmo(h.oktmo) });
  }
  const keys = [...byKey.keys()];
  await tx`insert into municipalities (name, name_key, oktmo)
    select * from unnest(${keys.map((k) => byKey.get(k)?.name ?? k)}::text[], ${keys}::text[], ${keys.map((k) => byKey.get(k)?.oktmo ?? null)}::text[])
    on conflict (name_key) do nothing`;
  const ids = await tx<{ id: number; name_key: string }[]>`select id, name_key from municipalities where name_key = any(${keys}::text[])`;
  return new Map(ids.map((r) => [r.name_key, r.id]));
}

export async function upsertHouses(tx: Tx, rows: House[], version: number): Promise<UpsertCounts> {
  const municipality = await upsertMunicipalities(tx, rows);
  return inChunks(rows, async (c) =>
    count(await tx<{ inserted: boolean }[]>`
      insert into houses (fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type, version)
      select fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type, ${version}
      from unnest(${c.map((h) => h.fias_id)}::uuid[], ${c.map((h) => h.address)}::text[],
                  ${c.map((h) => municipality.get(normalizeName(h.municipal_district)) ?? null)}::int[],
                  ${c.map((h) => h.oktmo)}::text[], ${c.map((h) => h.settlement)}::text[], ${c.map((h) => h.house_type)}::text[],
                  ${c.map((h) => h.commissioned)}::date[], ${c.map((h) => dec(h.area, 2))}::numeric[],
                  ${c.map((h) => h.residents)}::int[], ${c.map((h) => h.heating_type)}::text[])
        as t(fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type)
      on conflict (fias_id) do update set address = excluded.address, municipality_id = excluded.municipality_id,
        oktmo = excluded.oktmo, settlement = excluded.settlement, house_type = excluded.house_type,
        commissioned = excluded.commissioned, area = excluded.area, residents = excluded.residents,
        heating_type = excluded.heating_type, version = excluded.version, updated_at = now()
      where (houses.address, houses.municipality_id, houses.oktmo, houses.settlement, houses.house_type,
             houses.commissioned, houses.area, houses.residents, houses.heating_type)
        is distinct from (excluded.address, excluded.municipality_id, excluded.oktmo, excluded.settlement, excluded.house_type,
             excluded.commissioned, excluded.area, excluded.residents, excluded.heating_type)
      returning (xmax = 0) as inserted`),
  );
}

export function upsertTariffs(tx: Tx, rows: TariffDecision[], version: number): Promise<UpsertCounts> {
  return inChunks(rows, async (c) =>
    count(await tx<{ inserted: boolean }[]>`
      insert into tariff_decisions (decision_id, rso_inn, service, municipal_district, settlement, valid_from, valid_to,
        commissioned_from, commissioned_to, tariff_kind, eot, lt, version)
      select decision_id, rso_inn, service, municipal_district, settlement, valid_from, valid_to,
        commissioned_from, commissioned_to, tariff_kind, eot, lt, ${version}
      from unnest(${c.map((t) => t.decision_id)}::text[], ${c.map((t) => t.rso_inn)}::text[], ${c.map((t) => t.service)}::text[],
                  ${c.map((t) => t.municipal_district)}::text[], ${c.map((t) => t.settlement)}::text[],
                  ${c.map((t) => t.valid_from)}::date[], ${c.map((t) => t.valid_to)}::date[],
                  ${c.map((t) => t.commissioned_from)}::date[], ${c.map((t) => t.commissioned_to)}::date[],
                  ${c.map((t) => t.tariff_kind)}::text[], ${c.map((t) => dec(t.eot, 4))}::numeric[], ${c.map((t) => dec(t.lt, 4))}::numeric[])
        as t(decision_id, rso_inn, service, municipal_district, settlement, valid_from, valid_to,
             commissioned_from, commissioned_to, tariff_kind, eot, lt)
      on conflict (decision_id, municipal_district, settlement, valid_from, commissioned_from, commissioned_to, tariff_kind)
      do update set rso_inn = excluded.rso_inn, service = excluded.service, valid_to = excluded.valid_to,
        eot = excluded.eot, lt = excluded.lt, version = excluded.version, updated_at = now()
      where (tariff_decisions.rso_inn, tariff_decisions.service, tariff_decisions.valid_to, tariff_decisions.eot, tariff_decisions.lt)
        is distinct from (excluded.rso_inn, excluded.service, excluded.valid_to, excluded.eot, excluded.lt)
      returning (xmax = 0) as inserted`),
  );
}

/**
 * A house's services are replaced as a whole when the file lists a different set for it (lines in file
 * order; a service may appear twice, for the house check to report). Houses the file does not list keep
 * theirs. Counts are in lines: those of new houses are inserted, those of changed houses updated.
 */
export async function upsertHouseServices(tx: Tx, rows: HouseService[], version: number): Promise<UpsertCounts> {
  const lineNo = new Map<string, number>();
  const numbered = rows.map((r) => {
    const n = (lineNo.get(r.fias_id) ?? 0) + 1;
    lineNo.set(r.fias_id, n);
    return { ...r, line_no: n };
  });
  await tx`create temp table incoming_services (fias_id uuid, line_no integer, service text, tariff numeric(14, 4), decision_id text,
    norm numeric(14, 4), norm_unit text, heating_only boolean) on commit drop`;
  for (let i = 0; i < numbered.length; i += CHUNK) {
    const c = numbered.slice(i, i + CHUNK);
    await tx`insert into incoming_services
      select fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only = 'да' from unnest(${c.map((r) => r.fias_id)}::uuid[], ${c.map((r) => r.line_no)}::int[], ${c.map((r) => r.service)}::text[],
        ${c.map((r) => dec(r.tariff, 4))}::numeric[], ${c.map((r) => r.decision_id)}::text[], ${c.map((r) => dec(r.norm, 4))}::numeric[],
        ${c.map((r) => r.norm_unit)}::text[], ${c.map((r) => r.heating_only)}::text[])
        as t(fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only)`;
  }
  const line = tx`concat_ws('|', service, tariff::text, coalesce(decision_id, ''), norm::text, norm_unit, heating_only::text)`;
  const changed = await tx<{ fias_id: string; is_new: boolean; n: number }[]>`
    with a as (select fias_id, string_agg(${line}, ';' order by line_no) as s, count(*)::int as n from incoming_services group by fias_id),
         b as (select fias_id, string_agg(${line}, ';' order by line_no) as s from house_services
               where fias_id in (select fias_id from a) group by fias_id)
    select a.fias_id, b.fias_id is null as is_new, a.n from a left join b using (fias_id) where b.s is distinct from a.s`;
  const ids = changed.map((r) => r.fias_id);
  await tx`delete from house_services where fias_id = any(${ids}::uuid[])`;
  await tx`insert into house_services (fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, version)
    select fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, ${version} from incoming_services
    where fias_id = any(${ids}::uuid[])`;
  return {
    inserted: changed.filter((r) => r.is_new).reduce((s, r) => s + r.n, 0),
    updated: changed.filter((r) => !r.is_new).reduce((s, r) => s + r.n, 0),
  };
}

export async function upsertMoRates(tx: Tx, rows: MoRate[], version: number): Promise<UpsertCounts> {
  return count(await tx<{ inserted: boolean }[]>`
    insert into mo_rates (municipal_district, district_key, settlement, settlement_key, house_type, maintenance, capital_repair, rent, version)
    select *, ${version}::bigint from unnest(${rows.map((r) => r.municipal_district)}::text[], ${rows.map((r) => normalizeName(r.municipal_district))}::text[],
      ${rows.map((r) => r.settlement)}::text[], ${rows.map((r) => normalizeName(r.settlement))}::text[], ${rows.map((r) => r.house_type)}::text[],
      ${rows.map((r) => dec(r.maintenance, 2))}::numeric[], ${rows.map((r) => dec(r.capital_repair, 2))}::numeric[], ${rows.map((r) => dec(r.rent, 2))}::numeric[])
    on conflict (district_key, settlement_key, house_type) do update set municipal_district = excluded.municipal_district,
      settlement = excluded.settlement, maintenance = excluded.maintenance, capital_repair = excluded.capital_repair, rent = excluded.rent,
      version = excluded.version, updated_at = now()
    where (mo_rates.maintenance, mo_rates.capital_repair, mo_rates.rent) is distinct from (excluded.maintenance, excluded.capital_repair, excluded.rent)
    returning (xmax = 0) as inserted`);
}

export function upsertGisHouses(tx: Tx, rows: GisHouse[], version: number): Promise<UpsertCounts> {
  return inChunks(rows, async (c) =>
    count(await tx<{ inserted: boolean }[]>`
      insert into gis_houses (fias_id, house_type, area, residents, heating_types, version)
      select *, ${version}::bigint from unnest(${c.map((h) => h.fias_id)}::uuid[], ${c.map((h) => h.house_type)}::text[],
        ${c.map((h) => dec(h.area, 2))}::numeric[], ${c.map((h) => h.residents)}::int[], ${c.map((h) => h.heating_types)}::text[])
      on conflict (fias_id) do update set house_type = excluded.house_type, area = excluded.area, residents = excluded.residents,
        heating_types = excluded.heating_types, version = excluded.version, updated_at = now()
      where (gis_houses.house_type, gis_houses.area, gis_houses.residents, gis_houses.heating_types)
        is distinct from (excluded.house_type, excluded.area, excluded.residents, excluded.heating_types)
      returning (xmax = 0) as inserted`),
  );
}

/**
 * A houses or gis_houses file replaces the region's earlier one (DOMAIN.md «Changes of house data»): the records it
 * does not have are deleted (an anti-join, not `<> all(…)`, which is quadratic over 200,000 ids). Registries with rows
 * of a removed house are summed again by the analytics, whose settlements came from it. Returns how many went.
 */
export async function removeAbsent(tx: Tx, kind: 'houses' | 'gis_houses', fias: readonly string[]): Promise<number> {
  const gone = kind === 'houses'
    ? await tx<{ fias_id: string }[]>`delete from houses where fias_id in (select h.fias_id from houses h left join unnest(${fias as string[]}::uuid[]) as f(id) on f.id = h.fias_id where f.id is null) returning fias_id::text`
    : await tx<{ fias_id: string }[]>`delete from gis_houses where fias_id in (select g.fias_id from gis_houses g left join unnest(${fias as string[]}::uuid[]) as f(id) on f.id = g.fias_id where f.id is null) returning fias_id::text`;
  if (kind === 'houses' && gone.length > 0) {
    const ids = gone.map((g) => g.fias_id);
    await tx`insert into analytics_stale (registry_id)
      select distinct rr.registry_id from registry_rows rr where lower(rr.fias_id) = any(${ids}::text[])
      on conflict (registry_id) do update set marked_at = now()`;
  }
  return gone.length;
}
