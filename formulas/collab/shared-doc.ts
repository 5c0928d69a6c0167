/**
 * The layout of the shared Yjs documents of live co-review, in one place; its versions and the migrations between
 * them are in `migrations.ts`.
 *
 * One Y.Doc per registry (`registry:<id>`), per standards sheet (`standards:<sheetId>`) and per workbook
 * (`workbook:<id>`, its definition under the root `workbook`: `workbook-doc.ts`). Root types:
 *
 * | root | type | who writes | what |
 * |---|---|---|---|
 * | `meta` | Y.Map | server | `schemaVersion`, `kind` (registry, standards), `mirrorSignature` |
 * | `threads` | Y.Map<threadId, Y.Map> | reviewers, admins, analysts | row comment threads: `row`, `createdBy`, `createdAt`, `resolved`, `resolvedBy`, `resolvedAt`, `comments` (Y.Array<Comment>) |
 * | `labels` | Y.Map<`row|label`, LabelMark> | reviewers, admins, analysts | free labels on rows |
 * | `flags` | Y.Map<row, FlagMark> | reviewers, admins, analysts | one coloured flag per row |
 * | `mirrorRegistry` | Y.Map | server only | the registry's status and agreed sums as Postgres has them |
 * | `mirrorRows` | Y.Map<row, RowMirror> | server only | decided rows: status, reason, author |
 * | `mirrorDecisions` | Y.Map<decisionId, RegistryDecisionMirror> | server only | registry status decisions with author |
 *
 * Presence (who is here, selected row) lives in awareness, never in the document (`Presence`).
 * The server refuses any client change under a server-only root; the mirror is rewritten after each command.
 * Pure TypeScript over yjs: runs in the browser, in workers and on the server.
 */
import * as Y from 'yjs';

// ---------------------------------------------------------------------------------------------- document names

export type DocRef = { kind: 'registry'; registryId: number } | { kind: 'standards'; sheetId: string } | { kind: 'workbook'; workbookId: number };

export const registryDocName = (registryId: number): string => `registry:${registryId}`;
export const standardsDocName = (sheetId: string): string => `standards:${sheetId}`;
export const workbookDocName = (workbookId: number): string => `workbook:${workbookId}`;

const SHEET_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Parses a document name as it appears in the sync URL; null when it names no document of ours. */
export function parseDocName(name: string): DocRef | null {
  const m = /^(registry|standards|workbook):(.+)$/.exec(name);
  if (!m) return null;
  const [, kind, id] = m as unknown as [string, string, string];
  if (kind === 'registry' || kind === 'workbook') {
    if (!/^[1-9]\d{0,15}$/.test(id)) return null;
    const n = Number(id);
    if (!Number.isSafeInteger(n)) return null;
    return kind === 'registry' ? { kind, registryId: n } : { kind, workbookId: n };
  }
  return SHEET_ID.test(id) ? { kind: 'standards', sheetId: id } : null;
}

export const docNameOf = (ref: DocRef): string =>
  ref.kind === 'registry' ? registryDocName(ref.registryId) : ref.kind === 'workbook' ? workbookDocName(ref.workbookId) : standardsDocName(ref.sheetId);

// ------------------------------------------------------------------------------------------------------ roots

export const ROOTS = {
  meta: 'meta',
  threads: 'threads',
  labels: 'labels',
  flags: 'flags',
  mirrorRegistry: 'mirrorRegistry',
  mirrorRows: 'mirrorRows',
  mirrorDecisions: 'mirrorDecisions',
} as const;

/** Roots only the server writes: a client update touching them is dropped by the server. */
export const SERVER_ONLY_ROOTS: ReadonlySet<string> = new Set([ROOTS.meta, ROOTS.mirrorRegistry, ROOTS.mirrorRows, ROOTS.mirrorDecisions]);

// ------------------------------------------------------------------------------------------------------ shapes

/** One comment of a thread; immutable once written. `mentions` are logins found as `@login` in the text. */
export interface Comment {
  id: string;
  /** login of the author */
  author: string;
  authorName: string;
  text: string;
  mentions: string[];
  /** ISO time */
  at: string;
}

export interface Thread {
  id: string;
  row: number;
  createdBy: string;
  createdAt: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  comments: Comment[];
}

export interface LabelMark {
  row: number;
  label: string;
  by: string;
  at: string;
}

export const FLAG_KINDS = ['red', 'yellow', 'green', 'blue'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface FlagMark {
  row: number;
  flag: FlagKind;
  by: string;
  at: string;
}

/** The registry as Postgres has it, written by the server after each command. Money in kopecks. */
export interface RegistryMirror {
  status: string;
  declaredSum: number;
  agreedSum: number;
  rejectedSum: number;
  rowsTotal: number;
  rowsAgreed: number;
  rowsRejected: number;
  rowsPending: number;
  executor: string | null;
  /** ISO time of the server's write */
  updatedAt: string;
}

/** A decided row; undecided rows have no entry. */
export interface RowMirror {
  status: 'Согласован' | 'Не согласован';
  reason: string | null;
  /** full name of whoever decided */
  by: string | null;
  at: string | null;
}

export interface RegistryDecisionMirror {
  id: number;
  from: string | null;
  to: string;
  reason: string | null;
  by: string | null;
  at: string;
}

/** What each client puts into awareness (never into the document). */
export interface Presence {
  user: { login: string; name: string; color: string; role: string };
  /** the row the person has selected, null when none */
  row: number | null;
  /** managers appear as watchers */
  watcher: boolean;
}

// ------------------------------------------------------------------------------------------------ accessors

export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.meta);
export const threadsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOTS.threads);
export const labelsOf = (doc: Y.Doc): Y.Map<LabelMark> => doc.getMap(ROOTS.labels);
export const flagsOf = (doc: Y.Doc): Y.Map<FlagMark> => doc.getMap(ROOTS.flags);
export const mirrorRegistryOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.mirrorRegistry);
export const mirrorRowsOf = (doc: Y.Doc): Y.Map<RowMirror> => doc.getMap(ROOTS.mirrorRows);
export const mirrorDecisionsOf = (doc: Y.Doc): Y.Map<RegistryDecisionMirror> => doc.getMap(ROOTS.mirrorDecisions);

/** Who acts: the signed-in person. */
export interface Author {
  login: string;
  name: string;
}

export interface Clock {
  now(): string;
  id(): string;
}

const defaultClock: Clock = {
  now: () => new Date().toISOString(),
  id: () => {
    const bytes = new Uint8Array(12);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  },
};

/** `@login` mentions in a text (logins as the users table allows them), distinct, in order. */
export function mentionsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(^|[^A-Za-z0-9._-])@([a-z0-9._-]{3,64})/g)) {
    const login = (m[2] as string).replace(/[.]+$/, '');
    if (login.length >= 3 && !out.includes(login)) out.push(login);
  }
  return out;
}

const commentsOf = (thread: Y.Map<unknown>): Y.Array<Comment> | null => {
  const c = thread.get('comments');
  return c instanceof Y.Array ? (c as Y.Array<Comment>) : null;
};

/** Starts a thread on a row with its first comment; returns the thread id. */
export function startThread(doc: Y.Doc, row: number, text: string, author: Author, clock: Clock = defaultClock): string {
  const id = clock.id();
  const at = clock.now();
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    const comments = new Y.Array<Comment>();
    comments.push([{ id: clock.id(), author: author.login, authorName: author.name, text, mentions: mentionsIn(text), at }]);
    thread.set('row', row);
    thread.set('createdBy', author.login);
    thread.set('createdAt', at);
    thread.set('resolved', false);
    thread.set('resolvedBy', null);
    thread.set('resolvedAt', null);
    thread.set('comments', comments);
    threadsOf(doc).set(id, thread);
  });
  return id;
}

/** Adds a reply to a thread; false when the thread does not exist. */
export function reply(doc: Y.Doc, threadId: string, text: string, author: Author, clock: Clock = defaultClock): boolean {
  const thread = threadsOf(doc).get(threadId);
  const comments = thread ? commentsOf(thread) : null;
  if (!comments) return false;
  comments.push([{ id: clock.id(), author: author.login, authorName: author.name, text, mentions: mentionsIn(text), at: clock.now() }]);
  return true;
}

/** Resolves (or reopens) a thread; false when the thread does not exist. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, author: Author, clock: Clock = defaultClock): boolean {
  const thread = threadsOf(doc).get(threadId);
  if (!thread) return false;
  doc.transact(() => {
    thread.set('resolved', resolved);
    thread.set('resolvedBy', resolved ? author.login : null);
    thread.set('resolvedAt', resolved ? clock.now() : null);
  });
  return true;
}

/** A thread as plain data; null for a malformed entry. */
export function readThread(id: string, thread: Y.Map<unknown>): Thread | null {
  const row = thread.get('row');
  const comments = commentsOf(thread);
  if (typeof row !== 'number' || !comments) return null;
  const str = (k: string): string | null => {
    const v = thread.get(k);
    return typeof v === 'string' ? v : null;
  };
  return {
    id,
    row,
    createdBy: str('createdBy') ?? '',
    createdAt: str('createdAt') ?? '',
    resolved: thread.get('resolved') === true,
    resolvedBy: str('resolvedBy'),
    resolvedAt: str('resolvedAt'),
    comments: comments.toArray(),
  };
}

/** Every thread, oldest first; with `row`, only that row's; with `open`, only unresolved ones. */
export function listThreads(doc: Y.Doc, filter: { row?: number; open?: boolean } = {}): Thread[] {
  const out: Thread[] = [];
  threadsOf(doc).forEach((t, id) => {
    const thread = readThread(id, t);
    if (!thread) return;
    if (filter.row !== undefined && thread.row !== filter.row) return;
    if (filter.open && thread.resolved) return;
    out.push(thread);
  });
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

const labelKey = (row: number, label: string): string => `${row}|${label}`;

export function addLabel(doc: Y.Doc, row: number, label: string, author: Author, clock: Clock = defaultClock): void {
  labelsOf(doc).set(labelKey(row, label), { row, label, by: author.login, at: clock.now() });
}

export function removeLabel(doc: Y.Doc, row: number, label: string): void {
  labelsOf(doc).delete(labelKey(row, label));
}

export function labelsOfRow(doc: Y.Doc, row: number): LabelMark[] {
  const out: LabelMark[] = [];
  labelsOf(doc).forEach((m) => {
    if (m.row === row) out.push(m);
  });
  return out.sort((a, b) => a.label.localeCompare(b.label, 'ru'));
}

/** Sets a row's flag; `null` clears it. */
export function setFlag(doc: Y.Doc, row: number, flag: FlagKind | null, author: Author, clock: Clock = defaultClock): void {
  if (flag === null) flagsOf(doc).delete(String(row));
  else flagsOf(doc).set(String(row), { row, flag, by: author.login, at: clock.now() });
}

export const flagOfRow = (doc: Y.Doc, row: number): FlagMark | null => flagsOf(doc).get(String(row)) ?? null;

export function readRegistryMirror(doc: Y.Doc): RegistryMirror | null {
  const m = mirrorRegistryOf(doc);
  return m.has('status') ? (m.toJSON() as RegistryMirror) : null;
}

export const rowMirror = (doc: Y.Doc, row: number): RowMirror | null => mirrorRowsOf(doc).get(String(row)) ?? null;

export function registryDecisions(doc: Y.Doc): RegistryDecisionMirror[] {
  return Array.from(mirrorDecisionsOf(doc).values()).sort((a, b) => a.id - b.id);
}

// --------------------------------------------------------------------------------- server side of the mirror

/** The authoritative state to mirror, as the server read it from Postgres in one snapshot. */
export interface MirrorState {
  registry: RegistryMirror;
  /** decided rows by row number */
  rows: Map<number, RowMirror>;
  decisions: RegistryDecisionMirror[];
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Server only: makes the mirror roots equal to `state`, writing only what changed (one transaction), so a
 * republish with nothing new produces no update. Clients never call this; the server drops their attempts.
 */
export function writeMirror(doc: Y.Doc, state: MirrorState, origin: unknown): void {
  doc.transact(() => {
    const reg = mirrorRegistryOf(doc);
    let changed = false;
    for (const [k, v] of Object.entries(state.registry)) {
      if (k === 'updatedAt' || sameJson(reg.get(k), v)) continue;
      reg.set(k, v);
      changed = true;
    }
    if (changed) reg.set('updatedAt', state.registry.updatedAt);
    const rows = mirrorRowsOf(doc);
    for (const key of Array.from(rows.keys())) if (!state.rows.has(Number(key))) rows.delete(key);
    for (const [row, m] of state.rows) if (!sameJson(rows.get(String(row)), m)) rows.set(String(row), m);
    const decisions = mirrorDecisionsOf(doc);
    for (const d of state.decisions) if (!sameJson(decisions.get(String(d.id)), d)) decisions.set(String(d.id), d);
  }, origin);
}
