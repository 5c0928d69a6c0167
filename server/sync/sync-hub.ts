import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { docNameOf, type DocRef } from '../../formulas/collab/shared-doc.ts';
import type { Sql } from '../db/database.ts';
import { ensureStoredDoc } from './doc-store.ts';
import { RedisBus, type BusMessage } from './redis-bus.ts';
import { SharedDocHost, type HostOptions } from './shared-doc-host.ts';
import { SYNC_QUOTAS, type SyncQuotas } from './quotas.ts';

export interface SyncHubOptions {
  sql: Sql;
  /** Redis for more than one server process; absent = this process alone */
  redisUrl?: string | undefined;
  /** unload a document this long after its last connection left (default 30 s) */
  idleMs?: number;
  /** fold the tail into the snapshot after this many appended updates (default 500) */
  compactAfter?: number;
  /** per-document quotas (default `SYNC_QUOTAS`) */
  quotas?: Partial<SyncQuotas>;
  log?: (msg: string) => void;
  /** names this process in the update log and on the bus (default host:pid:random) */
  processId?: string;
  /**
   * Run the hub's queries one at a time. Needed on the embedded PGlite: its socket server interleaves the
   * protocol messages of concurrent connections outside transactions, and they clobber each other's unnamed
   * portal ("portal \"\" does not exist"). Pass `db.kind === 'embedded'`.
   */
  serializeDb?: boolean;
  /** told where each stored batch's time went (the sync benchmark) */
  trace?: HostOptions['trace'];
}

const hubs = new Set<SyncHub>();

/** The hub of this process serving `sql`, if any: server commands publish the mirror through it. */
export const hubFor = (sql: Sql): SyncHub | undefined => [...hubs].find((h) => h.sql === sql && !h.closed);

/**
 * The shared documents this process holds: loaded on first use, kept while someone holds them, unloaded after
 * `idleMs` without holders. With Redis, each loaded document is subscribed to its channel.
 */
export class SyncHub {
  readonly sql: Sql;
  readonly processId: string;
  readonly bus: RedisBus | null;
  closed = false;
  private readonly hosts = new Map<string, Promise<SharedDocHost>>();
  private readonly detachers = new Map<SharedDocHost, () => Promise<void>>();
  private readonly unloadWaiters = new Map<string, (() => void)[]>();
  private readonly idleMs: number;
  private readonly compactAfter: number;
  readonly quotas: SyncQuotas;
  readonly log: (msg: string) => void;
  private readonly serializeDb: boolean;
  private dbChain: Promise<unknown> = Promise.resolve();
  private readonly trace: HostOptions['trace'];

  constructor(o: SyncHubOptions) {
    this.sql = o.sql;
    this.processId = o.processId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.log = o.log ?? ((msg) => console.log(`[sverka] ${msg}`));
    this.idleMs = o.idleMs ?? 30_000;
    this.compactAfter = o.compactAfter ?? 500;
    this.quotas = { ...SYNC_QUOTAS, ...o.quotas };
    this.serializeDb = o.serializeDb ?? false;
    this.trace = o.trace;
    this.bus = o.redisUrl ? new RedisBus(o.redisUrl, this.processId, this.log) : null;
    hubs.add(this);
  }

  /** Runs a database call of the hub (one at a time when `serializeDb`). */
  db<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.serializeDb) return fn();
    const run = this.dbChain.then(fn, fn);
    this.dbChain = run.catch(() => {});
    return run;
  }

  /** Loads (or finds) a document and holds it until `release`. */
  async acquire(ref: DocRef): Promise<SharedDocHost> {
    const name = docNameOf(ref);
    let pending = this.hosts.get(name);
    if (!pending) {
      pending = this.load(name, ref);
      this.hosts.set(name, pending);
      pending.catch(() => this.hosts.delete(name));
    }
    const host = await pending;
    host.holds++;
    if (host.idleTimer) {
      clearTimeout(host.idleTimer);
      host.idleTimer = null;
    }
    return host;
  }

  release(host: SharedDocHost): void {
    host.holds--;
    if (host.holds > 0 || this.closed) return;
    if (host.idleTimer) clearTimeout(host.idleTimer);
    host.idleTimer = setTimeout(() => void this.unload(host), this.idleMs);
    host.idleTimer.unref?.();
  }

  /** Resolves when the document is no longer loaded in this process. */
  whenUnloaded(name: string): Promise<void> {
    if (!this.hosts.has(name)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.unloadWaiters.get(name) ?? [];
      list.push(resolve);
      this.unloadWaiters.set(name, list);
    });
  }

  private unloaded(name: string): void {
    const list = this.unloadWaiters.get(name) ?? [];
    this.unloadWaiters.delete(name);
    for (const resolve of list) resolve();
  }

  /** The document if this process has it loaded or loading; never loads it. */
  loadedHost(name: string): Promise<SharedDocHost> | undefined {
    return this.hosts.get(name);
  }

  /**
   * Closes every live connection of a user in this process (disabled, or his password reset): his sessions are
   * already deleted, so the stock provider's reconnect is refused at the upgrade. Returns how many were closed.
   */
  disconnectUser(userId: number): number {
    let n = 0;
    for (const c of [...this.connections]) {
      if (c.actorId === userId) {
        c.close();
        n++;
      }
    }
    return n;
  }

  /** Every connection of this process (registered by the endpoint), whichever document it holds. */
  readonly connections = new Set<{ actorId: number | null; close(): void }>();

  /** Names of the documents loaded now. */
  loaded(): string[] {
    return [...this.hosts.keys()];
  }

  private async load(name: string, ref: DocRef): Promise<SharedDocHost> {
    await this.db(() => ensureStoredDoc(this.sql, name));
    let host: SharedDocHost | null = null;
    // Subscribe before reading the log, so nothing another process stores in between is missed.
    const early: BusMessage[] = [];
    const detach = this.bus ? await this.bus.subscribe(name, (m) => (host ? host.receiveRemote(m.kind, m.payload) : early.push(m))) : null;
    const created = new SharedDocHost(name, ref, { sql: this.sql, db: (fn) => this.db(fn), processId: this.processId, bus: this.bus, log: this.log, compactAfter: this.compactAfter, quotas: this.quotas, trace: this.trace }, (h) => this.fail(h));
    try {
      await created.load();
    } catch (e) {
      created.destroy();
      await detach?.();
      throw e;
    }
    host = created;
    if (detach) this.detachers.set(host, detach);
    for (const m of early) host.receiveRemote(m.kind, m.payload);
    return host;
  }

  private async unload(host: SharedDocHost): Promise<void> {
    host.idleTimer = null;
    await host.idle();
    if (host.holds > 0 || this.hosts.get(host.name) === undefined) return;
    this.hosts.delete(host.name);
    host.destroy();
    await this.detach(host);
    this.unloaded(host.name);
  }

  /** A document whose store write failed: dropped from memory, its peers disconnected to reload it. */
  private fail(host: SharedDocHost): void {
    this.hosts.delete(host.name);
    for (const p of [...host.peers]) p.close();
    host.destroy();
    void this.detach(host);
  }

  private async detach(host: SharedDocHost): Promise<void> {
    const detach = this.detachers.get(host);
    this.detachers.delete(host);
    await detach?.();
  }

  /** Waits for every loaded document's pending writes, unloads everything, closes Redis. */
  async close(): Promise<void> {
    this.closed = true;
    hubs.delete(this);
    const hosts = await Promise.allSettled([...this.hosts.values()]);
    this.hosts.clear();
    for (const r of hosts) {
      if (r.status !== 'fulfilled') continue;
      if (r.value.idleTimer) clearTimeout(r.value.idleTimer);
      await r.value.idle();
      r.value.destroy();
    }
    await this.bus?.close();
  }
}
