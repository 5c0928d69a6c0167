import type { Reader } from './read.ts';
import { cellsOf, claimed, DEADLINE_OUTCOME_SQL, kopecks, registryConditions } from './filter.ts';
import { MONEY_COLUMNS, moneyOf, type MoneyRow } from './money.ts';
import type { AnalyticsFilter, DrillRegistry, DrillResult, DrillTarget, Money } from '../contract/analytics.ts';

/** A drill-down lists at most this many registries (its totals still cover all). */
export const DRILL_LIMIT = 2000;

interface DrillRow extends MoneyRow {
  id: string;
  period: string;
  rso_inn: string;
  rso_name: string;
  service: string;
  district: string;
  status: string;
  executor: string | null;
  check_deadline: string | null;
  completed_at: string | null;
  rule_rejected: string | null;
}

/**
 * The registries behind a chart's figure: the filter narrowed by what was clicked, each registry with its part of
 * the figure (within the settlement filter, only its rows there), so the parts add up to the figure.
 */
export async function drillRegistries(sql: Reader, f: AnalyticsFilter, target: DrillTarget): Promise<DrillResult> {
  const rows = await sql<DrillRow[]>`
    select r.id::text as id, to_char(r.period, 'YYYY-MM') as period, r.rso_inn, r.rso_name, r.service,
           coalesce(r.municipal_district, '') as district, r.status, u.full_name as executor,
           to_char(r.check_deadline, 'YYYY-MM-DD') as check_deadline,
           to_char(r.completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as completed_at,
           ${target.rule !== undefined ? sql`max(rr.subsidy)::text` : sql`null`} as rule_rejected,
           ${sql.unsafe(MONEY_COLUMNS)}
    from registries r
    left join analytics_cells c on c.registry_id = r.id ${cellsOf(sql, 'c', f)}
    left join users u on u.id = r.executor_id
    ${target.rule !== undefined
      ? sql`join (select rc.registry_id, sum(rc.subsidy) as subsidy from analytics_rule_cells rc
                  where rc.rule = ${target.rule} and rc.row_status = 'Не согласован' ${cellsOf(sql, 'rc', f)}
                  group by rc.registry_id) rr on rr.registry_id = r.id`
      : sql``}
    where ${target.status !== undefined ? sql`r.status = ${target.status}` : claimed(sql)}
      ${registryConditions(sql, f)}
      ${target.executor !== undefined ? sql`and r.executor_id = ${target.executor}` : sql``}
      ${target.deadline !== undefined ? sql`and r.executor_id is not null and ${sql.unsafe(DEADLINE_OUTCOME_SQL)} = ${target.deadline}` : sql``}
    group by r.id, u.full_name
    order by r.period desc, r.rso_name, r.service, r.id`;
  const totals: Money = { declared: 0, agreed: 0, rejected: 0, pending: 0, rows: 0, registries: 0 };
  const registries: DrillRegistry[] = [];
  for (const r of rows) {
    const m = moneyOf(r);
    totals.declared += m.declared;
    totals.agreed += m.agreed;
    totals.rejected += m.rejected;
    totals.pending += m.pending;
    totals.rows += m.rows;
    totals.registries += 1;
    if (registries.length < DRILL_LIMIT) registries.push(drillRegistry(r, m));
  }
  return { registries, totals, truncated: rows.length > DRILL_LIMIT };
}

function drillRegistry(r: DrillRow, m: Money): DrillRegistry {
  return {
    id: Number(r.id),
    period: r.period,
    rsoInn: r.rso_inn,
    rsoName: r.rso_name,
    service: r.service,
    district: r.district,
    status: r.status,
    executor: r.executor,
    checkDeadline: r.check_deadline,
    completedAt: r.completed_at,
    ...m,
    registries: 1,
    ...(r.rule_rejected !== null ? { ruleRejected: kopecks(r.rule_rejected) } : {}),
  };
}
