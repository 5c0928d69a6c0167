import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { migrateSharedDoc } from '../../formulas/collab/migrations.ts';
import { metaOf, SERVER_ONLY_ROOTS, threadsOf, writeMirror, type Author, type Comment, type DocRef } from '../../formulas/collab/shared-doc.ts';
import { fillWorkbookDoc, hasWorkbook } from '../../formulas/collab/workbook-doc.ts';
import type { WorkbookDef } from '../../formulas/workbook/types.ts';
import type { AuditEntry } from '../audit/audit-log.ts';
import type { Sql } from '../db/database.ts';
import { clocksOf, revertForgedAuthorship } from './authorship.ts';
import { appendUpdates, compactStoredDoc, loadStoredDoc } from './doc-store.ts';
import { mirrorSignature, readMirrorState } from './mirror-state.ts';
import type { BusMessageKind, RedisBus } from './redis-bus.ts';
import { bindAwareness, type PresenceOwner } from './awareness-guard.ts';
import { refusals, UpdateRate, type QuotaRefusal, type SyncQuotas } from './quotas.ts';
import { guardUpdate } from './update-guard.ts';

/** Who sent a change into a document. */
export interface ChangeSource {
  actorId: number | null;
  /** for the log */
  label: string;
}

/** Transaction origins other than a connection. */
export const SERVER_ORIGIN: ChangeSource = { actorId: null, label: 'server' };
const REMOTE_ORIGIN = Symbol('remote process');
const LOAD_ORIGIN = Symbol('load');

/** A local receiver of what the document broadcasts (a WebSocket connection). */
export interface Peer extends ChangeSource {
  /** the session user: what the peer inserts must carry this name as its author */
  author: Author | null;
  /** who the peer's presence must say it is; null: the peer's awareness is taken as it comes */
  presence: PresenceOwner | null;
  /** sends a whole y-websocket message (encoded once for every peer) */
  send(message: Uint8Array): void;
  /** disconnects the peer (its client reconnects and resyncs) */
  close(): void;
}

// y-websocket message types
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

/** The y-websocket message carrying a document update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** The y-websocket message carrying an awareness update. */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Where the mirror's signature is kept (server-only root). */
const MIRROR_SIGNATURE_KEY = 'mirrorSignature';

interface NewComment {
  threadId: string;
  row: number;
  comment: Comment;
  reply: boolean;
}

interface Accepted {
  update: Uint8Array;
  /** when the peer's update was taken up (performance.now), and when it was in the document */
  receivedAt: number;
  appliedAt: number;
  source: ChangeSource;
  comments: NewComment[];
  /** the server changed the source's update (took back forged content): the result goes back to it as well */
  echo: boolean;
}

export interface HostOptions {
  sql: Sql;
  /** runs one database call (the hub may serialise them) */
  db: <T>(fn: () => Promise<T>) => Promise<T>;
  processId: string;
  bus: RedisBus | null;
  log: (msg: string) => void;
  /** compact once this many updates were appended since the last compaction by this process */
  compactAfter: number;
  quotas: SyncQuotas;
  /** told the timings of each stored and broadcast batch (the benchmark reads where the time goes) */
  trace?: ((t: WriteTrace) => void) | undefined;
}

/** Where one batch's time went, in milliseconds, from its first update's arrival to the last peer's send. */
export interface WriteTrace {
  /** guard, apply, authorship check of the first update */
  applyMs: number;
  /** from applied to the start of its write: waiting for the batch before it */
  queuedMs: number;
  /** the write to Postgres (updates and audit records, one statement) */
  storeMs: number;
  /** merge, encode and hand the message to every peer's socket */
  sendMs: number;
  updates: number;
  peers: number;
}

const isSource = (o: unknown): o is ChangeSource => typeof o === 'object' && o !== null && 'actorId' in o && 'label' in o;

/**
 * One loaded document in one server process: the Y.Doc, its awareness, its peers, and the pipeline every change
 * goes through: guard → apply → append to Postgres (with audit records of new comments) → broadcast to peers
 * and to the other processes. Appends are group-committed: while one batch is being written the next gathers.
 */
export class SharedDocHost {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** peers, publishers and loaders holding the document; at zero it may be unloaded */
  holds = 0;
  idleTimer: ReturnType<typeof setTimeout> | null = null;

  private queue: Accepted[] = [];
  private writing: Promise<void> | null = null;
  private collected: NewComment[] = [];
  private sinceCompaction = 0;
  private compacting = false;
  private failed = false;
  private readonly awarenessOf = new Map<Peer, Set<number>>();
  /** comments the server put back after a connection deleted them: not new, not audited again */
  private readonly restored = new WeakSet<object>();
  /** the stored document's size, about (snapshot and updates since; recounted at compaction), for its quota */
  private size = 0;
  private readonly rate: UpdateRate;
  private echoNext = false;
  /** when the update being applied arrived (read by the document's update handler, which runs inside the apply) */
  private applyStartedAt = 0;
  /** mirror refreshes run one at a time; one more is queued at most (it reads the latest state anyway) */
  private mirrorChain: Promise<void> = Promise.resolve();
  private mirrorQueued: Promise<void> | null = null;
  private destroyed = false;

  constructor(
    readonly name: string,
    readonly ref: DocRef,
    private readonly o: HostOptions,
    private readonly onFailure: (host: SharedDocHost) => void,
  ) {
    this.rate = new UpdateRate(o.quotas.updatesPerMinute);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    threadsOf(this.doc).observeDeep((events, tx) => {
      if (isSource(tx.origin)) this.collectComments(events);
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => this.onAwarenessUpdate(change, origin));
  }

  /** Loads the stored state: snapshot, then the tail, in order. */
  async load(): Promise<void> {
    const stored = await this.o.db(() => loadStoredDoc(this.o.sql, this.name));
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const u of stored.tail) Y.applyUpdate(this.doc, u);
    }, LOAD_ORIGIN);
    this.sinceCompaction = stored.tail.length;
    // opened at the current layout: a document stored at an older version is migrated (stored and sent as any change)
    const migrated = migrateSharedDoc(this.doc, this.ref, SERVER_ORIGIN);
    if (!migrated.ok) throw new Error(`синхронизация ${this.name}: ${migrated.message}`);
    if (migrated.from !== null && migrated.from !== migrated.to) this.o.log(`синхронизация ${this.name}: документ переведён со схемы версии ${migrated.from} на ${migrated.to}`);
    if (metaOf(this.doc).get('kind') !== this.ref.kind) throw new Error(`синхронизация ${this.name}: документ другого вида (${String(metaOf(this.doc).get('kind'))})`);
    // a workbook's document starts as its current saved version (data is never in it, only the definition)
    if (this.ref.kind === 'workbook' && !hasWorkbook(this.doc)) {
      const workbookId = this.ref.workbookId;
      const [v] = await this.o.db(() => this.o.sql<{ definition: WorkbookDef }[]>`
        select v.definition from workbooks w join workbook_versions v on v.workbook_id = w.id and v.version = w.current_version where w.id = ${workbookId}`);
      if (v) fillWorkbookDoc(this.doc, v.definition, SERVER_ORIGIN);
    }
    this.size = (stored.snapshot?.length ?? 0) + stored.tail.reduce((n, u) => n + u.length, 0);
    // Decisions taken while the document was not loaded here: the mirror catches up (one small query when current).
    if (this.ref.kind === 'registry') {
      const registryId = this.ref.registryId;
      const now = await this.o.db(() => mirrorSignature(this.o.sql, registryId));
      if (now !== null && metaOf(this.doc).get(MIRROR_SIGNATURE_KEY) !== now) {
        await this.refreshMirror().catch((e: unknown) => this.o.log(`синхронизация ${this.name}: зеркало решений не обновлено при загрузке: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  }

  /**
   * Rewrites a registry document's mirror from Postgres (only what differs), stored and broadcast like any change.
   * Refreshes run one at a time and queue at most one more, so a burst of commands costs two reads, and a read
   * never overwrites a later one.
   */
  refreshMirror(): Promise<void> {
    if (this.ref.kind !== 'registry') return Promise.resolve();
    if (this.mirrorQueued) return this.mirrorQueued;
    const registryId = this.ref.registryId;
    const run = this.mirrorChain.then(async () => {
      this.mirrorQueued = null;
      if (this.destroyed || this.failed) return;
      const read = await this.o.db(() => readMirrorState(this.o.sql, registryId));
      if (!read || this.destroyed || this.failed) return;
      this.doc.transact(() => {
        writeMirror(this.doc, read.state, SERVER_ORIGIN);
        if (metaOf(this.doc).get(MIRROR_SIGNATURE_KEY) !== read.signature) metaOf(this.doc).set(MIRROR_SIGNATURE_KEY, read.signature);
      }, SERVER_ORIGIN);
      await this.settled();
    });
    this.mirrorQueued = run;
    this.mirrorChain = run.catch(() => {});
    return run;
  }

  // -------------------------------------------------------------------------------------------- incoming

  /**
   * A peer's update (sync step 2 or update message). Read-only peers' changes are dropped and logged. An update
   * past a quota is not applied: the refusal is returned for the connection to pass on.
   */
  receiveUpdate(peer: Peer, update: Uint8Array, canWrite: boolean): QuotaRefusal | null {
    if (this.failed) return null;
    const q = this.o.quotas;
    if (update.length > q.updateBytes) return this.refused(peer, refusals.update(q), update.length);
    if (!canWrite) {
      if (this.hasNewContent(update)) this.o.log(`синхронизация ${this.name}: изменение от ${peer.label} отброшено — только чтение`);
      return null;
    }
    // a resync that brings nothing new (sync step 2 of a client in step) costs nothing and counts for nothing
    if (!this.hasNewContent(update) && !this.deletesSomething(update)) return null;
    if (!this.rate.allow(peer.author?.login ?? peer.label)) return this.refused(peer, refusals.rate(q), update.length);
    if (this.size + update.length > q.documentBytes) return this.refused(peer, refusals.document(q), update.length);
    this.apply(peer, update);
    return null;
  }

  private refused(peer: Peer, r: QuotaRefusal, bytes: number): QuotaRefusal {
    this.o.log(`синхронизация ${this.name}: изменение от ${peer.label} (${bytes} байт) не принято: ${r.message}`);
    return r;
  }

  private deletesSomething(update: Uint8Array): boolean {
    const ds = Y.decodeUpdate(update).ds as { clients: Map<number, unknown[]> };
    return ds.clients.size > 0;
  }

  private apply(peer: Peer, update: Uint8Array): void {
    this.applyStartedAt = performance.now();
    const g = guardUpdate(this.doc, update, (root) => SERVER_ONLY_ROOTS.has(root));
    if (g.droppedInserts > 0 || g.droppedDeletes > 0) {
      this.o.log(`синхронизация ${this.name}: ${peer.label} пытался изменить ${g.roots.join(', ')} — отброшено (вставок ${g.droppedInserts}, удалений ${g.droppedDeletes}); эти части пишет только сервер`);
    }
    const guarded = g.update;
    if (!guarded) return;
    if (!peer.author) {
      Y.applyUpdate(this.doc, guarded, peer);
      return;
    }
    const author = peer.author;
    const before = clocksOf(this.doc);
    this.doc.transact((tx) => {
      Y.applyUpdate(this.doc, guarded, peer);
      const taken = revertForgedAuthorship(this.doc, tx, before, author, this.restored);
      if (taken.length === 0) return;
      // the update this transaction emits carries the deletion back to the sender too
      this.echoNext = true;
      this.o.log(`синхронизация ${this.name}: ${peer.label} записал от чужого имени или изменил чужое — возвращено как было: ${taken.join('; ')}`);
    }, peer);
    this.echoNext = false;
  }

  receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (!peer.presence) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
      return;
    }
    // A client speaks for its own awareness ids only (a stock provider also echoes everyone else's changes back:
    // those are dropped quietly), and its presence says who its session is.
    const holder = (id: number): Peer | undefined => [...this.awarenessOf].find(([, ids]) => ids.has(id))?.[0];
    const bound = bindAwareness(update, peer.presence, (id) => {
      const h = holder(id);
      return h === undefined || h === peer;
    });
    if (bound.malformed > 0) this.o.log(`синхронизация ${this.name}: присутствие от ${peer.label} отброшено (${bound.malformed}): не тот вид или слишком велико`);
    if (bound.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, bound.update, peer);
  }

  /** What another process stored and published: applied and passed on, never stored again; or a mirror to refresh. */
  receiveRemote(kind: BusMessageKind, payload: Uint8Array): void {
    if (kind === 'update') Y.applyUpdate(this.doc, payload, REMOTE_ORIGIN);
    else if (kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, REMOTE_ORIGIN);
    else {
      this.refreshMirror().catch((e: unknown) => this.o.log(`синхронизация ${this.name}: зеркало решений не обновлено: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  private hasNewContent(update: Uint8Array): boolean {
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) if (to > Y.getState(this.doc.store, client)) return true;
    return false;
  }

  private collectComments(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const threads = threadsOf(this.doc);
    for (const ev of events) {
      if (ev.target === threads) {
        for (const [key, change] of (ev as Y.YMapEvent<unknown>).changes.keys) {
          if (change.action === 'delete') continue;
          const t = threads.get(key);
          const row = t?.get('row');
          const comments = t?.get('comments');
          if (typeof row !== 'number' || !(comments instanceof Y.Array)) continue;
          (comments.toArray() as Comment[]).forEach((comment, i) => {
            if (!this.restored.has(comment)) this.collected.push({ threadId: key, row, comment, reply: i > 0 });
          });
        }
      } else if (ev.target instanceof Y.Array && ev.target.parent instanceof Y.Map && ev.target.parent.parent === threads) {
        const thread = ev.target.parent as Y.Map<unknown>;
        const row = thread.get('row');
        const threadId = thread._item ? (thread._item.parentSub ?? '') : '';
        if (typeof row !== 'number') continue;
        for (const item of ev.changes.added) {
          for (const comment of item.content.getContent() as Comment[]) if (!this.restored.has(comment)) this.collected.push({ threadId, row, comment, reply: true });
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------- pipeline

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.size += update.length;
    if (origin === REMOTE_ORIGIN) {
      const message = updateMessage(update);
      for (const p of this.peers) p.send(message);
      return;
    }
    const source = isSource(origin) ? origin : SERVER_ORIGIN;
    const comments = this.collected;
    this.collected = [];
    const now = performance.now();
    this.queue.push({ update, source, comments, echo: this.echoNext, receivedAt: source === SERVER_ORIGIN ? now : this.applyStartedAt, appliedAt: now });
    if (!this.writing) this.writing = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failed) {
        const batch = this.queue;
        this.queue = [];
        const updates = batch.map((a) => ({ update: a.update, actorId: a.source.actorId }));
        const audit = batch.flatMap((a) => a.comments.map((c) => this.commentAudit(a.source, c)));
        // the updates and the audit records of their comments: one statement, one round trip
        const storing = performance.now();
        await this.o.db(() => appendUpdates(this.o.sql, this.name, this.o.processId, updates, audit));
        const stored = performance.now();
        // The batch goes out as one merged update, encoded once: a client applies one message per commit
        // instead of one per update. Its own updates in it are known to it and skipped; a batch that is only
        // one peer's (and taken back nothing) is not sent back to it.
        const merged = batch.length === 1 ? (batch[0] as Accepted).update : Y.mergeUpdates(batch.map((a) => a.update));
        const message = updateMessage(merged);
        const first = (batch[0] as Accepted).source;
        const onlyFrom = batch.every((a) => a.source === first && !a.echo) ? first : null;
        for (const p of this.peers) if (p !== onlyFrom) p.send(message);
        if (this.o.trace) {
          const head = batch[0] as Accepted;
          this.o.trace({ applyMs: head.appliedAt - head.receivedAt, queuedMs: storing - head.appliedAt, storeMs: stored - storing, sendMs: performance.now() - stored, updates: batch.length, peers: this.peers.size });
        }
        this.o.bus?.publish(this.name, 'update', merged);
        this.sinceCompaction += batch.length;
        if (this.sinceCompaction >= this.o.compactAfter && !this.compacting) void this.compact();
      }
    } catch (e) {
      this.failed = true;
      this.o.log(`синхронизация ${this.name}: запись в базу не удалась (${e instanceof Error ? e.message : String(e)}); документ выгружен, клиенты переподключатся`);
      this.onFailure(this);
    } finally {
      this.writing = null;
    }
  }

  private commentAudit(source: ChangeSource, c: NewComment): AuditEntry {
    const registry = this.ref.kind === 'registry';
    return {
      actorId: source.actorId,
      action: registry ? 'registry.comment' : 'standards.comment',
      entity: registry ? 'registry' : 'standards',
      entityId: this.ref.kind === 'registry' ? this.ref.registryId : this.ref.kind === 'workbook' ? this.ref.workbookId : this.ref.sheetId,
      payload: { row: c.row, text: c.comment.text, thread: c.threadId, comment: c.comment.id, author: c.comment.author, mentions: c.comment.mentions, reply: c.reply },
    };
  }

  private async compact(): Promise<void> {
    this.compacting = true;
    try {
      await this.o.db(() => compactStoredDoc(this.o.sql, this.name));
      this.sinceCompaction = 0;
      this.size = Y.encodeStateAsUpdate(this.doc).length;
    } catch (e) {
      this.o.log(`синхронизация ${this.name}: сжатие не удалось: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.compacting = false;
    }
  }

  log(msg: string): void {
    this.o.log(msg);
  }

  /** Resolves once everything applied so far is stored (and broadcast). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Resolves once mirror refreshes in flight are done and everything is stored: the document may be unloaded. */
  async idle(): Promise<void> {
    await this.mirrorChain;
    await this.settled();
  }

  get isFailed(): boolean {
    return this.failed;
  }

  // -------------------------------------------------------------------------------------------- awareness

  private onAwarenessUpdate(change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const peer = [...this.peers].find((p) => p === origin);
    if (peer) {
      let ids = this.awarenessOf.get(peer);
      if (!ids) this.awarenessOf.set(peer, (ids = new Set()));
      for (const id of [...change.added, ...change.updated]) ids.add(id);
      for (const id of change.removed) ids.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = awarenessMessage(update);
    for (const p of this.peers) p.send(message);
    if (origin !== REMOTE_ORIGIN) this.o.bus?.publish(this.name, 'awareness', update);
  }

  /** The awareness message of everyone present, for a peer that just connected; null when nobody is. */
  awarenessSnapshot(): Uint8Array | null {
    const ids = Array.from(this.awareness.getStates().keys());
    return ids.length > 0 ? awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  addPeer(peer: Peer): void {
    this.peers.add(peer);
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    const ids = this.awarenessOf.get(peer);
    this.awarenessOf.delete(peer);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
  }

  destroy(): void {
    this.destroyed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}
