/**
 * Address search by trigram (issue 18, migration 028): the houses nearest a typed text by pg_trgm's word similarity
 * (`<<->`, 1 − word_similarity), nearest first, one entry per house, through the GiST index (128-byte signatures, 032). A typo or a missing word
 * still finds the house («Ленна 12» → «ул. Ленина, д. 12»). Used by the house registry and the citizens' calculator;
 * whatever else searches addresses should call it too.
 */
import type postgres from 'postgres';
import type { Sql, Tx } from '../db/database.ts';

/** A house farther than this (word similarity under 0.4) is not a match. */
export const MAX_ADDRESS_DISTANCE = 0.6;
/** The most matches a search ranks: nobody pages past the first thousand of a typed address. */
export const MAX_ADDRESS_MATCHES = 1000;

/** The text as searched: spaces collapsed, at most 200 characters. */
export const searchText = (q: string): string => q.replace(/\s+/g, ' ').trim().slice(0, 200);

/**
 * The query of the `limit` nearest houses (fias_id, distance) under an optional extra condition (`and …`), as a
 * fragment to select from: `with found as (${nearestHouses(...)}) …`. Rows farther than `MAX_ADDRESS_DISTANCE` are
 * dropped after the index walk (a condition on the distance would stop the nearest-first walk from ending early).
 */
export function nearestHouses(sql: Sql | Tx, q: string, limit: number, extra: postgres.PendingQuery<postgres.Row[]> = sql``): postgres.PendingQuery<postgres.Row[]> {
  const text = searchText(q);
  return sql`select fias_id, d from (
      select h.fias_id, ${text}::text <<-> h.address as d from houses h where true ${extra}
      order by ${text}::text <<-> h.address limit ${Math.min(limit, MAX_ADDRESS_MATCHES)}
    ) nearest where d <= ${MAX_ADDRESS_DISTANCE}`;
}

export interface AddressMatch {
  fias_id: string;
  address: string;
  municipal_district: string;
  settlement: string;
  similarity: number;
}

/** The `limit` houses nearest `q`, best first (then by address). */
export async function searchAddresses(sql: Sql | Tx, q: string, limit = 20): Promise<AddressMatch[]> {
  if (searchText(q) === '') return [];
  const rows = await sql<AddressMatch[]>`
    with found as (${nearestHouses(sql, q, limit)})
    select h.fias_id::text as fias_id, h.address, m.name as municipal_district, h.settlement, (1 - f.d)::float8 as similarity
    from found f join houses h using (fias_id) join municipalities m on m.id = h.municipality_id
    order by f.d, h.address`;
  return [...rows];
}
