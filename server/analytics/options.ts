import type { Reader } from './read.ts';
import type { FilterOptions } from '../contract/analytics.ts';

/**
 * What the filters of the dashboard can choose from: only values some registry actually has. A registry of several
 * districts («X муниципальный район и др.») counts under its first district: a district is one entry.
 */
export async function filterOptions(sql: Reader): Promise<FilterOptions> {
  const range = await sql<{ first: string | null; last: string | null }[]>`
    select to_char(min(period), 'YYYY-MM') as first, to_char(max(period), 'YYYY-MM') as last from registries`;
  const rsos = await sql<{ inn: string; name: string }[]>`
    select distinct on (rso_inn) rso_inn as inn, rso_name as name from registries order by rso_inn, period desc`;
  const districts = await sql<{ district: string }[]>`select distinct (case when municipal_district like '% и др.' then left(municipal_district, -6) else coalesce(municipal_district, '') end) as district from registries order by 1`;
  // from the per-settlement sums (migration 022): every registry's settlements, as its cells have them
  const settlements = await sql<{ district: string; settlement: string }[]>`
    select distinct district, settlement from analytics_settlement_cells order by 1, 2`;
  const services = await sql<{ service: string }[]>`select distinct service from registries order by 1`;
  return {
    firstPeriod: range[0]?.first ?? null,
    lastPeriod: range[0]?.last ?? null,
    rsos: [...rsos].sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    districts: districts.map((d) => d.district),
    settlements: [...settlements],
    services: services.map((s) => s.service),
  };
}
