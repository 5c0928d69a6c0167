import type { Sql } from '../db/database.ts';
import { claimed, DEADLINE_OUTCOME_SQL, kopecks, registryConditions } from './filter.ts';
import { moneyBy, moneyTotals, topWithOthers } from './money.ts';
import { refreshAnalytics } from './refresh.ts';
import { ruleTitles } from './rule-titles.ts';
import type { AnalyticsFilter, Dashboard, ReviewerLoad, RuleFigure, StatusMonth } from './types.ts';

/** РСО and settlements beyond these go into «прочие». */
export const TOP_RSO = 10;
export const TOP_SETTLEMENTS = 15;

/** Money kept from being paid, by rule: rejected rows that failed it (a row failing two rules counts for both). */
export async function rejectedByRule(sql: Sql, f: AnalyticsFilter): Promise<RuleFigure[]> {
  const [rows, title] = await Promise.all([
    sql<{ rule: string; rejected_sum: string; rejected_rows: number; failed_rows: number; failed_sum: string }[]>`
      select c.rule,
             coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0)::text as rejected_sum,
             coalesce(sum(c.rows) filter (where c.row_status = 'Не согласован'), 0)::int as rejected_rows,
             sum(c.rows)::int as failed_rows, sum(c.subsidy)::text as failed_sum
      from analytics_rule_cells c join registries r on r.id = c.registry_id
      where ${claimed(sql)} ${registryConditions(sql, f, 'c')}
      group by c.rule
      order by sum(c.subsidy) filter (where c.row_status = 'Не согласован') desc nulls last, sum(c.rows) desc, 1`,
    ruleTitles(sql),
  ]);
  return rows.map((r) => ({
    rule: r.rule,
    title: title(r.rule),
    rejectedSum: kopecks(r.rejected_sum),
    rejectedRows: r.rejected_rows,
    failedRows: r.failed_rows,
    failedSum: kopecks(r.failed_sum),
  }));
}

/** Registries per reviewer with their rows, declared money and how they met the check deadline. */
export async function reviewerWorkload(sql: Sql, f: AnalyticsFilter): Promise<ReviewerLoad[]> {
  const rows = await sql<{ executor_id: number; name: string; registries: number; rows: number; declared: string; on_time: number; late: number; open: number; overdue: number }[]>`
    with reg as (
      select r.id, r.executor_id, ${sql.unsafe(DEADLINE_OUTCOME_SQL)} as outcome
      from registries r
      where r.executor_id is not null and ${claimed(sql)} ${registryConditions(sql, f)}
    ), sums as (
      select c.registry_id, sum(c.rows) as rows, sum(c.subsidy) as declared
      from analytics_cells c
      where c.registry_id in (select id from reg) ${f.settlement !== undefined ? sql`and c.settlement = ${f.settlement}` : sql``}
      group by c.registry_id
    )
    select reg.executor_id, u.full_name as name, count(*)::int as registries,
           coalesce(sum(sums.rows), 0)::int as rows, coalesce(sum(sums.declared), 0)::text as declared,
           count(*) filter (where outcome = 'on-time')::int as on_time, count(*) filter (where outcome = 'late')::int as late,
           count(*) filter (where outcome = 'open')::int as open, count(*) filter (where outcome = 'overdue')::int as overdue
    from reg join users u on u.id = reg.executor_id left join sums on sums.registry_id = reg.id
    group by reg.executor_id, u.full_name
    order by registries desc, name`;
  return rows.map((r) => ({
    executorId: r.executor_id,
    name: r.name,
    registries: r.registries,
    rows: r.rows,
    declared: kopecks(r.declared),
    onTime: r.on_time,
    late: r.late,
    open: r.open,
    overdue: r.overdue,
  }));
}

/** How many registries of each status each month has (every status, cancelled and refused too). */
export async function statusByMonth(sql: Sql, f: AnalyticsFilter): Promise<StatusMonth[]> {
  const rows = await sql<{ period: string; status: string; n: number }[]>`
    select to_char(r.period, 'YYYY-MM') as period, r.status, count(*)::int as n
    from registries r
    where true ${registryConditions(sql, f)}
    group by 1, 2 order by 1, 2`;
  const months = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = months.get(r.period) ?? {};
    counts[r.status] = r.n;
    months.set(r.period, counts);
  }
  return [...months].map(([period, counts]) => ({ period, counts }));
}

/** The queries of the dashboard by name: what the page shows and what the benchmark times one by one. */
export const DASHBOARD_QUERIES = {
  totals: moneyTotals,
  byMonth: (sql: Sql, f: AnalyticsFilter) => moneyBy(sql, f, 'month'),
  byYear: (sql: Sql, f: AnalyticsFilter) => moneyBy(sql, f, 'year'),
  byRso: async (sql: Sql, f: AnalyticsFilter) => topWithOthers(await moneyBy(sql, f, 'rso'), TOP_RSO),
  byDistrict: (sql: Sql, f: AnalyticsFilter) => moneyBy(sql, f, 'district'),
  bySettlement: async (sql: Sql, f: AnalyticsFilter) => topWithOthers(await moneyBy(sql, f, 'settlement'), TOP_SETTLEMENTS),
  byService: (sql: Sql, f: AnalyticsFilter) => moneyBy(sql, f, 'service'),
  byRule: rejectedByRule,
  workload: reviewerWorkload,
  statusByMonth,
} as const;

/** Every chart's figures for one filter, the summaries brought up to date first. */
export async function dashboard(sql: Sql, f: AnalyticsFilter): Promise<Dashboard> {
  await refreshAnalytics(sql);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await run();
    timings[name] = Math.round(performance.now() - t);
    return out;
  };
  const q = DASHBOARD_QUERIES;
  const [totals, byMonth, byYear, byRso, byDistrict, bySettlement, byService, byRule, workload, statuses] = await Promise.all([
    timed('totals', () => q.totals(sql, f)),
    timed('byMonth', () => q.byMonth(sql, f)),
    timed('byYear', () => q.byYear(sql, f)),
    timed('byRso', () => q.byRso(sql, f)),
    timed('byDistrict', () => q.byDistrict(sql, f)),
    timed('bySettlement', () => q.bySettlement(sql, f)),
    timed('byService', () => q.byService(sql, f)),
    timed('byRule', () => q.byRule(sql, f)),
    timed('workload', () => q.workload(sql, f)),
    timed('statusByMonth', () => q.statusByMonth(sql, f)),
  ]);
  return { totals, byMonth, byYear, byRso, byDistrict, bySettlement, byService, byRule, workload, statusByMonth: statuses, timings };
}
