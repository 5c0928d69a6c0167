import { normalizeName } from '../../formulas/table/normalize.ts';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { House, Organisation, TariffDecision } from '../../formulas/reference/types.ts';
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
