/**
 * The РСО portal (`/api/portal`, role `rso` only; every answer is about the user's own organisation, and another
 * organisation's registry is «не найден» exactly like one that does not exist):
 *   GET  /portal/registries                       PortalRegistry[] of the organisation, newest first
 *   GET  /portal/registries/:id                   PortalRegistryDetail: the card, every row with its decision and
 *                                                 failed checks (reasons that would name another organisation or
 *                                                 its volumes are said without them)
 *   GET  /portal/registries/:id/documents         PortalDocument[]: the letters, notifications, appendices issued
 *   GET  /portal/documents/:id/file               a document's file
 *   POST /portal/registries   multipart: file, letterOutNo, letterOutDate, correctsId? → PortalSubmission
 *   GET  /portal/registries/:id/messages          PortalMessage[]: «Переписка с РСО» of the registry
 *   POST /portal/registries/:id/messages          { body, rowNo? } → PortalMessage
 *   GET  /portal/reference/version, /portal/reference/snapshot   the check worker's reference for the organisation:
 *                                                 every house, its own tariff decisions and itself (ReferenceSnapshot)
 *   GET  /portal/template?service&period          «Скачать шаблон реестра»: the unified template (.xlsx) by the tariff menu
 *   GET  /portal/events                           PortalEvents: registered, refused, decided, letter, message
 *   POST /portal/events/seen                      everything up to now is read
 * The regulator's side of the correspondence (reviewers, admins; managers and analysts read):
 *   GET  /registries/:id/messages                 PortalMessage[]
 *   GET  /registries/:id/messages/live            the same as Server-Sent Events (also /portal/registries/:id/messages/live)
 *   POST /registries/:id/messages                 { body, rowNo? } → PortalMessage [admin, reviewer]
 *   GET  /registries/:id/correction               CorrectionMarks: a correction's rows against its original
 */
import type { RegistryFinding } from '../../formulas/checks/registry-checks.ts';
import type { Problem } from '../../formulas/problem.ts';
import type { DocumentKind, RegistryStatus, RowStatus } from './registries.ts';

export interface PortalRegistry {
  id: number;
  /** `YYYY-MM` */
  period: string;
  service: string;
  fileName: string;
  status: RegistryStatus;
  viaPortal: boolean;
  isCorrection: boolean;
  /** the registry this one corrects */
  correctsId: number | null;
  /** a correction sent for this one */
  correctedById: number | null;
  letterOutNo: string | null;
  letterOutDate: string | null;
  registeredAt: string;
  checkDeadline: string | null;
  finishDeadline: string | null;
  rowsTotal: number;
  rowsAgreed: number;
  rowsRejected: number;
  rowsPending: number;
  declaredSum: number;
  agreedSum: number;
  rejectedSum: number;
  /** why registration was refused */
  refusalReason: string | null;
  /** the regulator's reason when the whole registry was not agreed */
  decisionReason: string | null;
  findings: RegistryFinding[];
  /** may a correction be sent now (Не согласован, or agreed with rejected rows) */
  canCorrect: boolean;
}

export interface PortalFailedCheck {
  ruleId: string;
  title: string;
  reason: string;
  severity: 'error' | 'warning';
}

export interface PortalRow {
  rowNo: number;
  /** the file's № п/п */
  n: number | null;
  address: string | null;
  fiasId: string | null;
  vLiving: string | null;
  vOdn: string | null;
  subsidy: number | null;
  status: RowStatus;
  /** the regulator's reason when the row was not agreed */
  reason: string | null;
  failed: PortalFailedCheck[];
  /** in a correction: the row differs from the same house's row in the original (or is new) */
  changed?: boolean;
  /** in a correction: the same house's row was agreed in the original */
  agreedBefore?: boolean;
}

export interface PortalRegistryDetail extends PortalRegistry {
  rows: PortalRow[];
}

export interface PortalDocument {
  id: number;
  kind: DocumentKind;
  title: string;
  number: string;
  fileName: string;
  createdAt: string;
}

export interface PortalSubmission {
  registry: PortalRegistry;
  findings: RegistryFinding[];
  refused: boolean;
  problems: Problem[];
  /** checks 7 and 9 at submission: rows failed, as counts (no other organisation named) */
  serverChecks: { ruleId: string; title: string; failedRows: number }[];
}

export interface PortalMessage {
  id: number;
  registryId: number;
  rowNo: number | null;
  /** the author's name as the other side sees it: the organisation for an РСО, «Проверяющий …» for the regulator */
  author: string;
  fromRso: boolean;
  body: string;
  createdAt: string;
}

export type PortalEventKind = 'registered' | 'refused' | 'decided' | 'letter' | 'message';

export interface PortalEvent {
  kind: PortalEventKind;
  registryId: number;
  at: string;
  text: string;
  unread: boolean;
}

export interface PortalEvents {
  events: PortalEvent[];
  unread: number;
}

/** A correction's rows against the original (same house): changed or new, agreed there before. */
export interface CorrectionMarks {
  correctsId: number | null;
  rows: { rowNo: number; changed: boolean; agreedBefore: boolean }[];
}

/**
 * API tokens of an РСО user (`/api/portal/tokens`, signed in with a password, not with a token):
 *   GET  /portal/tokens               ApiTokenItem[]
 *   POST /portal/tokens { name }      CreatedApiToken: the secret shown this once
 *   POST /portal/tokens/:id/revoke    ApiTokenItem
 * A machine sends `Authorization: Bearer <token>` to the same /portal routes (no cookie, no CSRF check: nothing
 * ambient to forge); it acts as the user, for the user's organisation only.
 */
export interface ApiTokenItem {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiTokenItem {
  token: string;
}
