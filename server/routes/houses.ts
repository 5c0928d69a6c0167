import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { HOUSE_ROW_SORTS, type HouseRow, type HouseRowSort, type HouseRowsPage, type Municipalities, type Municipality } from '../contract/reference.ts';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import type postgres from 'postgres';
import type { Sql } from '../db/database.ts';
import { MAX_ADDRESS_MATCHES, nearestHouses } from '../reference/address-search.ts';

/** Columns the house table may sort by, mapped to SQL; anything else is refused by the schema. */
const SORTABLE: Record<HouseRowSort, string> = {
  address: 'h.address',
  municipality: 'm.name',
  settlement: 'h.settlement',
  house_type: 'h.house_type',
  commissioned: 'h.commissioned',
  area: 'h.area',
  residents: 'h.residents',
  fias_id: 'h.fias_id',
  oktmo: 'h.oktmo',
  version: 'h.version',
};

/** A search text that is the start of a ФИАС id (hex digits and dashes) looks the id up instead of the address. */
const FIAS_PREFIX = /^[0-9a-f]{8}(-[0-9a-f-]*)?$/i;

const listQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
  sort: z.enum(HOUSE_ROW_SORTS).default('address'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().trim().max(200).optional(),
  municipality: z.coerce.number().int().optional(),
  houseType: z.enum(['МКД', 'ЖД']).optional(),
});

/**
 * Counting 200,000 rows on every scrolled block is most of a block's cost; the count of a filter only
 * changes with an import, so it is kept per filter and reference version.
 */
const countsByDatabase = new WeakMap<Sql, Map<string, number>>();
async function countHouses(sql: Sql, where: postgres.PendingQuery<postgres.Row[]>, p: { q?: string | undefined; municipality?: number | undefined; houseType?: string | undefined }): Promise<number> {
  const [v] = await sql<{ v: string | null }[]>`select max(id)::text as v from import_batches`;
  const key = JSON.stringify([v?.v, p.q ?? null, p.municipality ?? null, p.houseType ?? null]);
  let counts = countsByDatabase.get(sql);
  if (!counts) countsByDatabase.set(sql, (counts = new Map()));
  const cached = counts.get(key);
  if (cached !== undefined) return cached;
  const [row] = await sql<{ count: number }[]>`select count(*)::int as count from houses h ${where}`;
  if (counts.size > 500) counts.clear();
  counts.set(key, row?.count ?? 0);
  return row?.count ?? 0;
}

export const houseRoutes = new Hono<AppEnv>()
  .get('/', requireRole(...ANY_ROLE), zValidator('query', listQuery, validationHook), async (c) => {
    const p = c.req.valid('query');
    const sql = c.var.sql;
    const filters = sql`
      ${p.municipality !== undefined ? sql`and h.municipality_id = ${p.municipality}` : sql``}
      ${p.houseType ? sql`and h.house_type = ${p.houseType}` : sql``}`;
    const columns = sql`h.fias_id, h.address, m.name as municipality, h.oktmo, h.settlement, h.house_type,
               to_char(h.commissioned, 'YYYY-MM-DD') as commissioned, h.area::text as area, h.residents, h.heating_type,
               h.version::int as version`;
    if (p.q && !FIAS_PREFIX.test(p.q)) {
      // an address: the nearest houses by trigram, best first (issue 18), at most the first thousand matches
      const rows = await sql<(HouseRow & { total: number })[]>`
        with found as (${nearestHouses(sql, p.q, MAX_ADDRESS_MATCHES, filters)}),
             page as (select fias_id, d from found order by d, fias_id limit ${p.limit} offset ${p.offset})
        select ${columns}, (select count(*) from found)::int as total
        from page join houses h using (fias_id) join municipalities m on m.id = h.municipality_id
        order by page.d, h.address, h.fias_id`;
      const total = rows[0]?.total ?? (p.offset > 0 ? (await sql<{ n: number }[]>`with found as (${nearestHouses(sql, p.q, MAX_ADDRESS_MATCHES, filters)}) select count(*)::int as n from found`)[0]?.n ?? 0 : 0);
      return c.json({ rows: rows.map(({ total: _t, ...r }) => r), total } satisfies HouseRowsPage);
    }
    const where = sql`where true
      ${p.q ? sql`and h.fias_id::text like ${p.q.toLowerCase() + '%'}` : sql``}
      ${filters}`;
    const dir = p.dir === 'desc' ? 'desc' : 'asc';
    // nulls sort as the index stores them (last ascending, first descending), so OFFSET can walk the index
    const order = sql.unsafe(`${SORTABLE[p.sort]} ${dir}, h.fias_id ${dir}`);
    const from = p.sort === 'municipality' ? sql`houses h join municipalities m on m.id = h.municipality_id` : sql`houses h`;
    const [rows, total] = await Promise.all([
      // the page's keys first, through the index; only those 300 rows are then joined and formatted
      sql<HouseRow[]>`
        with page as (select h.fias_id from ${from} ${where} order by ${order} limit ${p.limit} offset ${p.offset})
        select ${columns}
        from page join houses h using (fias_id) join municipalities m on m.id = h.municipality_id
        order by ${order}`,
      countHouses(sql, where, p),
    ]);
    return c.json({ rows: [...rows], total } satisfies HouseRowsPage);
  })
  .get('/municipalities', requireRole(...ANY_ROLE), async (c) => {
    const rows = await c.var.sql<Municipality[]>`
      select m.id, m.name, m.oktmo, count(h.*)::int as houses
      from municipalities m left join houses h on h.municipality_id = m.id group by m.id order by m.name`;
    return c.json({ municipalities: [...rows] } satisfies Municipalities);
  });
