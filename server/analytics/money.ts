import type postgres from 'postgres';
import type { Reader } from './read.ts';
import { periodKeyTitle } from '../../formulas/registry/period.ts';
import { claimed, kopecks, NOT_CLAIMED, registryConditions } from './filter.ts';
import type { AnalyticsFilter, Money, MoneySlice } from '../contract/analytics.ts';

/** Ways to slice money, as SQL over `per-registry sums p join registries r`; static text, never user input. */
const KEYS = {
  month: { key: `to_char(r.period, 'YYYY-MM')`, label: `to_char(r.period, 'YYYY-MM')`, district: `''` },
  year: { key: `to_char(r.period, 'YYYY')`, label: `to_char(r.period, 'YYYY')`, district: `''` },
  rso: { key: 'r.rso_inn', label: 'max(r.rso_name)', district: `''` },
  district: { key: `(case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end)`, label: `(case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end)`, district: `''` },
  settlement: { key: 'p.settlement', label: 'p.settlement', district: `(case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end)` },
  service: { key: 'r.service', label: 'r.service', district: `''` },
  status: { key: 'r.status', label: 'r.status', district: `''` },
} as const;
export type MoneyDimension = keyof typeof KEYS;

interface MoneyRow {
  key: string;
  label: string;
  district: string;
  declared: string;
  agreed: string;
  rejected: string;
  pending: string;
  rows: number;
  registries: number;
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

const money = (r: Omit<MoneyRow, 'key' | 'label' | 'district'>): Money => ({
  declared: kopecks(r.declared),
  agreed: kopecks(r.agreed),
  rejected: kopecks(r.rejected),
  pending: kopecks(r.pending),
  rows: r.rows,
  registries: r.registries,
});

/** The sums of the rows' declared subsidy by their decision; over `c` = analytics_cells. */
export const MONEY_COLUMNS = `
  coalesce(sum(c.subsidy), 0)::text as declared,
  coalesce(sum(c.subsidy) filter (where c.row_status = 'Согласован'), 0)::text as agreed,
  coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0)::text as rejected,
  coalesce(sum(c.subsidy) filter (where c.row_status = 'Требует решения'), 0)::text as pending,
  coalesce(sum(c.rows), 0)::int as rows,
  count(distinct c.registry_id)::int as registries`;

/**
 * The filtered cells summed per registry (and per settlement when `bySettlement`), as a subquery `p`: grouping
 * registries afterwards is cheap, and a registry then counts once per group without `count(distinct)`.
 */
export function perRegistry(sql: Reader, f: AnalyticsFilter, bySettlement: boolean): Fragment {
  return sql`(
    select c.registry_id, ${bySettlement ? sql`c.settlement,` : sql``}
           sum(c.subsidy) as declared,
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Согласован'), 0) as agreed,
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0) as rejected,
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Требует решения'), 0) as pending,
           sum(c.rows) as rows
    from analytics_cells c join registries r on r.id = c.registry_id
    where ${claimed(sql)} ${registryConditions(sql, f, 'c', bySettlement)}
    group by c.registry_id ${bySettlement ? sql`, c.settlement` : sql``}) p`;
}

/** The money columns over `p` (see perRegistry). */
export const SUMMED_COLUMNS = `
  coalesce(sum(p.declared), 0)::text as declared, coalesce(sum(p.agreed), 0)::text as agreed,
  coalesce(sum(p.rejected), 0)::text as rejected, coalesce(sum(p.pending), 0)::text as pending,
  coalesce(sum(p.rows), 0)::int as rows, count(p.registry_id)::int as registries`;

/** Money of the filtered registries sliced by one dimension, largest declared first (months and years in order). */
export async function moneyBy(sql: Reader, f: AnalyticsFilter, dim: MoneyDimension): Promise<MoneySlice[]> {
  if (dim === 'settlement' && f.rso === undefined && f.service === undefined) return moneyBySettlement(sql, f);
  const k = KEYS[dim];
  const ordered = dim === 'month' || dim === 'year';
  const rows = await sql<MoneyRow[]>`
    select ${sql.unsafe(k.key)} as key, ${sql.unsafe(k.label)} as label, ${sql.unsafe(k.district)} as district,
           ${sql.unsafe(SUMMED_COLUMNS)}
    from ${perRegistry(sql, f, dim === 'settlement')} join registries r on r.id = p.registry_id
    group by ${sql.unsafe(k.key)}${dim === 'settlement' ? sql`, ${sql.unsafe(k.district)}` : sql``}
    order by ${ordered ? sql`1` : sql`sum(p.declared) desc nulls last, 1`}`;
  return rows.map((r) => ({
    key: r.key,
    label: dim === 'month' ? periodKeyTitle(r.label) : r.label,
    ...(dim === 'settlement' ? { district: r.district } : {}),
    ...money(r),
  }));
}

/**
 * Money by settlement from the per-(month, district, status, settlement) sums kept by the refresh (migration 022)
 * for filters that only narrow months, district and settlement (the dashboard's first load among them): the same
 * figures as summing every registry's cells, a few hundred rows a month instead of a few per registry.
 */
async function moneyBySettlement(sql: Reader, f: AnalyticsFilter): Promise<MoneySlice[]> {
  const rows = await sql<MoneyRow[]>`
    select s.settlement as key, s.settlement as label, s.district,
           sum(s.declared)::text as declared, sum(s.agreed)::text as agreed, sum(s.rejected)::text as rejected,
           sum(s.pending)::text as pending, sum(s.rows)::int as rows, sum(s.registries)::int as registries
    from analytics_settlement_cells s
    where s.reg_status not in (${sql.unsafe(NOT_CLAIMED)})
      ${f.from ? sql`and s.period >= ${`${f.from}-01`}::date` : sql``}
      ${f.to ? sql`and s.period <= ${`${f.to}-01`}::date` : sql``}
      ${f.district !== undefined ? sql`and s.district = ${f.district}` : sql``}
      ${f.settlement !== undefined ? sql`and s.settlement = ${f.settlement}` : sql``}
    group by s.settlement, s.district
    order by sum(s.declared) desc nulls last, 1`;
  return rows.map((r) => ({ key: r.key, label: r.label, district: r.district, ...money(r) }));
}

/** The totals of the filter: what every slicing of it adds up to. */
export async function moneyTotals(sql: Reader, f: AnalyticsFilter): Promise<Money> {
  const [r] = await sql<MoneyRow[]>`select ${sql.unsafe(SUMMED_COLUMNS)} from ${perRegistry(sql, f, false)}`;
  return r ? money(r) : { declared: 0, agreed: 0, rejected: 0, pending: 0, rows: 0, registries: 0 };
}

export const OTHERS_KEY = '*';

/**
 * The largest `n` slices and one «прочие» with the rest, whose money is the exact sum of the rest (integers).
 * Its registry count is the sum of theirs, which counts a registry once per slice it falls in; for РСО and
 * district slices a registry falls in one slice only, so it is exact there too.
 */
export function topWithOthers(slices: MoneySlice[], n: number): MoneySlice[] {
  if (slices.length <= n + 1) return slices;
  const top = slices.slice(0, n);
  const rest = slices.slice(n);
  const others: MoneySlice = { key: OTHERS_KEY, label: `прочие (${rest.length})`, declared: 0, agreed: 0, rejected: 0, pending: 0, rows: 0, registries: 0 };
  for (const s of rest) {
    others.declared += s.declared;
    others.agreed += s.agreed;
    others.rejected += s.rejected;
    others.pending += s.pending;
    others.rows += s.rows;
    others.registries += s.registries;
  }
  return [...top, others];
}

export { money as moneyOf };
export type { MoneyRow };
