import type { Reader } from './read.ts';
import { moneyOf, moneyTotals, perRegistry, SUMMED_COLUMNS, type MoneyRow } from './money.ts';
import type { AnalyticsFilter, SliceDimension, SliceTable } from './types.ts';

/** Each dimension as SQL over `per-registry sums p join registries r`: static text, never user input. */
const DIMENSION_SQL: Record<SliceDimension, string> = {
  year: `to_char(r.period, 'YYYY')`,
  month: `to_char(r.period, 'YYYY-MM')`,
  rso: `r.rso_name || ' (ИНН ' || r.rso_inn || ')'`,
  district: `coalesce(r.municipal_district, '')`,
  settlement: 'p.settlement',
  service: 'r.service',
  status: 'r.status',
};

/** The filtered money grouped by up to three dimensions, in their order, with the totals of the filter. */
export async function sliceTable(sql: Reader, f: AnalyticsFilter, group: SliceDimension[]): Promise<SliceTable> {
  const keys = group.map((d, i) => `${DIMENSION_SQL[d]} as k${i}`).join(', ');
  const by = group.map((_, i) => String(i + 1)).join(', ');
  const rows = await sql<(MoneyRow & Record<string, string>)[]>`
      select ${sql.unsafe(keys)}, ${sql.unsafe(SUMMED_COLUMNS)}
      from ${perRegistry(sql, f, group.includes('settlement'))} join registries r on r.id = p.registry_id
      group by ${sql.unsafe(by)} order by ${sql.unsafe(by)}`;
  const totals = await moneyTotals(sql, f);
  return { group, rows: rows.map((r) => ({ keys: group.map((_, i) => r[`k${i}`] ?? ''), ...moneyOf(r) })), totals };
}
