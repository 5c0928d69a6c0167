import type { Sql, Tx } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { RegistryStatus } from '../contract/registries.ts';
import { localDate } from '../registries/deadlines.ts';

/** What every document says about a registry: its header, its sums counted from the rows, its rejected rows. */
export interface RegistryFacts {
  id: number;
  rsoInn: string;
  rsoName: string;
  service: string;
  /** `YYYY-MM` */
  period: string;
  status: RegistryStatus;
  municipalDistrict: string | null;
  letterOutNo: string | null;
  letterOutDate: string | null;
  letterInNo: string | null;
  letterInDate: string | null;
  executorId: number | null;
  executor: string | null;
  /** ISO date, in the office's time zone */
  registeredAt: string;
  checkDeadline: string | null;
  finishDeadline: string | null;
  refusalReason: string | null;
  /** who refused its registration (the reviewer or admin who refused it, or who registered a file refused at intake) */
  refusedById: number | null;
  refusedBy: string | null;
  fileName: string;
  rowsTotal: number;
  rowsAgreed: number;
  rowsRejected: number;
  rowsPending: number;
  /** kopecks, counted from the rows (the registry's stored declared sum when it has no rows) */
  declaredSum: number;
  agreedSum: number;
  rejectedSum: number;
  pendingSum: number;
}

export interface RejectedRow {
  rowNo: number;
  /** № п/п as in the РСО's file */
  n: number | null;
  address: string;
  fiasId: string;
  /** kopecks; null when the file's sum was unreadable */
  subsidy: number | null;
  /** kopecks, as check 8 computed it */
  expected: number | null;
  reason: string;
  /** ids of the checks the row failed in the registry's last run */
  failedRules: string[];
}

/** The checks of the registry's last run: id → title. */
export async function loadRuleTitles(sql: Db, registryId: number): Promise<Map<string, string>> {
  const [run] = await sql<{ ids: string[]; titles: string[] }[]>`
    select c.rule_ids as ids, c.rule_titles as titles from registries r join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  return new Map((run?.ids ?? []).map((id, k) => [id, run?.titles[k] ?? id]));
}

type Db = Sql | Tx;

/** The registry's header; 404 when there is none. `lock` holds it against decisions while a document is made. */
export async function loadRegistryFacts(sql: Db, registryId: number, lock = false): Promise<RegistryFacts> {
  const [r] = await sql<(Omit<RegistryFacts, 'refusedById' | 'refusedBy' | 'rowsTotal' | 'rowsAgreed' | 'rowsRejected' | 'rowsPending' | 'declaredSum' | 'agreedSum' | 'rejectedSum' | 'pendingSum'> & { storedDeclared: string })[]>`
    select r.id::int as id, r.rso_inn as "rsoInn", r.rso_name as "rsoName", r.service, to_char(r.period, 'YYYY-MM') as period,
           r.status, r.municipal_district as "municipalDistrict", r.letter_out_no as "letterOutNo",
           to_char(r.letter_out_date, 'YYYY-MM-DD') as "letterOutDate", r.letter_in_no as "letterInNo",
           to_char(r.letter_in_date, 'YYYY-MM-DD') as "letterInDate", r.executor_id as "executorId", u.full_name as executor,
           to_char(r.registered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "registeredAt", to_char(r.check_deadline, 'YYYY-MM-DD') as "checkDeadline",
           to_char(r.finish_deadline, 'YYYY-MM-DD') as "finishDeadline", r.refusal_reason as "refusalReason",
           r.file_name as "fileName", r.declared_sum::text as "storedDeclared"
    from registries r left join users u on u.id = r.executor_id
    where r.id = ${registryId}
    ${lock ? sql`for share of r` : sql``}`;
  if (!r) throw new ApiError(404, 'registry_not_found', `Реестр № ${registryId} не найден`);
  const [refusal] = r.status === 'Отказано в регистрации'
    ? await sql<{ id: number | null; name: string | null }[]>`
        select d.actor_id::int as id, u.full_name as name from registry_decisions d left join users u on u.id = d.actor_id
        where d.registry_id = ${registryId} and d.to_status = 'Отказано в регистрации' order by d.id desc limit 1`
    : [];
  const [s] = await sql<{ total: number; agreed: number; rejected: number; declared: string; agreedSum: string; rejectedSum: string; pendingSum: string }[]>`
    select count(*)::int as total,
           count(*) filter (where status = 'Согласован')::int as agreed,
           count(*) filter (where status = 'Не согласован')::int as rejected,
           coalesce(sum(subsidy), 0)::text as declared,
           coalesce(sum(subsidy) filter (where status = 'Согласован'), 0)::text as "agreedSum",
           coalesce(sum(subsidy) filter (where status = 'Не согласован'), 0)::text as "rejectedSum",
           coalesce(sum(subsidy) filter (where status = 'Требует решения'), 0)::text as "pendingSum"
    from registry_rows where registry_id = ${registryId}`;
  const total = s?.total ?? 0;
  const { storedDeclared, registeredAt, ...header } = r;
  return {
    ...header,
    refusedById: refusal?.id ?? null,
    refusedBy: refusal?.name ?? null,
    registeredAt: localDate(new Date(registeredAt)),
    rowsTotal: total,
    rowsAgreed: s?.agreed ?? 0,
    rowsRejected: s?.rejected ?? 0,
    rowsPending: total - (s?.agreed ?? 0) - (s?.rejected ?? 0),
    declaredSum: total > 0 ? Number(s?.declared ?? 0) : Number(storedDeclared),
    agreedSum: Number(s?.agreedSum ?? 0),
    rejectedSum: Number(s?.rejectedSum ?? 0),
    pendingSum: Number(s?.pendingSum ?? 0),
  };
}

/** Rows not agreed, in the file's order, with the reviewer's reason. */
export async function loadRejectedRows(sql: Db, registryId: number): Promise<RejectedRow[]> {
  const rows = await sql<{ rowNo: number; n: number | null; address: string | null; fiasId: string | null; subsidy: string | null; expected: string | null; reason: string | null; failed: string | null }[]>`
    select row_no as "rowNo", n, address, fias_id as "fiasId", subsidy::text as subsidy, expected_subsidy::text as expected,
           decision_reason as reason, array_to_string(failed_rules, chr(1)) as failed
    from registry_rows where registry_id = ${registryId} and status = 'Не согласован' order by row_no`;
  return rows.map((x) => ({
    rowNo: x.rowNo,
    n: x.n,
    address: x.address ?? '',
    fiasId: x.fiasId ?? '',
    subsidy: x.subsidy === null ? null : Number(x.subsidy),
    expected: x.expected === null ? null : Number(x.expected),
    reason: x.reason ?? '',
    failedRules: x.failed ? x.failed.split('\u0001') : [],
  }));
}
