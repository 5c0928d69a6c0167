import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { addLabel, labelsOfRow, listThreads, registryDocName, removeLabel, startThread, threadsOf, type Presence } from '../../formulas/collab/shared-doc.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { insertRegistry, signedIn, startSyncServer, stockClient, testAuthor, until, type RunningSyncServer, type StockClient } from './testing.ts';

const QUOTAS = { updateBytes: 16 * 1024, documentBytes: 64 * 1024, updatesPerMinute: 40 };

/** What a stock provider is told and how its connection ends, as the workspace reads them. */
function refusalsOf(c: StockClient): { messages: string[]; closes: number[] } {
  const out = { messages: [] as string[], closes: [] as number[] };
  c.provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
    out.messages.push(decoding.readVarString(decoder));
  };
  c.provider.on('connection-close', (e) => {
    if (e) out.closes.push(e.code);
  });
  return out;
}

const presences = (c: StockClient): Presence[] => [...c.provider.awareness.getStates().values()] as Presence[];

/** Co-review integrity (ASVS V4, V11.1.4): what one person may do to others' content and presence, and quotas. */
describe.each(testDatabases())('co-review integrity on $name', (target) => {
  let db: Database;
  let server: RunningSyncServer;
  let docName: string;
  const cookies: Record<string, string> = {};
  const logs: string[] = [];
  const clients: StockClient[] = [];
  const client = (login: string, name = docName): StockClient => {
    const c = stockClient(server.url, name, cookies[login] as string);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await openMigrated(target);
    for (const [login, role] of [['reviewer', 'reviewer'], ['reviewer2', 'reviewer'], ['manager', 'manager']] as const) cookies[login] = (await signedIn(db.sql, login, role)).cookie;
    docName = registryDocName(await insertRegistry(db.sql));
    server = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', log: (m) => logs.push(m), quotas: QUOTAS });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.close();
    await db?.close();
  });

  it('gives back another person\'s thread and label a writer deleted, to everyone, without a second audit record', async () => {
    const a = client('reviewer');
    const b = client('reviewer2');
    await Promise.all([a.synced, b.synced]);
    const thread = startThread(a.doc, 1, 'Обсуждение Проверкина', testAuthor('reviewer'));
    addLabel(a.doc, 1, 'сверить', testAuthor('reviewer'));
    await until([b.doc], () => threadsOf(b.doc).has(thread) && labelsOfRow(b.doc, 1).length === 1);
    const audited = async (): Promise<number> => (await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'registry.comment'`)[0]?.n ?? 0;
    const comments = await audited();

    threadsOf(b.doc).delete(thread);
    removeLabel(b.doc, 1, 'сверить');
    // the deleter's own document gets them back too
    await until([b.doc], () => threadsOf(b.doc).has(thread) && labelsOfRow(b.doc, 1).length === 1);
    const other = client('reviewer');
    await other.synced;
    for (const d of [a.doc, b.doc, other.doc]) {
      expect(listThreads(d).find((t) => t.id === thread)?.comments.map((c) => c.text)).toEqual(['Обсуждение Проверкина']);
      expect(labelsOfRow(d, 1)).toMatchObject([{ label: 'сверить', by: 'reviewer' }]);
    }
    expect(await audited()).toBe(comments);
    expect(logs.some((l) => l.includes('reviewer2 (reviewer)') && l.includes('удаление обсуждения reviewer'))).toBe(true);
  });

  it('binds presence to the session: a manager cannot appear as someone else, nor withdraw another person\'s presence', async () => {
    const r = client('reviewer');
    const m = client('manager');
    await Promise.all([r.synced, m.synced]);
    const sees = (c: StockClient, ready: (p: Presence[]) => boolean): Promise<void> =>
      new Promise<void>((resolve) => {
        const on = (): void => {
          if (!ready(presences(c))) return;
          c.provider.awareness.off('change', on);
          resolve();
        };
        c.provider.awareness.on('change', on);
        on();
      });
    r.provider.awareness.setLocalState({ user: { login: 'reviewer', name: 'Проверкин', color: '#1f5fa8', role: 'reviewer' }, row: 3, watcher: false });
    await sees(m, (ps) => ps.some((p) => p?.row === 3));
    m.provider.awareness.setLocalState({ user: { login: 'admin', name: 'Администратор системы', color: '#c33', role: 'admin' }, row: 5, watcher: false, extra: 'x'.repeat(100) });
    await sees(r, (ps) => ps.some((p) => p?.row === 5));
    expect(presences(r).find((p) => p?.row === 5)).toEqual({ user: { login: 'manager', name: testAuthor('manager').name, color: '#c33', role: 'manager' }, row: 5, watcher: true });
    expect(presences(m).find((p) => p?.row === 3)?.user).toEqual({ login: 'reviewer', name: testAuthor('reviewer').name, color: '#1f5fa8', role: 'reviewer' });
    // the manager's connection withdraws the reviewer's presence by its id, then moves on
    removeAwarenessStates(m.provider.awareness, [r.doc.clientID], 'test');
    m.provider.awareness.setLocalStateField('row', 6);
    await sees(r, (ps) => ps.some((p) => p?.row === 6));
    const h = await server.endpoint.hub.acquire({ kind: 'registry', registryId: Number(docName.split(':')[1]) });
    expect((h.awareness.getStates().get(r.doc.clientID) as Presence | undefined)?.row).toBe(3);
    server.endpoint.hub.release(h);
    // the others still see the reviewer
    const late = client('reviewer2');
    await late.synced;
    await sees(late, (ps) => ps.some((p) => p?.row === 3));
  });

  it('refuses an update over the size quota in Russian and closes for good; nobody gets it', async () => {
    const big = client('reviewer');
    const b = client('reviewer2');
    await Promise.all([big.synced, b.synced]);
    const seen = refusalsOf(big);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => big.provider.once('closed', resolve));
    // past the quota, within what the socket reads (twice the quota)
    startThread(big.doc, 2, 'Б'.repeat(QUOTAS.updateBytes / 2 + 500), testAuthor('reviewer'));
    expect(await closed).toEqual({ code: 4413, reason: 'Изменение слишком большое' });
    expect(seen.messages).toEqual(['Изменение не принято: оно больше 16 КБ.']);
    const after = client('reviewer2');
    await after.synced;
    expect(JSON.stringify(after.doc.toJSON())).not.toContain('ББББ');
  });

  it('refuses more updates a minute than the quota, and a document past its size', async () => {
    const fast = client('reviewer2', registryDocName(await insertRegistry(db.sql)));
    await fast.synced;
    const seen = refusalsOf(fast);
    for (let i = 0; i < QUOTAS.updatesPerMinute + 5; i++) addLabel(fast.doc, 1, `метка ${i}`, testAuthor('reviewer2'));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (seen.closes.includes(4529)) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(seen.messages[0]).toBe(`Изменение не принято: больше ${QUOTAS.updatesPerMinute} изменений в минуту. Соединение восстановится само.`);
    fast.destroy();

    const full = client('reviewer', registryDocName(await insertRegistry(db.sql)));
    await full.synced;
    const refused = refusalsOf(full);
    const closed = new Promise<{ code: number }>((resolve) => full.provider.once('closed', resolve));
    for (let i = 0; i < 10; i++) startThread(full.doc, i + 1, `${i} `.repeat(4000), testAuthor('reviewer'));
    expect((await closed).code).toBe(4413);
    expect(refused.messages.at(-1)).toBe('Изменение не принято: обсуждение достигло предела 64 КБ. Обратитесь к администратору.');
    const stored = await db.sql<{ n: number }[]>`select coalesce(sum(length(update)), 0)::int as n from sync_updates where doc = ${full.provider.roomname}`;
    expect(stored[0]?.n).toBeLessThanOrEqual(QUOTAS.documentBytes);
  });
});
