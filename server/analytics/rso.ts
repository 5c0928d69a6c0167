import { serviceSpecs } from '../../templates/index.ts';
import type { Reader } from './read.ts';
import { claimed, kopecks, registryConditions } from './filter.ts';
import { drillRegistries } from './drill.ts';
import { MONEY_COLUMNS, moneyOf, moneyTotals, type MoneyRow } from './money.ts';
import { ruleTitles } from './rule-titles.ts';
import type { AnalyticsFilter, RsoAnalytics, RsoMonth, RsoRule, RsoVolume } from '../contract/analytics.ts';

const unitOf = (service: string): string => serviceSpecs.find((s) => s.code === service)?.unit ?? '';

/**
 * One РСО over time: money and registries by status per month, how often each rule fails on its rows, and the
 * volumes it declares per service. Null when no registry of this ИНН exists.
 */
export async function rsoAnalytics(sql: Reader, inn: string, filter: AnalyticsFilter): Promise<RsoAnalytics | null> {
  const f: AnalyticsFilter = { ...filter, rso: inn };
  const drill = await drillRegistries(sql, f, {});
  const [org] = await sql<{ name: string }[]>`
    select coalesce((select name from organisations where inn = ${inn}), (select rso_name from registries where rso_inn = ${inn} order by period desc limit 1)) as name`;
  const [known] = await sql<{ n: number }[]>`select count(*)::int as n from registries where rso_inn = ${inn}`;
  if (!known?.n) return null;
  const totals = await moneyTotals(sql, f);
  const money = await sql<(MoneyRow & { period: string })[]>`
    select to_char(r.period, 'YYYY-MM') as period, ${sql.unsafe(MONEY_COLUMNS)}
    from analytics_cells c join registries r on r.id = c.registry_id
    where ${claimed(sql)} ${registryConditions(sql, f, 'c')}
    group by 1 order by 1`;
  const statuses = await sql<{ period: string; status: string; n: number }[]>`
    select to_char(r.period, 'YYYY-MM') as period, r.status, count(*)::int as n
    from registries r where true ${registryConditions(sql, f)} group by 1, 2 order by 1`;
  const rules = await sql<{ rule: string; failed_rows: number; rejected_sum: string }[]>`
    select c.rule, sum(c.rows)::int as failed_rows,
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0)::text as rejected_sum
    from analytics_rule_cells c join registries r on r.id = c.registry_id
    where ${claimed(sql)} ${registryConditions(sql, f, 'c')}
    group by 1 order by 2 desc, 1`;
  const volumes = await sql<{ period: string; service: string; volume: string; rows: number }[]>`
    select to_char(r.period, 'YYYY-MM') as period, r.service, sum(c.volume)::text as volume, sum(c.rows)::int as rows
    from analytics_cells c join registries r on r.id = c.registry_id
    where ${claimed(sql)} ${registryConditions(sql, f, 'c')}
    group by 1, 2 order by 2, 1`;
  const title = await ruleTitles(sql);
  const byStatus = new Map<string, Record<string, number>>();
  for (const s of statuses) byStatus.set(s.period, { ...byStatus.get(s.period), [s.status]: s.n });
  const periods = [...new Set([...money.map((m) => m.period), ...byStatus.keys()])].sort();
  const moneyOfPeriod = new Map(money.map((m) => [m.period, moneyOf(m)]));
  const months: RsoMonth[] = periods.map((period) => ({
    period,
    ...(moneyOfPeriod.get(period) ?? { declared: 0, agreed: 0, rejected: 0, pending: 0, rows: 0, registries: 0 }),
    byStatus: byStatus.get(period) ?? {},
  }));
  const all = totals.rows;
  const ruleFigures: RsoRule[] = rules.map((r) => ({
    rule: r.rule,
    title: title(r.rule),
    failedRows: r.failed_rows,
    rate: all > 0 ? r.failed_rows / all : 0,
    rejectedSum: kopecks(r.rejected_sum),
  }));
  const volumeFigures: RsoVolume[] = volumes.map((v) => ({ period: v.period, service: v.service, unit: unitOf(v.service), volume: trimDecimal(v.volume), rows: v.rows }));
  return { inn, name: org?.name ?? inn, totals, months, rules: ruleFigures, volumes: volumeFigures, registries: drill.registries };
}

/** `1234.50000` → `1234.5`: numeric sums carry the scale of their inputs. */
const trimDecimal = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
