import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addLabel,
  FLAG_KINDS,
  flagsOf,
  labelsOf,
  listThreads,
  registryDocName,
  removeLabel,
  reply,
  setFlag,
  setResolved,
  startThread,
  threadsOf,
  type Clock,
} from '../../formulas/collab/shared-doc.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { loadStoredDoc } from './doc-store.ts';
import { insertRegistry, prng, signedIn, testAuthor, startSyncServer, stockClient, until, type RunningSyncServer, type StockClient } from './testing.ts';

/** The collaborative content of a document, comparable across peers. */
const content = (doc: Y.Doc): string => JSON.stringify([threadsOf(doc).toJSON(), labelsOf(doc).toJSON(), flagsOf(doc).toJSON()], (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
const sv = (doc: Y.Doc): string => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]));

const SEEDS = (process.env.SVERKA_SYNC_SEEDS ?? '20261201,7,4242').split(',').map(Number);
const WRITERS = [
  ['reviewer', 'reviewer'],
  ['reviewer2', 'reviewer'],
  ['analyst', 'analyst'],
  ['admin', 'admin'],
] as const;

describe.each(testDatabases())('random co-review converges on $name', (target) => {
  let db: Database;
  let server: RunningSyncServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await openMigrated(target);
    for (const [login, role] of [...WRITERS, ['manager', 'manager'] as const]) cookies[login] = (await signedIn(db.sql, login, role)).cookie;
    // small thresholds: compaction and unloading happen during the run
    server = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', compactAfter: 15, idleMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it.each(SEEDS)('seed %i: several clients, random edits, disconnects and reconnects', async (seed) => {
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    let tick = 0;
    const clock: Clock = { now: () => new Date(Date.UTC(2026, 11, 1) + tick++ * 1000).toISOString(), id: () => `${seed}-${tick++}-${Math.floor(rnd() * 1e9)}` };
    const registryId = await insertRegistry(db.sql);
    const name = registryDocName(registryId);

    const clients: { login: string; c: StockClient; online: boolean }[] = WRITERS.map(([login]) => ({ login, c: stockClient(server.url, name, cookies[login] as string), online: true }));
    const watcher = stockClient(server.url, name, cookies.manager as string);
    await Promise.all([...clients.map((x) => x.c.synced), watcher.synced]);
    const commentIds = new Set<string>();

    for (let step = 0; step < 150; step++) {
      const who = pick(clients);
      const doc = who.c.doc;
      const author = testAuthor(who.login);
      const r = rnd();
      const threads = listThreads(doc);
      if (r < 0.3 || threads.length === 0) {
        const id = startThread(doc, 1 + Math.floor(rnd() * 5), `шаг ${step}: @${pick(WRITERS)[0]}`, author, clock);
        commentIds.add(listThreads(doc).find((t) => t.id === id)?.comments[0]?.id ?? '');
      } else if (r < 0.5) {
        const t = pick(threads);
        reply(doc, t.id, `ответ ${step}`, author, clock);
        commentIds.add(listThreads(doc).find((x) => x.id === t.id)?.comments.at(-1)?.id ?? '');
      } else if (r < 0.6) {
        const t = pick(threads);
        setResolved(doc, t.id, !t.resolved, author, clock);
      } else if (r < 0.7) {
        const row = 1 + Math.floor(rnd() * 5);
        if (rnd() < 0.7) addLabel(doc, row, pick(['проверить', 'акт', 'звонок']), author, clock);
        else removeLabel(doc, row, pick(['проверить', 'акт', 'звонок']));
      } else if (r < 0.8) {
        setFlag(doc, 1 + Math.floor(rnd() * 5), rnd() < 0.2 ? null : pick(FLAG_KINDS), author, clock);
      } else if (r < 0.9) {
        if (who.online) who.c.provider.disconnect();
        else who.c.provider.connect();
        who.online = !who.online;
      }
      // let the network run sometimes, so messages interleave with edits in varying orders
      if (rnd() < 0.4) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const x of clients) if (!x.online) x.c.provider.connect();

    const host = await server.endpoint.hub.acquire({ kind: 'registry', registryId });
    const docs = [host.doc, watcher.doc, ...clients.map((x) => x.c.doc)];
    await until(docs, () => docs.every((d) => sv(d) === sv(host.doc) && content(d) === content(host.doc)));
    await host.settled();
    const final = listThreads(host.doc).flatMap((t) => t.comments.map((c) => c.id));
    expect(new Set(final)).toEqual(commentIds);

    // every comment is in the audit history exactly once
    const audited = await db.sql<{ id: string }[]>`select payload->>'comment' as id from audit_log where action = 'registry.comment' and entity_id = ${String(registryId)}`;
    expect(audited.map((a) => a.id).sort()).toEqual([...commentIds].sort());
    // recorded in batches (group commit), the hash chain still links every record
    expect(await verifyAuditChain(db.sql)).toMatchObject({ ok: true });

    // the stored document (snapshot + tail) is the same; compaction ran during the run
    const stored = await loadStoredDoc(db.sql, name);
    const reloaded = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const u of stored.tail) Y.applyUpdate(reloaded, u);
    expect(content(reloaded)).toBe(content(host.doc));
    const [meta] = await db.sql<{ compactions: number }[]>`select compactions from sync_docs where name = ${name}`;
    expect(meta?.compactions).toBeGreaterThan(0);

    // nobody left: the document is unloaded, and loads again from Postgres unchanged
    const before = content(host.doc);
    server.endpoint.hub.release(host);
    for (const x of clients) x.c.destroy();
    watcher.destroy();
    await server.endpoint.hub.whenUnloaded(name);
    expect(server.endpoint.hub.loaded()).not.toContain(name);
    const again = await server.endpoint.hub.acquire({ kind: 'registry', registryId });
    expect(content(again.doc)).toBe(before);
    server.endpoint.hub.release(again);
  });
});
