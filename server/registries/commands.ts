import type { SessionUser } from '../contract/auth.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { publishAfterCommand } from '../sync/publish-registry-state.ts';
import type { RegistryStatus, RowDecisionRequest } from '../contract/registries.ts';

/** The registry row a command works on, read under `for update`: commands on one registry run one at a time. */
export interface Locked {
  id: number;
  status: RegistryStatus;
  executorId: number | null;
  executorName: string | null;
}

export async function lockRegistry(tx: Tx, id: number): Promise<Locked> {
  const [r] = await tx<{ id: number; status: RegistryStatus; executor_id: number | null }[]>`
    select id::int as id, status, executor_id from registries where id = ${id} for update`;
  if (!r) throw new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);
  const [u] = r.executor_id === null ? [] : await tx<{ full_name: string }[]>`select full_name from users where id = ${r.executor_id}`;
  return { id: r.id, status: r.status, executorId: r.executor_id, executorName: u?.full_name ?? null };
}

/**
 * Runs a command in one transaction with the registry locked; the command writes its own audit record. Once it
 * committed, the registry's new state goes to its shared document (live decisions, in the background: the
 * command's answer neither waits for it nor fails because of it).
 */
export async function registryCommand<T>(sql: Sql, id: number, fn: (tx: Tx, r: Locked) => Promise<T>): Promise<T> {
  const out = (await sql.begin((tx) => lockRegistry(tx, id).then((r) => fn(tx, r)))) as T;
  publishAfterCommand(sql, id);
  return out;
}

const wrongStatus = (r: Locked, what: string): ApiError => new ApiError(409, 'wrong_status', `Реестр № ${r.id} в статусе «${r.status}»: ${what} нельзя`);

/** Only the assigned reviewer or an administrator decides on a registry. */
export function mustDecide(user: SessionUser, r: Locked): void {
  if (user.role === 'admin') return;
  if (user.role === 'reviewer' && r.executorId === user.id) return;
  throw new ApiError(403, 'not_executor', r.executorId === null ? 'Реестр ещё не взят в работу: решения принимает назначенный исполнитель' : `Решения по реестру принимает исполнитель: ${r.executorName ?? ''}`);
}

function mustBeInWork(r: Locked, what: string): void {
  if (r.status !== 'В работе') throw wrongStatus(r, what);
}

async function transition(tx: Tx, r: Locked, to: RegistryStatus, reason: string | null, actorId: number): Promise<void> {
  await tx`insert into registry_decisions (registry_id, from_status, to_status, reason, actor_id) values (${r.id}, ${r.status}, ${to}, ${reason}, ${actorId})`;
}

async function activeReviewer(tx: Tx, id: number): Promise<string> {
  const [u] = await tx<{ full_name: string }[]>`select full_name from users where id = ${id} and role = 'reviewer' and active`;
  if (!u) throw new ApiError(400, 'bad_executor', 'Исполнителем можно назначить только действующего проверяющего');
  return u.full_name;
}

/**
 * Recomputes the registry's counters from its rows in one statement, exactly (kopecks in bigint): agreed sum =
 * Σ declared subsidy of agreed rows, except a registry not agreed as a whole, whose agreed sum is 0.
 */
export async function recount(tx: Tx, id: number, bumpVersion: boolean): Promise<{ agreedSum: number; rowsAgreed: number; rowsRejected: number; pending: number }> {
  const [c] = await tx<{ agreed_sum: number; rows_agreed: number; rows_rejected: number; pending: number }[]>`
    update registries r set rows_agreed = s.agreed, rows_rejected = s.rejected,
      agreed_sum = case when r.status = 'Не согласован' then 0 else s.agreed_sum end, rejected_sum = s.rejected_sum,
      decisions_version = r.decisions_version + ${bumpVersion ? 1 : 0}
    from (select count(*) filter (where status = 'Согласован')::int as agreed, count(*) filter (where status = 'Не согласован')::int as rejected,
            count(*) filter (where status = 'Требует решения')::int as pending,
            coalesce(sum(subsidy) filter (where status = 'Согласован'), 0) as agreed_sum,
            coalesce(sum(subsidy) filter (where status = 'Не согласован'), 0) as rejected_sum
          from registry_rows where registry_id = ${id}) s
    where r.id = ${id}
    returning r.agreed_sum::float8 as agreed_sum, r.rows_agreed, r.rows_rejected, s.pending`;
  if (!c) throw new Error('registry vanished');
  return { agreedSum: c.agreed_sum, rowsAgreed: c.rows_agreed, rowsRejected: c.rows_rejected, pending: c.pending };
}

/** Новый → В работе: a reviewer takes it for himself; an administrator assigns a reviewer. */
export function take(sql: Sql, id: number, user: SessionUser, executorId: number | undefined) {
  return registryCommand(sql, id, async (tx, r) => {
    if (r.status !== 'Новый') throw wrongStatus(r, 'взять в работу');
    if (user.role === 'reviewer' && executorId !== undefined && executorId !== user.id) throw new ApiError(403, 'forbidden', 'Проверяющий берёт реестр в работу только себе; назначить другого может администратор');
    const target = user.role === 'admin' ? executorId : user.id;
    if (target === undefined) throw new ApiError(400, 'no_executor', 'Укажите исполнителя');
    const name = await activeReviewer(tx, target);
    await tx`update registries set status = 'В работе', executor_id = ${target} where id = ${id}`;
    await transition(tx, r, 'В работе', null, user.id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.take', entity: 'registry', entityId: id, payload: { executorId: target, executor: name } });
  });
}

/** Changes the executor (an administrator); a new registry assigned goes into work. */
export function assign(sql: Sql, id: number, user: SessionUser, executorId: number) {
  return registryCommand(sql, id, async (tx, r) => {
    if (r.status !== 'Новый' && r.status !== 'В работе') throw wrongStatus(r, 'назначить исполнителя');
    const name = await activeReviewer(tx, executorId);
    await tx`update registries set status = 'В работе', executor_id = ${executorId} where id = ${id}`;
    if (r.status === 'Новый') await transition(tx, r, 'В работе', null, user.id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.assign', entity: 'registry', entityId: id, payload: { executorId, executor: name, previous: r.executorName } });
  });
}

export function refuse(sql: Sql, id: number, user: SessionUser, reason: string) {
  return registryCommand(sql, id, async (tx, r) => {
    if (r.status !== 'Новый') throw wrongStatus(r, 'отказать в регистрации');
    await tx`update registries set status = 'Отказано в регистрации', refusal_reason = ${reason}, completed_at = now() where id = ${id}`;
    await transition(tx, r, 'Отказано в регистрации', reason, user.id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.refuse', entity: 'registry', entityId: id, payload: { reason, from: r.status } });
  });
}

export function cancel(sql: Sql, id: number, user: SessionUser, reason: string) {
  return registryCommand(sql, id, async (tx, r) => {
    if (r.status === 'Отменен' || r.status === 'Отказано в регистрации') throw wrongStatus(r, 'отменить');
    await tx`update registries set status = 'Отменен', completed_at = now() where id = ${id}`;
    await transition(tx, r, 'Отменен', reason, user.id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.cancel', entity: 'registry', entityId: id, payload: { reason, from: r.status } });
  });
}

/** Row numbers as ranges, «1-250,252,254-30000»: an audit record of 30,000 rows stays a short text. */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...rows].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

type RowStatus = 'Требует решения' | 'Согласован' | 'Не согласован';

interface Changed {
  rows: number[];
  /** changes of the registry's counters: rows and kopecks per row status */
  count: Record<RowStatus, number>;
  sum: Record<RowStatus, bigint>;
}

/**
 * Sets rows of the registry to a decision in one statement: the rows' update (reading each row's status before
 * it), one row_decisions line per changed row, and the changed rows back with their previous status and subsidy,
 * from which the counters' changes are summed exactly (integers, kopecks in BigInt). Rows already holding that
 * decision are left alone.
 */
async function setRows(tx: Tx, id: number, rows: number[] | 'clean', decision: 'Согласован' | 'Не согласован', reason: string | null, actorId: number, errorRules: string[]): Promise<Changed> {
  const found = await tx<{ row_no: number; was: RowStatus; subsidy: string | null }[]>`
    with before as (
      select rr.row_no, rr.status as was from registry_rows rr
      ${rows === 'clean'
        ? tx`where rr.registry_id = ${id} and rr.status = 'Требует решения' and not (rr.failed_rules && ${errorRules}::text[])`
        : tx`join unnest(${rows}::int[]) as t(row_no) on rr.row_no = t.row_no
             where rr.registry_id = ${id} and (rr.status <> ${decision} or (${decision} = 'Не согласован' and rr.decision_reason is distinct from ${reason}))`}
    ), changed as (
      update registry_rows rr set status = ${decision}, decision_reason = ${reason}, decided_by = ${actorId}, decided_at = now()
      from before b where rr.registry_id = ${id} and rr.row_no = b.row_no
      returning rr.row_no, b.was, rr.subsidy
    ), logged as (
      insert into row_decisions (registry_id, row_no, status, reason, actor_id)
      select ${id}, row_no, ${decision}, ${reason}, ${actorId} from changed order by row_no
    )
    select row_no, was, subsidy::text as subsidy from changed order by row_no`;
  const out: Changed = { rows: [], count: { 'Требует решения': 0, Согласован: 0, 'Не согласован': 0 }, sum: { 'Требует решения': 0n, Согласован: 0n, 'Не согласован': 0n } };
  for (const r of found) {
    const kop = r.subsidy === null ? 0n : BigInt(r.subsidy);
    out.rows.push(r.row_no);
    out.count[r.was]--;
    out.sum[r.was] -= kop;
    out.count[decision]++;
    out.sum[decision] += kop;
  }
  return out;
}

/** Applies the counters' changes of `setRows` to the registry (in work, so its agreed sum is that of its rows). */
async function applyCounts(tx: Tx, id: number, c: Changed): Promise<{ agreedSum: number }> {
  const [r] = await tx<{ agreed_sum: string }[]>`
    update registries set rows_agreed = rows_agreed + ${c.count['Согласован']}, rows_rejected = rows_rejected + ${c.count['Не согласован']},
      agreed_sum = agreed_sum + ${c.sum['Согласован'].toString()}::bigint, rejected_sum = rejected_sum + ${c.sum['Не согласован'].toString()}::bigint,
      decisions_version = decisions_version + ${c.rows.length > 0 ? 1 : 0}
    where id = ${id} returning agreed_sum::text as agreed_sum`;
  if (!r) throw new Error('registry vanished');
  return { agreedSum: Number(r.agreed_sum) };
}

export function decideRows(sql: Sql, id: number, user: SessionUser, req: RowDecisionRequest) {
  return registryCommand(sql, id, async (tx, r) => {
    mustDecide(user, r);
    mustBeInWork(r, 'принимать решения по строкам');
    const wanted = [...new Set(req.rows)];
    const reason = (req.reason ?? '').trim() || null;
    if (req.decision === 'Не согласован' && !reason) throw new ApiError(422, 'reason_required', 'Укажите причину несогласования');
    // one decision over many rows moves their whole sum: it needs its basis, as the confirmation asks
    if (wanted.length > 1 && !reason) throw new ApiError(422, 'reason_required', `Укажите основание решения по ${wanted.length} строкам`);
    const [known] = await tx<{ n: number }[]>`select count(*)::int as n from registry_rows rr join unnest(${wanted}::int[]) as t(row_no) on rr.row_no = t.row_no where rr.registry_id = ${id}`;
    if ((known?.n ?? 0) !== wanted.length) throw new ApiError(400, 'unknown_rows', `В реестре № ${id} нет строк: ${wanted.length - (known?.n ?? 0)} из ${wanted.length} указанных`);
    const changed = await setRows(tx, id, wanted, req.decision, reason, user.id, []);
    const counts = await applyCounts(tx, id, changed);
    await appendAudit(tx, { actorId: user.id, action: 'registry.decide', entity: 'registry', entityId: id, payload: { decision: req.decision, reason, rows: rowRanges(changed.rows), count: changed.rows.length, agreedSum: counts.agreedSum } });
    return changed.rows.length;
  });
}

/** «Согласовать все без ошибок»: every undecided row without a failed rule of severity error, with its basis. */
export function agreeClean(sql: Sql, id: number, user: SessionUser, reasonText: string | undefined) {
  return registryCommand(sql, id, async (tx, r) => {
    mustDecide(user, r);
    mustBeInWork(r, 'согласовывать строки');
    const reason = (reasonText ?? '').trim();
    if (!reason) throw new ApiError(422, 'reason_required', 'Укажите основание согласования всех строк без ошибок');
    const [run] = await tx<{ ids: string[] }[]>`
      select coalesce(array_agg(rule_id) filter (where severity is distinct from 'warning'), '{}') as ids
      from check_runs c, unnest(c.rule_ids, c.severities) as t(rule_id, severity)
      where c.id = (select check_run_id from registries where id = ${id})`;
    const changed = await setRows(tx, id, 'clean', 'Согласован', reason, user.id, run?.ids ?? []);
    const counts = await applyCounts(tx, id, changed);
    await appendAudit(tx, { actorId: user.id, action: 'registry.agree_clean', entity: 'registry', entityId: id, payload: { reason, rows: rowRanges(changed.rows), count: changed.rows.length, agreedSum: counts.agreedSum } });
    return changed.rows.length;
  });
}

/**
 * Finishes the review. Согласован needs a decision on every row; with rows rejected it is «согласован частично»
 * and the agreed sum is that of the agreed rows. Не согласован needs a reason: rows still undecided become
 * Не согласован with it, earlier row decisions stay as they were, and the registry's agreed sum is 0 — a registry
 * not agreed as a whole pays nothing, the РСО sends a corrected one.
 */
export function complete(sql: Sql, id: number, user: SessionUser, to: 'Согласован' | 'Не согласован', reasonText: string | undefined) {
  return registryCommand(sql, id, async (tx, r) => {
    mustDecide(user, r);
    mustBeInWork(r, 'завершить проверку');
    const reason = (reasonText ?? '').trim() || null;
    let undecided: number[] = [];
    if (to === 'Согласован') {
      const [p] = await tx<{ n: number }[]>`select count(*)::int as n from registry_rows where registry_id = ${id} and status = 'Требует решения'`;
      if ((p?.n ?? 0) > 0) throw new ApiError(409, 'rows_pending', `Не по всем строкам принято решение: осталось ${p?.n ?? 0}`);
    } else {
      if (!reason) throw new ApiError(422, 'reason_required', 'Укажите причину несогласования реестра');
      const rows = await tx<{ row_no: number }[]>`select row_no from registry_rows where registry_id = ${id} and status = 'Требует решения' order by row_no`;
      undecided = rows.map((x) => x.row_no);
      if (undecided.length > 0) await setRows(tx, id, undecided, 'Не согласован', reason, user.id, []);
    }
    await tx`update registries set status = ${to}, completed_at = now() where id = ${id}`;
    const counts = await recount(tx, id, undecided.length > 0);
    await transition(tx, r, to, reason, user.id);
    await appendAudit(tx, { actorId: user.id, action: 'registry.complete', entity: 'registry', entityId: id, payload: { status: to, reason, rows: rowRanges(undecided), count: undecided.length, agreedSum: counts.agreedSum, rowsAgreed: counts.rowsAgreed, rowsRejected: counts.rowsRejected } });
  });
}
