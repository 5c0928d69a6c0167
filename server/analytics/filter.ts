import type postgres from 'postgres';
import { z } from 'zod';
import { periodKeyTitle } from '../../formulas/registry/period.ts';
import { NOT_COUNTED_STATUSES } from '../../formulas/registry/registered.ts';
import type { Reader } from './read.ts';
import { WHOLE_REGISTRY } from './whole-registry.ts';
import { DEADLINE_OUTCOMES, SLICE_DIMENSIONS, type AnalyticsFilter, type SliceDimension } from '../contract/analytics.ts';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const text = z.string().max(300);

/** The filter fields of every analytics request, validated at the edge. */
export const filterShape = {
  from: month.optional(),
  to: month.optional(),
  rso: z.string().regex(/^(\d{10}|\d{12})$/).optional(),
  district: text.optional(),
  settlement: text.refine((s) => s !== WHOLE_REGISTRY).optional(),
  service: z.string().max(40).optional(),
};

export const filterQuery = z.object(filterShape);

export const drillQuery = z.object({
  ...filterShape,
  status: z.string().max(40).optional(),
  executor: z.coerce.number().int().positive().optional(),
  deadline: z.enum(DEADLINE_OUTCOMES).optional(),
  rule: z.string().regex(/^[\w.-]{1,64}$/).optional(),
});

const isDimension = (d: string): d is SliceDimension => (SLICE_DIMENSIONS as readonly string[]).includes(d);

export const tableQuery = z.object({
  ...filterShape,
  group: z
    .string()
    .default('month')
    .transform((s) => s.split(',').filter(Boolean))
    .refine((g) => g.length >= 1 && g.length <= 3 && g.every(isDimension) && new Set(g).size === g.length)
    .transform((g) => g.filter(isDimension)),
});

/** Registries whose subsidies were never claimed do not count in money figures (constant text: the plans stay as they were). */
export const NOT_CLAIMED = NOT_COUNTED_STATUSES.map((s) => `'${s}'`).join(', ');
export const claimed = (sql: Reader): Fragment => sql`r.status not in (${sql.unsafe(NOT_CLAIMED)})`;


/** Which cells of a registry a query reads (see WHOLE_REGISTRY), for the settlement filter or its absence. */
export const cellsOf = (sql: Reader, alias: string, f: AnalyticsFilter, bySettlement = false): Fragment =>
  f.settlement !== undefined
    ? sql`and ${sql(alias)}.settlement = ${f.settlement}`
    : bySettlement
      ? sql`and ${sql(alias)}.settlement <> ${WHOLE_REGISTRY}`
      : sql`and ${sql(alias)}.settlement = ${WHOLE_REGISTRY}`;

/**
 * The conditions of a filter on `registries r`. `cells` names the alias of analytics_cells when the query reads
 * cells (they are then narrowed to the settlement filtered by, or to the whole-registry cells, or with
 * `bySettlement` to the per-settlement ones); without it, a registry passes the settlement filter when it has any
 * row in that settlement.
 */
export function registryConditions(sql: Reader, f: AnalyticsFilter, cells?: 'c', bySettlement = false): Fragment {
  return sql`
    ${f.from ? sql`and r.period >= ${`${f.from}-01`}::date` : sql``}
    ${f.to ? sql`and r.period <= ${`${f.to}-01`}::date` : sql``}
    ${f.rso ? sql`and r.rso_inn = ${f.rso}` : sql``}
    ${f.service ? sql`and r.service = ${f.service}` : sql``}
    ${f.district !== undefined ? sql`and (case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end) = ${f.district}` : sql``}
    ${cells
      ? cellsOf(sql, cells, f, bySettlement)
      : f.settlement !== undefined
        ? sql`and exists (select 1 from analytics_cells s where s.registry_id = r.id and s.settlement = ${f.settlement})`
        : sql``}`;
}

/** Drops empty strings of optional text fields the browser may send for «все», keeping '' where it means «not stated». */
export function cleanFilter<T extends AnalyticsFilter>(f: T): T {
  const out = { ...f };
  for (const k of ['from', 'to', 'rso', 'service'] as const) if (out[k] === '') delete out[k];
  return out;
}

/** The filters in words, for the export sheet. */
export function describeFilter(f: AnalyticsFilter, rsoName: string | null): [string, string][] {
  return [
    ['Период', f.from || f.to ? `${f.from ? periodKeyTitle(f.from) : '…'} — ${f.to ? periodKeyTitle(f.to) : '…'}` : 'весь'],
    ['РСО', f.rso ? `${rsoName ?? ''} (ИНН ${f.rso})`.trim() : 'все'],
    ['Муниципальный район', f.district === undefined ? 'все' : f.district || 'не указан'],
    ['Населённый пункт', f.settlement === undefined ? 'все' : f.settlement || 'дом не найден в реестре'],
    ['Услуга', f.service ?? 'все'],
  ];
}

/** A bigint sum that Postgres sent as text, as an exact JSON number. */
export function kopecks(text: string | null | undefined): number {
  const n = Number(text ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`sum out of the exact range: ${text}`);
  return n;
}

/**
 * The region's clock for deadlines: a registry finished on the evening of its deadline day in Tyumen is on time
 * even though it is already the next day in UTC. DOMAIN.md is silent; the demo region is Тюменская-like (UTC+5).
 */
export const REGION_TIME_ZONE = 'Asia/Yekaterinburg';

/** The deadline outcome of `registries r` (see DeadlineOutcome), as SQL. */
export const DEADLINE_OUTCOME_SQL = `case
  when r.completed_at is not null then
    case when r.check_deadline is null or (r.completed_at at time zone '${REGION_TIME_ZONE}')::date <= r.check_deadline then 'on-time' else 'late' end
  when r.check_deadline is not null and r.check_deadline < (now() at time zone '${REGION_TIME_ZONE}')::date then 'overdue'
  else 'open' end`;
