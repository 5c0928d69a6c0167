import type { House, Organisation, TariffDecision } from '../../formulas/reference/types.ts';
import type { ReferenceSnapshot } from '../contract/reference.ts';
import type { Sql } from '../db/database.ts';

export async function referenceVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ v: string | null }[]>`select max(id)::text as v from import_batches`;
  return row?.v ?? '0';
}

/**
 * Reads the whole reference in three queries; amounts come back as the exact integers formulas/ uses. For an РСО
 * (`rsoInn`) the houses are the region's (its rows may name any house) but the tariff decisions and the
 * organisation are its own only, and the version names the organisation (the browser caches by version).
 */
export async function referenceSnapshot(sql: Sql, rsoInn?: string): Promise<ReferenceSnapshot> {
  const own = rsoInn === undefined ? sql`` : sql`where rso_inn = ${rsoInn}`;
  const ownOrg = rsoInn === undefined ? sql`` : sql`where inn = ${rsoInn}`;
  const [version, houses, tariffs, organisations] = await Promise.all([
    referenceVersion(sql).then((v) => (rsoInn === undefined ? v : `${v}:${rsoInn}`)),
    sql<House[]>`select h.fias_id::text, h.address, m.name as municipal_district, h.oktmo, h.settlement, h.house_type,
        to_char(h.commissioned, 'YYYY-MM-DD') as commissioned, (h.area * 100)::int8::float8 as area, h.residents, h.heating_type
      from houses h join municipalities m on m.id = h.municipality_id order by h.fias_id`,
    sql<TariffDecision[]>`select decision_id, rso_inn, service, municipal_district, settlement,
        to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to,
        to_char(commissioned_from, 'YYYY-MM-DD') as commissioned_from, to_char(commissioned_to, 'YYYY-MM-DD') as commissioned_to,
        tariff_kind, (eot * 10000)::int8::float8 as eot, (lt * 10000)::int8::float8 as lt
      from tariff_decisions ${own} order by id`,
    sql<Organisation[]>`select inn, ogrn, name, status, case tax_debt when true then 'да' when false then 'нет' end as tax_debt
      from organisations ${ownOrg} order by inn`,
  ]);
  return { version, houses: [...houses], tariffs: [...tariffs], organisations: [...organisations] };
}
