import { appendAudit } from '../audit/audit-log.ts';
import type { SessionUser } from '../contract/auth.ts';
import type { PortalEvent, PortalEvents, PortalMessage, PortalRegistry, PortalRegistryDetail, PortalRow } from '../contract/portal.ts';
import type { RegistryStatus, RowStatus } from '../contract/registries.ts';
import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';

/**
 * What an РСО user sees of the regulator's data: his organisation's registries only. Every function takes the
 * organisation's ИНН and treats another organisation's registry exactly as one that does not exist (404, same
 * message), so a user cannot even learn which ids are taken. Nothing here returns the reviewers' comments, labels,
 * flags, presence, the executor or the registration comment.
 */

const notFound = (id: number): ApiError => new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);

interface PortalRowDb {
  id: number;
  period: string;
  service: string;
  file_name: string;
  status: RegistryStatus;
  via_portal: boolean;
  is_correction: boolean;
  corrects_id: number | null;
  corrected_by_id: number | null;
  letter_out_no: string | null;
  letter_out_date: string | null;
  registered_at: string;
  check_deadline: string | null;
  finish_deadline: string | null;
  rows_total: number;
  rows_agreed: number;
  rows_rejected: number;
  declared_sum: number;
  agreed_sum: number;
  rejected_sum: number;
  refusal_reason: string | null;
  decision_reason: string | null;
  findings: PortalRegistry['findings'];
}

const COLUMNS = (sql: Sql | Tx) => sql`
  r.id::int as id, to_char(r.period, 'YYYY-MM') as period, r.service, r.file_name, r.status, r.via_portal, r.is_correction,
  r.corrects_id::int as corrects_id,
  (select c.id::int from registries c where c.corrects_id = r.id and c.status not in ('Отменен', 'Отказано в регистрации') order by c.id desc limit 1) as corrected_by_id,
  r.letter_out_no, to_char(r.letter_out_date, 'YYYY-MM-DD') as letter_out_date,
  to_char(r.registered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as registered_at,
  to_char(r.check_deadline, 'YYYY-MM-DD') as check_deadline, to_char(r.finish_deadline, 'YYYY-MM-DD') as finish_deadline,
  r.rows_total, r.rows_agreed, r.rows_rejected, r.declared_sum::float8 as declared_sum, r.agreed_sum::float8 as agreed_sum,
  r.rejected_sum::float8 as rejected_sum, r.refusal_reason, r.findings,
  (select d.reason from registry_decisions d where d.registry_id = r.id and d.to_status = 'Не согласован' order by d.id desc limit 1) as decision_reason`;

function toPortalRegistry(r: PortalRowDb): PortalRegistry {
  const correctable = r.status === 'Не согласован' || (r.status === 'Согласован' && r.rows_rejected > 0);
  return {
    id: r.id,
    period: r.period,
    service: r.service,
    fileName: r.file_name,
    status: r.status,
    viaPortal: r.via_portal,
    isCorrection: r.is_correction,
    correctsId: r.corrects_id,
    correctedById: r.corrected_by_id,
    letterOutNo: r.letter_out_no,
    letterOutDate: r.letter_out_date,
    registeredAt: r.registered_at,
    checkDeadline: r.check_deadline,
    finishDeadline: r.finish_deadline,
    rowsTotal: r.rows_total,
    rowsAgreed: r.rows_agreed,
    rowsRejected: r.rows_rejected,
    rowsPending: r.rows_total - r.rows_agreed - r.rows_rejected,
    declaredSum: r.declared_sum,
    agreedSum: r.agreed_sum,
    rejectedSum: r.rejected_sum,
    refusalReason: r.refusal_reason,
    decisionReason: r.status === 'Не согласован' ? r.decision_reason : null,
    // registry-level findings concern the organisation itself (its ИНН, status, its own earlier registry)
    findings: r.findings ?? [],
    canCorrect: correctable && r.corrected_by_id === null,
  };
}

/** The organisation's registries, newest first (cancelled ones too: the РСО should know). */
export async function portalRegistries(sql: Sql | Tx, inn: string): Promise<PortalRegistry[]> {
  const rows = await sql<PortalRowDb[]>`select ${COLUMNS(sql)} from registries r where r.rso_inn = ${inn} order by r.registered_at desc, r.id desc`;
  return rows.map(toPortalRegistry);
}

/** One registry of the organisation; 404 for another's. */
export async function portalRegistry(sql: Sql | Tx, inn: string, id: number): Promise<PortalRegistry> {
  const [r] = await sql<PortalRowDb[]>`select ${COLUMNS(sql)} from registries r where r.id = ${id} and r.rso_inn = ${inn}`;
  if (!r) throw notFound(id);
  return toPortalRegistry(r);
}

/** 404 unless the registry is the organisation's. */
export async function assertOwnRegistry(sql: Sql | Tx, inn: string, id: number): Promise<void> {
  const [r] = await sql`select 1 from registries where id = ${id} and rso_inn = ${inn}`;
  if (!r) throw notFound(id);
}

const OTHER_REGISTRY = 'в другом реестре (организация не называется)';

/**
 * A check's reason as an РСО may read it. Check 7 names the other registries that claim the house (another
 * organisation's name and row): they become «в другом реестре». Check 9 states the house's average volume, which
 * may include another organisation's volumes: only the direction and size of the jump are said.
 */
export function portalReason(ruleId: string, reason: string): string {
  if (ruleId === '7') {
    const m = /^(Дом за .+? уже заявлен): (.*)$/.exec(reason);
    if (!m) return reason;
    const places = (m[2] ?? '').split('; ');
    const own = places.filter((p) => p.startsWith('в этом реестре'));
    const others = places.length > own.length;
    return `${m[1]}: ${[...own, ...(others ? [OTHER_REGISTRY] : [])].join('; ')}`;
  }
  if (ruleId === '9') {
    const jump = /\(дельта ([−+]\d+%)\)/.exec(reason);
    if (jump) return `Объем отличается от среднего по дому за прошлые периоды: ${jump[1]}`;
    if (reason.startsWith('Среднее значение объема по данному дому 0,0000')) return 'Среднее значение объема по дому за прошлые периоды равно нулю, в отчетном месяце объем не нулевой';
  }
  return reason;
}

interface RowDb {
  row_no: number;
  n: number | null;
  address: string | null;
  fias_id: string | null;
  v_living: string | null;
  v_odn: string | null;
  subsidy: number | null;
  status: RowStatus;
  decision_reason: string | null;
  st: number[] | null;
  rs: number[] | null;
  v: string;
}

/** A registry with every row: decision, reason, failed checks; a correction's rows compared with its original. */
export async function portalRegistryDetail(sql: Sql, inn: string, id: number): Promise<PortalRegistryDetail> {
  const card = await portalRegistry(sql, inn, id);
  const [run] = await sql<{ rule_ids: string[]; rule_titles: string[]; reasons: string[]; severities: string[] }[]>`
    select c.rule_ids, c.rule_titles, c.reasons, c.severities from registries r join check_runs c on c.id = r.check_run_id where r.id = ${id}`;
  const rows = await sql<RowDb[]>`
    select row_no, n, address, fias_id, v_living::text as v_living, v_odn::text as v_odn, subsidy::float8 as subsidy, status,
      case when status = 'Не согласован' then decision_reason end as decision_reason, check_status as st, check_reasons as rs,
      ${ROW_VALUES(sql)} as v
    from registry_rows where registry_id = ${id} order by row_no`;
  const original = card.correctsId === null ? null : await originalRows(sql, card.correctsId);
  const out: PortalRow[] = rows.map((r) => {
    const failed: PortalRow['failed'] = [];
    if (run) {
      for (let k = 0; k < run.rule_ids.length; k++) {
        if (r.st?.[k] !== 2) continue;
        const ruleId = run.rule_ids[k] ?? '';
        failed.push({ ruleId, title: run.rule_titles[k] ?? ruleId, reason: portalReason(ruleId, run.reasons[r.rs?.[k] ?? 0] ?? ''), severity: run.severities[k] === 'warning' ? 'warning' : 'error' });
      }
    }
    const row: PortalRow = { rowNo: r.row_no, n: r.n, address: r.address, fiasId: r.fias_id, vLiving: r.v_living, vOdn: r.v_odn, subsidy: r.subsidy, status: r.status, reason: r.decision_reason, failed };
    if (original) Object.assign(row, compareWithOriginal(original, { fias_id: r.fias_id, values: r.v }));
    return row;
  });
  return { ...card, rows: out };
}

/** The original's rows by house: the values that make a row «changed», and whether it was agreed. */
export async function originalRows(sql: Sql | Tx, registryId: number): Promise<Map<string, { values: string; agreed: boolean }>> {
  const rows = await sql<{ fias_id: string | null; v: string; status: RowStatus }[]>`
    select lower(fias_id) as fias_id, ${ROW_VALUES(sql)} as v, status
    from registry_rows where registry_id = ${registryId}`;
  const byHouse = new Map<string, { values: string; agreed: boolean }>();
  for (const r of rows) if (r.fias_id) byHouse.set(r.fias_id, { values: r.v, agreed: r.status === 'Согласован' });
  return byHouse;
}

/** A correction's row against the original: changed (or new), and whether the same house was agreed there. */
export function compareWithOriginal(original: Map<string, { values: string; agreed: boolean }>, r: { fias_id: string | null; values: string }): { changed: boolean; agreedBefore: boolean } {
  const o = r.fias_id ? original.get(r.fias_id.toLowerCase()) : undefined;
  if (!o) return { changed: true, agreedBefore: false };
  return { changed: r.values !== o.values, agreedBefore: o.agreed };
}

/** What makes a correction's row «changed» against the original's row of the same house. */
const ROW_VALUES = (sql: Sql | Tx) => sql`concat_ws('|', v_living::text, v_odn::text, subsidy::text, eot::text, lt::text, diff_attr, territory, commissioned)`;

/** A correction's rows as the reviewer sees them against the original: changed or new, agreed there before. */
export async function correctionMarks(sql: Sql, registryId: number): Promise<{ correctsId: number | null; rows: { rowNo: number; changed: boolean; agreedBefore: boolean }[] }> {
  const [r] = await sql<{ corrects_id: number | null }[]>`select corrects_id::int as corrects_id from registries where id = ${registryId}`;
  if (!r) throw notFound(registryId);
  if (r.corrects_id === null) return { correctsId: null, rows: [] };
  const original = await originalRows(sql, r.corrects_id);
  const rows = await sql<{ row_no: number; fias_id: string | null; v: string }[]>`select row_no, fias_id, ${ROW_VALUES(sql)} as v from registry_rows where registry_id = ${registryId} order by row_no`;
  return { correctsId: r.corrects_id, rows: rows.map((x) => ({ rowNo: x.row_no, ...compareWithOriginal(original, { fias_id: x.fias_id, values: x.v }) })) };
}

const MESSAGE_COLUMNS = (sql: Sql | Tx) => sql`
  m.id::int as id, m.registry_id::int as "registryId", m.row_no as "rowNo", m.from_rso as "fromRso", m.body,
  case when m.from_rso then coalesce(o.name, r.rso_name) else 'Проверяющий: ' || u.full_name end as author,
  to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"`;

/** «Переписка с РСО» of a registry, oldest first. The caller has checked the user may see the registry. */
export async function registryMessages(sql: Sql | Tx, registryId: number): Promise<PortalMessage[]> {
  const rows = await sql<PortalMessage[]>`select ${MESSAGE_COLUMNS(sql)}
    from portal_messages m join registries r on r.id = m.registry_id join users u on u.id = m.author_id left join organisations o on o.inn = r.rso_inn
    where m.registry_id = ${registryId} order by m.id`;
  return [...rows];
}

/** A message of either side, stored with its audit record; returns it as both sides read it. */
export async function postMessage(sql: Sql, user: SessionUser, registryId: number, body: string, rowNo: number | null): Promise<PortalMessage> {
  const text = body.trim();
  if (!text) throw new ApiError(400, 'empty_message', 'Напишите текст сообщения');
  if (text.length > 4000) throw new ApiError(400, 'long_message', 'Сообщение длиннее 4000 символов');
  return (await sql.begin(async (tx) => {
    if (rowNo !== null) {
      const [row] = await tx`select 1 from registry_rows where registry_id = ${registryId} and row_no = ${rowNo}`;
      if (!row) throw new ApiError(400, 'row_not_found', `В реестре № ${registryId} нет строки ${rowNo}`);
    }
    const fromRso = user.role === 'rso';
    const [m] = await tx<{ id: string }[]>`insert into portal_messages (registry_id, row_no, author_id, from_rso, body)
      values (${registryId}, ${rowNo}, ${user.id}, ${fromRso}, ${text}) returning id`;
    if (!m) throw new Error('message not stored');
    await appendAudit(tx, { actorId: user.id, action: 'portal.message', entity: 'registry', entityId: registryId, payload: { messageId: Number(m.id), rowNo, fromRso, text } });
    const [out] = await tx<PortalMessage[]>`select ${MESSAGE_COLUMNS(tx)}
      from portal_messages m join registries r on r.id = m.registry_id join users u on u.id = m.author_id left join organisations o on o.inn = r.rso_inn
      where m.id = ${m.id}`;
    if (!out) throw new Error('message not read back');
    return out;
  })) as PortalMessage;
}

/**
 * The organisation's events, newest first: registered, refused, decided (the registry's completion), a letter
 * issued, a message of the regulator. Unread = after the user's last «seen».
 */
export async function portalEvents(sql: Sql, user: SessionUser & { rsoInn: string }, limit = 100): Promise<PortalEvents> {
  const rows = await sql<(Omit<PortalEvent, 'unread'> & { unread: boolean })[]>`
    with seen as (select coalesce(portal_seen_at, '-infinity'::timestamptz) as at from users where id = ${user.id}),
    ev as (
      select case when d.to_status = 'Отказано в регистрации' then 'refused' when d.from_status is null then 'registered' else 'decided' end as kind,
        r.id::int as "registryId", d.decided_at as t,
        case when d.to_status = 'Отказано в регистрации' then 'Отказано в регистрации' || coalesce(': ' || d.reason, '')
             when d.from_status is null then 'Реестр зарегистрирован'
             else 'Решение по реестру: ' || d.to_status || coalesce(' — ' || d.reason, '') end as text
      from registry_decisions d join registries r on r.id = d.registry_id
      where r.rso_inn = ${user.rsoInn} and (d.from_status is null or d.to_status in ('Согласован', 'Не согласован', 'Отказано в регистрации', 'Отменен'))
      union all
      select 'letter', r.id::int, doc.created_at, 'Выпущен документ: ' || doc.title || ' № ' || doc.number
      from documents doc join registries r on r.id = doc.registry_id where r.rso_inn = ${user.rsoInn}
      union all
      select 'message', r.id::int, m.created_at, 'Сообщение проверяющего' || coalesce(' по строке ' || m.row_no, '') || ': ' || left(m.body, 200)
      from portal_messages m join registries r on r.id = m.registry_id where r.rso_inn = ${user.rsoInn} and not m.from_rso
    )
    select kind, "registryId", to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, text, t > (select at from seen) as unread
    from ev order by t desc limit ${limit}`;
  const [count] = await sql<{ n: number }[]>`
    with seen as (select coalesce(portal_seen_at, '-infinity'::timestamptz) as at from users where id = ${user.id})
    select ((select count(*) from registry_decisions d join registries r on r.id = d.registry_id where r.rso_inn = ${user.rsoInn}
               and (d.from_status is null or d.to_status in ('Согласован', 'Не согласован', 'Отказано в регистрации', 'Отменен')) and d.decided_at > (select at from seen))
          + (select count(*) from documents doc join registries r on r.id = doc.registry_id where r.rso_inn = ${user.rsoInn} and doc.created_at > (select at from seen))
          + (select count(*) from portal_messages m join registries r on r.id = m.registry_id where r.rso_inn = ${user.rsoInn} and not m.from_rso and m.created_at > (select at from seen)))::int as n`;
  return { events: [...rows], unread: count?.n ?? 0 };
}

export async function markEventsSeen(sql: Sql, userId: number): Promise<void> {
  await sql`update users set portal_seen_at = now() where id = ${userId}`;
}

/** Rows failed by each of the given checks in the registry's current run: counts only, nobody named. */
export async function serverCheckCounts(sql: Sql, registryId: number, ruleIds: string[]): Promise<{ ruleId: string; title: string; failedRows: number }[]> {
  const [run] = await sql<{ rule_ids: string[]; rule_titles: string[] }[]>`
    select c.rule_ids, c.rule_titles from registries r join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  if (!run) return [];
  const out = [];
  for (const ruleId of ruleIds) {
    const k = run.rule_ids.indexOf(ruleId);
    if (k < 0) continue;
    const [n] = await sql<{ n: number }[]>`select count(*)::int as n from registry_rows where registry_id = ${registryId} and check_status[${k + 1}] = 2`;
    out.push({ ruleId, title: run.rule_titles[k] ?? ruleId, failedRows: n?.n ?? 0 });
  }
  return out;
}
