import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThreads, registryDocName, startThread } from '../../formulas/collab/shared-doc.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { insertRegistry, redisReachable, signedIn, testAuthor, startSyncServer, stockClient, until, type RunningSyncServer, type StockClient } from './testing.ts';

const REDIS_URL = process.env.SVERKA_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const reachable = await redisReachable(REDIS_URL);
// In CI Redis must be there (.ci/run starts it): a missing Redis fails the suite instead of skipping it.
const skip = !reachable && !process.env.CI;
if (skip) console.warn(`Redis не отвечает на ${REDIS_URL}: тесты нескольких процессов пропущены (в CI они обязательны)`);

describe.skipIf(skip).each(testDatabases())('two server processes share documents through Redis on $name', (target) => {
  let db: Database;
  const servers: RunningSyncServer[] = [];
  const clients: StockClient[] = [];
  let reviewer: string;
  let reviewer2: string;

  beforeAll(async () => {
    db = await openMigrated(target);
    reviewer = (await signedIn(db.sql, 'reviewer', 'reviewer')).cookie;
    reviewer2 = (await signedIn(db.sql, 'reviewer2', 'reviewer')).cookie;
    // two hubs with their own process ids, Redis connections and HTTP servers, on one database
    for (const processId of ['proc-a', 'proc-b']) servers.push(await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', redisUrl: REDIS_URL, processId }));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
    await db?.close();
  });

  it('clients on different processes see each other\'s comments and presence; each update is stored once', async () => {
    const [sa, sb] = servers as [RunningSyncServer, RunningSyncServer];
    const registryId = await insertRegistry(db.sql);
    const name = registryDocName(registryId);
    const a = stockClient(sa.url, name, reviewer);
    const b = stockClient(sb.url, name, reviewer2);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);

    startThread(a.doc, 1, 'с процесса A', testAuthor('reviewer'));
    await until([b.doc], () => listThreads(b.doc).length === 1);
    startThread(b.doc, 2, 'с процесса B', testAuthor('reviewer2'));
    await until([a.doc], () => listThreads(a.doc).length === 2);
    expect(listThreads(a.doc).map((t) => t.comments[0]?.text).sort()).toEqual(['с процесса A', 'с процесса B']);

    b.provider.awareness.setLocalStateField('user', { login: 'reviewer2', name: 'Сверкина', color: '#c33', role: 'reviewer' });
    await new Promise<void>((resolve) => {
      const on = (): void => {
        if ([...a.provider.awareness.getStates().values()].some((s) => (s as { user?: { login?: string } }).user?.login === 'reviewer2')) resolve();
      };
      a.provider.awareness.on('change', on);
      on();
    });

    // each comment was stored by the process that accepted it, and only by it
    for (const s of servers) {
      const h = await s.endpoint.hub.acquire({ kind: 'registry', registryId });
      await h.settled();
      s.endpoint.hub.release(h);
    }
    const stored = await db.sql<{ origin: string; n: number }[]>`
      select origin, count(*)::int as n from sync_updates where doc = ${name} and actor_id is not null group by origin order by origin`;
    expect(stored).toEqual([
      { origin: 'proc-a', n: 1 },
      { origin: 'proc-b', n: 1 },
    ]);
    const audit = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'registry.comment' and entity_id = ${String(registryId)}`;
    expect(audit[0]?.n).toBe(2);

    // a third client on process B, after everything: loads the same state
    const c = stockClient(sb.url, name, reviewer);
    clients.push(c);
    await c.synced;
    expect(listThreads(c.doc).length).toBe(2);
  });
});
