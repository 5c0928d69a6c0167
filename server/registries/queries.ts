import type { RegistryFinding } from '../../formulas/checks/registry-checks.ts';
import type { SessionUser } from '../contract/auth.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { REGISTRY_STATUSES, type CheckRunInfo, type Executor, type RegistryCard, type RegistryList, type RegistryListItem, type RegistryStatus } from '../contract/registries.ts';
import { deadlineView, localDate } from './deadlines.ts';
import { registryFilterWhere, registryStatusCondition, type RegistryListFilter } from './list-filter.ts';

/** The list's filters plus the ones only the list has: amounts between `min` and `max` (kopecks, declared sum). */
export type ListQuery = RegistryListFilter & { min?: number | undefined; max?: number | undefined };

interface ListRow {
  id: number;
  municipal_district: string | null;
  rso_inn: string;
  rso_name: string;
  comment: string | null;
  period: string;
  letter_out_no: string | null;
  letter_out_date: string | null;
  letter_in_no: string | null;
  letter_in_date: string | null;
  check_deadline: string | null;
  finish_deadline: string | null;
  declared_sum: number;
  agreed_sum: number;
  executor_id: number | null;
  executor_name: string | null;
  service: string;
  status: RegistryStatus;
  is_correction: boolean;
  via_portal: boolean;
  corrects_id: number | null;
  registered_at: string;
  completed_on: string | null;
  rows_total: number;
  rows_failed: number;
  rows_rejected: number;
}

const LIST_COLUMNS = (sql: Sql | Tx) => sql`
  r.id::int as id, r.municipal_district, r.rso_inn, r.rso_name, r.comment, to_char(r.period, 'YYYY-MM') as period,
  r.letter_out_no, to_char(r.letter_out_date, 'YYYY-MM-DD') as letter_out_date, r.letter_in_no, to_char(r.letter_in_date, 'YYYY-MM-DD') as letter_in_date,
  to_char(r.check_deadline, 'YYYY-MM-DD') as check_deadline, to_char(r.finish_deadline, 'YYYY-MM-DD') as finish_deadline,
  r.declared_sum::float8 as declared_sum, r.agreed_sum::float8 as agreed_sum, r.executor_id, u.full_name as executor_name, r.service, r.status,
  r.is_correction, r.via_portal, r.corrects_id::int as corrects_id, to_char(r.registered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as registered_at,
  r.completed_at as completed_on, r.rows_total, r.rows_failed, r.rows_rejected`;

function listItem(r: ListRow, today?: string): RegistryListItem {
  const completedOn = r.completed_on ? localDate(new Date(r.completed_on)) : null;
  const d = deadlineView({ status: r.status, checkDeadline: r.check_deadline, finishDeadline: r.finish_deadline, completedOn }, today);
  return {
    id: r.id,
    municipalDistrict: r.municipal_district,
    rsoInn: r.rso_inn,
    rsoName: r.rso_name,
    comment: r.comment,
    period: r.period,
    letterOutNo: r.letter_out_no,
    letterOutDate: r.letter_out_date,
    letterInNo: r.letter_in_no,
    letterInDate: r.letter_in_date,
    executionMark: d.executionMark,
    checkDeadline: r.check_deadline,
    finishDeadline: r.finish_deadline,
    daysLeft: d.daysLeft,
    deadlineState: d.deadlineState,
    declaredSum: r.declared_sum,
    agreedSum: r.agreed_sum,
    executor: r.executor_id !== null ? { id: r.executor_id, fullName: r.executor_name ?? '' } : null,
    service: r.service,
    status: r.status,
    isCorrection: r.is_correction,
    viaPortal: r.via_portal,
    correctsId: r.corrects_id,
    registeredAt: r.registered_at,
    rowsTotal: r.rows_total,
    rowsFailed: r.rows_failed,
    partlyAgreed: r.status === 'Согласован' && r.rows_rejected > 0,
  };
}

function extraWhere(sql: Sql, q: ListQuery) {
  return sql`${q.min !== undefined ? sql`and r.declared_sum >= ${q.min}` : sql``}
    ${q.max !== undefined ? sql`and r.declared_sum <= ${q.max}` : sql``}`;
}

/** The registries list: rows of the status tab and counts per status over the same filters. */
export async function listRegistries(sql: Sql, q: ListQuery, opts: { limit?: number; today?: string } = {}): Promise<RegistryList> {
  const where = sql`${registryFilterWhere(sql, q)} ${extraWhere(sql, q)}`;
  const [rows, counts] = await Promise.all([
    sql<ListRow[]>`select ${LIST_COLUMNS(sql)} from registries r left join users u on u.id = r.executor_id
      ${where} ${registryStatusCondition(sql, q.status)}
      order by r.registered_at desc, r.id desc limit ${opts.limit ?? 5000}`,
    sql<{ status: RegistryStatus; n: number }[]>`select r.status, count(*)::int as n from registries r left join users u on u.id = r.executor_id
      ${where} group by r.status`,
  ]);
  const byStatus = Object.fromEntries([['Все', 0], ...REGISTRY_STATUSES.map((s) => [s, 0])]) as RegistryList['counts'];
  for (const c of counts) {
    byStatus[c.status] = c.n;
    byStatus['Все'] += c.n;
  }
  return { rows: rows.map((r) => listItem(r, opts.today)), counts: byStatus };
}

export async function listExecutors(sql: Sql): Promise<Executor[]> {
  return [...(await sql<Executor[]>`select id, full_name as "fullName" from users where role = 'reviewer' and active order by full_name`)];
}

/** What a user may do with a registry now: by role, by assignment and by status. */
export function permissions(user: SessionUser, r: { status: RegistryStatus; executorId: number | null; refusedBy?: number | null }): RegistryCard['can'] {
  const admin = user.role === 'admin';
  const executor = user.role === 'reviewer' && r.executorId === user.id;
  const decider = admin || executor;
  return {
    take: (admin || user.role === 'reviewer') && r.status === 'Новый',
    decide: decider && r.status === 'В работе',
    complete: decider && r.status === 'В работе',
    refuse: (admin || user.role === 'reviewer') && r.status === 'Новый',
    cancel: admin && r.status !== 'Отменен' && r.status !== 'Отказано в регистрации',
    assign: admin && (r.status === 'Новый' || r.status === 'В работе'),
    // whoever refused a registration answers it with the refusal notification
    documents: (decider && r.status !== 'Отменен') || (r.status === 'Отказано в регистрации' && r.refusedBy !== undefined && r.refusedBy !== null && r.refusedBy === user.id),
  };
}

/** The header card of one registry, with what `user` may do. */
export async function registryCard(sql: Sql | Tx, id: number, user: SessionUser): Promise<RegistryCard> {
  const [r] = await sql<(ListRow & { file_name: string; refusal_reason: string | null; findings: RegistryFinding[]; rows_agreed: number; rejected_sum: number; check_run_id: number | null; refused_by: number | null })[]>`
    select ${LIST_COLUMNS(sql)}, r.file_name, r.refusal_reason, r.findings, r.rows_agreed, r.rejected_sum::float8 as rejected_sum, r.check_run_id::int as check_run_id,
      (select d.actor_id from registry_decisions d where d.registry_id = r.id and d.to_status = 'Отказано в регистрации' order by d.id desc limit 1)::int as refused_by
    from registries r left join users u on u.id = r.executor_id where r.id = ${id}`;
  if (!r) throw new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);
  const [run] = r.check_run_id === null ? [] : await sql<CheckRunInfo[]>`
    select id::int as id, rule_set_id as "ruleSet", rule_set_version as "ruleSetVersion", rule_ids as "ruleIds", rule_titles as "ruleTitles",
      duration_ms as "durationMs", to_char(ran_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "ranAt", note
    from check_runs where id = ${r.check_run_id}`;
  const item = listItem(r);
  const completedOn = r.completed_on ? localDate(new Date(r.completed_on)) : null;
  const d = deadlineView({ status: r.status, checkDeadline: r.check_deadline, finishDeadline: r.finish_deadline, completedOn });
  return {
    ...item,
    fileName: r.file_name,
    refusalReason: r.refusal_reason,
    findings: r.findings,
    rowsAgreed: r.rows_agreed,
    rowsRejected: r.rows_rejected,
    rowsPending: r.rows_total - r.rows_agreed - r.rows_rejected,
    rejectedSum: r.rejected_sum,
    finishDaysLeft: d.finishDaysLeft,
    checkRun: run ?? null,
    can: permissions(user, { status: r.status, executorId: r.executor_id, refusedBy: r.refused_by }),
  };
}
