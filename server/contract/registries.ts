/**
 * The registry-control part of the HTTP API as data: what the routes under `/api/registries`, `/api/rule-sets`
 * and `/api/documents` return. The workspace imports these types (type-only); the routes return values that
 * `satisfies` them. Money is in kopecks (integers), dates ISO (`YYYY-MM-DD`), times ISO UTC.
 *
 * Routes (all need a session; roles in brackets; «executor» = the reviewer assigned to the registry):
 *   GET  /registries?status&q&rso&service&executor&period&district&letter&from&to&min&max   list + counts [any role]
 *   GET  /registries/executors                         reviewers that can be assigned [any role]
 *   POST /registries               multipart: file + RegistrationForm fields → RegistrationOutcome [admin, reviewer]
 *   GET  /registries/:id                                RegistryCard [any role]
 *   GET  /registries/:id/rows?run=<checkRunId>          RegistryRowsPayload, immutable per run, stored gzipped, ETag [any role]
 *   GET  /registries/:id/row-states                     RowStates, changes with every decision [any role]
 *   GET  /registries/:id/rows/:rowNo                    RowDetail [any role]
 *   GET  /registries/:id/history                        HistoryEntry[] of the registry and its rows [any role]
 *   GET  /registries/:id/rows/:rowNo/history            HistoryEntry[] of one row [any role]
 *   POST /registries/:id/take          { executorId? }   Новый → В работе; a reviewer takes it, an admin assigns [admin, reviewer]
 *   POST /registries/:id/assign        { executorId }    change the executor [admin]
 *   POST /registries/:id/refuse        { reason }        Новый → Отказано в регистрации [admin, reviewer]
 *   POST /registries/:id/cancel        { reason }        → Отменен [admin]
 *   POST /registries/:id/rows/decide   RowDecisionRequest → DecisionOutcome [executor, admin]; 422 without a reason
 *                                      when rejecting or deciding more than one row
 *   POST /registries/:id/rows/agree-clean  { reason }   every undecided row without errors → Согласован [executor, admin];
 *                                      422 without a reason
 *   POST /registries/:id/complete      { status, reason? } → Согласован | Не согласован [executor, admin]
 *   POST /registries/:id/recheck                        re-run the checks with the current rule set [executor, admin, analyst]
 *   GET  /rule-sets/current                             RuleSetVersion [any role]
 *   GET  /rule-sets                                     RuleSetVersion[] (history) [any role]
 *   POST /rule-sets                    RuleSetTemplate body → RuleSetVersion (a new version) [admin, analyst]
 *   GET  /registries/export.xlsx?<list filters>          the list as shown [any role]
 *   GET  /registries/:id/export.xlsx                    every row with every check result [any role]
 *   GET  /registries/:id/documents                      DocumentItem[] [any role]
 *   POST /registries/:id/documents     { kind }          DocumentItem (generated, numbered, stored) [executor, admin]
 *   GET  /documents/:id/file                            the stored file [any role]
 */
import type { RegistryFinding } from '../../formulas/checks/registry-checks.ts';
import type { RuleSetTemplate } from '../../formulas/checks/types.ts';
import type { Problem } from '../../formulas/problem.ts';
import type { StoredColumns } from '../../formulas/registry/columns.ts';

export const REGISTRY_STATUSES = ['Новый', 'В работе', 'Согласован', 'Не согласован', 'Отменен', 'Отказано в регистрации'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

export const ROW_STATUSES = ['Требует решения', 'Согласован', 'Не согласован'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** Deadline state the list highlights: overdue, due within one working day, or fine; null once finished. */
export type DeadlineState = 'overdue' | 'due-soon' | 'ok';

export interface Executor {
  id: number;
  fullName: string;
}

/** One line of the registries list (the seed's «Администрирование и контроль реестров»). */
export interface RegistryListItem {
  id: number;
  municipalDistrict: string | null;
  rsoInn: string;
  rsoName: string;
  comment: string | null;
  /** `YYYY-MM` */
  period: string;
  letterOutNo: string | null;
  letterOutDate: string | null;
  letterInNo: string | null;
  letterInDate: string | null;
  /** «Исполнено 12.09.2026», «Просрочено на 2 раб. дн.», or null while in progress and on time */
  executionMark: string | null;
  checkDeadline: string | null;
  finishDeadline: string | null;
  /** Working days left to the check deadline (negative = overdue); null once finished. */
  daysLeft: number | null;
  deadlineState: DeadlineState | null;
  declaredSum: number;
  agreedSum: number;
  executor: Executor | null;
  service: string;
  status: RegistryStatus;
  isCorrection: boolean;
  /** sent by the РСО through the portal («через портал») */
  viaPortal: boolean;
  /** the registry a portal correction corrects */
  correctsId: number | null;
  registeredAt: string;
  rowsTotal: number;
  /** rows with a failed rule of severity error */
  rowsFailed: number;
  /** Согласован with some rows not agreed: «согласован частично» */
  partlyAgreed: boolean;
}

export interface RegistryList {
  rows: RegistryListItem[];
  /** Per status and 'Все', counted over the same filters except the status tab. */
  counts: Record<RegistryStatus | 'Все', number>;
}

/** Letter data typed at registration, sent as multipart fields beside `file`. */
export interface RegistrationForm {
  letterOutNo?: string;
  /** ISO date */
  letterOutDate?: string;
  letterInNo?: string;
  letterInDate?: string;
  /** 'true' when this registry corrects one already registered */
  isCorrection?: 'true' | 'false';
  comment?: string;
  /** Assign at once (then the registry starts В работе). */
  executorId?: string;
}

/**
 * Registration always answers with the stored registry: a registry refused by the registry-level checks is
 * still registered, with status «Отказано в регистрации» and the reason, so the refusal can be answered.
 * An unreadable file is not registered at all (HTTP 422 with the problems by file, row and column).
 */
export interface RegistrationOutcome {
  registry: RegistryCard;
  findings: RegistryFinding[];
  refused: boolean;
  /** cells that could not be read (the row keeps them empty and fails its checks), by file, row and column */
  problems: Problem[];
}

/** The header card of the review page. */
export interface RegistryCard extends RegistryListItem {
  fileName: string;
  refusalReason: string | null;
  findings: RegistryFinding[];
  rowsAgreed: number;
  rowsRejected: number;
  rowsPending: number;
  rejectedSum: number;
  /** Working days left to the finishing deadline; null once finished. */
  finishDaysLeft: number | null;
  checkRun: CheckRunInfo | null;
  /** What the signed-in user may do with it now. */
  can: { take: boolean; decide: boolean; complete: boolean; refuse: boolean; cancel: boolean; assign: boolean; documents: boolean };
}

export interface CheckRunInfo {
  id: number;
  ruleSet: string;
  ruleSetVersion: number;
  ruleIds: string[];
  ruleTitles: string[];
  durationMs: number;
  ranAt: string;
  /** Why the system checked the registry again: «поступил реестр № 12 (ХВС, …)»; null for an intake or a person's request. */
  note: string | null;
}

/**
 * The rows of a registry as received, with the check run's verdicts, in columns (index = row): one array per column
 * of `REGISTRY_COLUMNS`, in the kinds of `StoredColumns` (money in kopecks, tariffs and volumes as decimal strings
 * exactly as stored, `"1234.5678"`, null where the file had nothing readable). Immutable for a check run, so the
 * browser caches it by `checkRunId`.
 */
export interface RegistryRowsPayload extends StoredColumns {
  registryId: number;
  checkRunId: number;
  ruleIds: string[];
  ruleTitles: string[];
  /** Per rule, in the order of ruleIds: a failed 'error' rule makes the row «с ошибками», a 'warning' does not. */
  ruleSeverities: ('error' | 'warning')[];
  /** Distinct reasons; rows refer to them by index; [0] is ''. */
  reasons: string[];
  count: number;
  /** the row's line in the file */
  rowNo: number[];
  /** expected by check 8, kopecks */
  expected: (number | null)[];
  /** row-major, rule r of row i at i × ruleIds.length + r: 1 passed, 2 failed, 3 skipped */
  checkStatus: number[];
  checkReason: number[];
}

/** The mutable part of the rows: decisions. `version` changes with every decision on the registry. */
export interface RowStates {
  registryId: number;
  version: string;
  /** per row (same order as RegistryRowsPayload.rowNo): 0 Требует решения, 1 Согласован, 2 Не согласован */
  status: number[];
  /** reasons of rejected rows, by row number */
  reasons: Record<number, string>;
}

export interface RuleResult {
  ruleId: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  reason: string;
}

export interface AppliedTariff {
  decisionId: string;
  tariffKind: string;
  settlement: string;
  validFrom: string;
  validTo: string | null;
  commissionedFrom: string | null;
  commissionedTo: string | null;
  /** 10⁻⁴ руб. as decimal strings */
  eot: string;
  lt: string;
  /** the row's ЭОТ and ЛТ agree with this decision within the tolerance */
  matches: boolean;
}

export interface VolumePoint {
  /** `YYYY-MM` */
  period: string;
  /** decimal string, service units */
  volume: string;
}

export interface RowDetail {
  registryId: number;
  rowNo: number;
  status: RowStatus;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  house: {
    fiasId: string;
    address: string;
    municipalDistrict: string;
    settlement: string;
    houseType: string;
    commissioned: string | null;
  } | null;
  service: string;
  unit: string;
  results: RuleResult[];
  tariffs: AppliedTariff[];
  /** the 12 months before the period and the period itself */
  volumes: VolumePoint[];
}

export interface RowDecisionRequest {
  rows: number[];
  decision: 'Согласован' | 'Не согласован';
  /** required (422 without) to reject, and for a decision over more than one row: it moves their whole sum */
  reason?: string;
}

export interface DecisionOutcome {
  changed: number;
  card: RegistryCard;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  /** Russian sentence: «Согласовано строк: 120», «Строка 15 не согласована: …» */
  summary: string;
  rows: number[] | null;
  payload: Record<string, unknown>;
}

export interface RuleSetVersion {
  id: string;
  version: number;
  title: string;
  createdBy: string | null;
  createdAt: string;
  /** the template body (templates/rules/*.json shape) */
  body: RuleSetTemplate;
}

export const DOCUMENT_KINDS = ['letter', 'notification', 'appendix'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentItem {
  id: number;
  registryId: number;
  kind: DocumentKind;
  /** «Письмо РСО о результатах проверки» */
  title: string;
  /** «СВ-2026-000017» */
  number: string;
  fileName: string;
  mimeType: string;
  createdBy: string | null;
  createdAt: string;
}
