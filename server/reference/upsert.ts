import { normalizeName } from '../../formulas/table/normalize.ts';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { MoRate, Organisation } from '../../formulas/reference/types.ts';
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
