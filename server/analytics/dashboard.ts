import type { Reader } from './read.ts';
import { cellsOf, claimed, DEADLINE_OUTCOME_SQL, kopecks, registryConditions } from './filter.ts';
import { moneyBy, moneyTotals, topWithOthers } from './money.ts';
import { ruleTitles } from './rule-titles.ts';
import type { AnalyticsFilter, Dashboard, ReviewerLoad, RuleFigure, StatusMonth } from '../contract/analytics.ts';

/** РСО and settlements beyond these go into «прочие». */
export const TOP_RSO = 10;
export const TOP_SETTLEMENTS = 15;

/** Money kept from being paid, by rule: rejected rows that failed it (a row failing two rules counts for both). */
export async function rejectedByRule(sql: Reader, f: AnalyticsFilter): Promise<RuleFigure[]> {
  const title = await ruleTitles(sql);
  const rows = await sql<{ rule: string; rejected_sum: string; rejected_rows: number; failed_rows: number; failed_sum: string }[]>`
      select c.rule,
             coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0)::text as rejected_sum,
             coalesce(sum(c.rows) filter (where c.row_status = 'Не согласован'), 0)::int as rejected_rows,
             sum(c.rows)::int as failed_rows, sum(c.subsidy)::text as failed_sum
      from analytics_rule_cells c join registries r on r.id = c.registry_id
      where ${claimed(sql)} ${registryConditions(sql, f, 'c')}
      group by c.rule
      order by sum(c.subsidy) filter (where c.row_status = 'Не согласован') desc nulls last, sum(c.rows) desc, 1`;
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
export async function reviewerWorkload(sql: Reader, f: AnalyticsFilter): Promise<ReviewerLoad[]> {
  const rows = await sql<{ executor_id: number; name: string; registries: number; rows: number; declared: string; on_time: number; late: number; open: number; overdue: number }[]>`
    with reg as (
      select r.id, r.executor_id, ${sql.unsafe(DEADLINE_OUTCOME_SQL)} as outcome
      from registries r
      where r.executor_id is not null and ${claimed(sql)} ${registryConditions(sql, f)}
    ), sums as (
      select c.registry_id, sum(c.rows) as rows, sum(c.subsidy) as declared
      from analytics_cells c
      where c.registry_id in (select id from reg) ${cellsOf(sql, 'c', f)}
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
export async function statusByMonth(sql: Reader, f: AnalyticsFilter): Promise<StatusMonth[]> {
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
  byMonth: (sql: Reader, f: AnalyticsFilter) => moneyBy(sql, f, 'month'),
  byYear: (sql: Reader, f: AnalyticsFilter) => moneyBy(sql, f, 'year'),
  byRso: async (sql: Reader, f: AnalyticsFilter) => topWithOthers(await moneyBy(sql, f, 'rso'), TOP_RSO),
  byDistrict: (sql: Reader, f: AnalyticsFilter) => moneyBy(sql, f, 'district'),
  bySettlement: async (sql: Reader, f: AnalyticsFilter) => topWithOthers(await moneyBy(sql, f, 'settlement'), TOP_SETTLEMENTS),
  byService: (sql: Reader, f: AnalyticsFilter) => moneyBy(sql, f, 'service'),
  byRule: rejectedByRule,
  workload: reviewerWorkload,
  statusByMonth,
} as const;

/** Every chart's figures for one filter, in one snapshot (see readAnalytics); one query after another on it. */
export async function dashboard(sql: Reader, f: AnalyticsFilter): Promise<Dashboard> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: keyof typeof DASHBOARD_QUERIES, run: (sql: Reader, f: AnalyticsFilter) => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await run(sql, f);
    timings[name] = Math.round(performance.now() - t);
    return out;
  };
  const q = DASHBOARD_QUERIES;
  const totals = await timed('totals', q.totals);
  const byMonth = await timed('byMonth', q.byMonth);
  const byYear = await timed('byYear', q.byYear);
  const byRso = await timed('byRso', q.byRso);
  const byDistrict = await timed('byDistrict', q.byDistrict);
  const bySettlement = await timed('bySettlement', q.bySettlement);
  const byService = await timed('byService', q.byService);
  const byRule = await timed('byRule', q.byRule);
  const workload = await timed('workload', q.workload);
  const statuses = await timed('statusByMonth', q.statusByMonth);
  return { totals, byMonth, byYear, byRso, byDistrict, bySettlement, byService, byRule, workload, statusByMonth: statuses, timings };
}
