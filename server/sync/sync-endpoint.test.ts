import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addLabel,
  flagOfRow,
  labelsOfRow,
  listThreads,
  mirrorRegistryOf,
  mirrorRowsOf,
  readRegistryMirror,
  registryDocName,
  reply,
  rowMirror,
  setFlag,
  setResolved,
  startThread,
  threadsOf,
} from '../../formulas/collab/shared-doc.ts';
import { schemaVersionOf, SCHEMA_VERSION } from '../../formulas/collab/migrations.ts';
import { storedV1 } from '../../formulas/collab/testing.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { loadStoredDoc } from './doc-store.ts';
import { publishRegistryState } from './publish-registry-state.ts';
import { insertRegistry, signedIn, signedInRso, testAuthor, startSyncServer, stockClient, until, upgradeStatus, type RunningSyncServer, type StockClient } from './testing.ts';

/** The document as Postgres has it: snapshot, then tail. */
async function storedDoc(db: Database, name: string): Promise<Y.Doc> {
  const stored = await loadStoredDoc(db.sql, name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.tail) Y.applyUpdate(doc, u);
  return doc;
}

describe.each(testDatabases())('sync endpoint on $name', (target) => {
  let db: Database;
  let server: RunningSyncServer;
  let registryId: number;
  let docName: string;
  const cookies: Record<string, string> = {};
  const users: Record<string, number> = {};
  const logs: string[] = [];
  const clients: StockClient[] = [];
  const client = (login: string): StockClient => {
    const c = stockClient(server.url, docName, cookies[login] as string);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await openMigrated(target);
    for (const [login, role] of [['reviewer', 'reviewer'], ['reviewer2', 'reviewer'], ['analyst', 'analyst'], ['manager', 'manager']] as const) {
      const s = await signedIn(db.sql, login, role);
      cookies[login] = s.cookie;
      users[login] = s.userId;
    }
    registryId = await insertRegistry(db.sql);
    docName = registryDocName(registryId);
    server = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.close();
    await db?.close();
  });

  it('a stock client sees another client\'s comment thread, reply and resolution; comments go to the audit history', async () => {
    const a = client('reviewer');
    const b = client('reviewer2');
    await Promise.all([a.synced, b.synced]);
    expect(schemaVersionOf(a.doc)).toBe(SCHEMA_VERSION);

    const threadId = startThread(a.doc, 2, 'Объём выше среднего, @reviewer2 посмотри', testAuthor('reviewer'));
    await until([b.doc], () => listThreads(b.doc).length === 1);
    const [seen] = listThreads(b.doc);
    expect(seen).toMatchObject({ id: threadId, row: 2, resolved: false });
    expect(seen?.comments[0]).toMatchObject({ author: 'reviewer', text: 'Объём выше среднего, @reviewer2 посмотри', mentions: ['reviewer2'] });

    reply(b.doc, threadId, 'Согласен, запросим акт', testAuthor('reviewer2'));
    setResolved(b.doc, threadId, true, testAuthor('reviewer2'));
    await until([a.doc], () => listThreads(a.doc)[0]?.resolved === true && listThreads(a.doc)[0]?.comments.length === 2);
    expect(listThreads(a.doc, { open: true })).toEqual([]);

    await server.endpoint.hub.acquire({ kind: 'registry', registryId }).then(async (h) => {
      await h.settled();
      server.endpoint.hub.release(h);
    });
    const audit = await db.sql<{ actor_id: number; entity_id: string; payload: { row: number; text: string; reply: boolean } }[]>`
      select actor_id, entity_id, payload from audit_log where action = 'registry.comment' order by id`;
    expect(audit.map((r) => [r.actor_id, r.entity_id, r.payload.row, r.payload.text, r.payload.reply])).toEqual([
      [users.reviewer, String(registryId), 2, 'Объём выше среднего, @reviewer2 посмотри', false],
      [users.reviewer2, String(registryId), 2, 'Согласен, запросим акт', true],
    ]);
    // the resolution is not a comment: no audit record of its own
    const stored = await storedDoc(db, docName);
    expect(listThreads(stored)[0]?.resolved).toBe(true);
  });

  it('a stock client writing into the mirror changes nothing on the server, and the others never see it', async () => {
    await db.sql`update registry_rows set status = 'Согласован', decided_by = ${users.reviewer ?? null}, decided_at = now() where registry_id = ${registryId} and row_no = 1`;
    await db.sql`update registries set status = 'В работе', agreed_sum = 100000, rows_agreed = 1 where id = ${registryId}`;
    await publishRegistryState(db.sql, registryId);

    const bad = client('analyst');
    const b = client('reviewer2');
    await Promise.all([bad.synced, b.synced]);
    expect(readRegistryMirror(bad.doc)).toMatchObject({ status: 'В работе', agreedSum: 100000, rowsAgreed: 1, rowsPending: 2 });
    expect(rowMirror(bad.doc, 1)).toMatchObject({ status: 'Согласован', by: 'reviewer (тест)' });

    // agree row 2 and change the sum through the document, delete row 1's decision, then write a label
    bad.doc.transact(() => {
      mirrorRowsOf(bad.doc).set('2', { status: 'Согласован', reason: null, by: 'analyst', at: null });
      mirrorRowsOf(bad.doc).delete('1');
      mirrorRegistryOf(bad.doc).set('agreedSum', 999_999_999);
    });
    bad.doc.getMap('meta').set('schemaVersion', 99);
    addLabel(bad.doc, 3, 'проверить', testAuthor('analyst'));
    // the label comes after the forbidden writes on the same connection: once it arrives, they were handled
    await until([b.doc], () => b.doc.getMap('labels').size === 1);

    expect(readRegistryMirror(b.doc)).toMatchObject({ agreedSum: 100000 });
    expect(rowMirror(b.doc, 2)).toBeNull();
    expect(rowMirror(b.doc, 1)).toMatchObject({ status: 'Согласован' });
    expect(schemaVersionOf(b.doc)).toBe(SCHEMA_VERSION);
    for (const d of [await storedDoc(db, docName)]) {
      expect(readRegistryMirror(d)).toMatchObject({ agreedSum: 100000 });
      expect(rowMirror(d, 2)).toBeNull();
      expect(rowMirror(d, 1)).toMatchObject({ status: 'Согласован' });
      expect(d.getMap('labels').size).toBe(1);
    }
    const [r] = await db.sql<{ agreed_sum: string; status: string }[]>`select agreed_sum, status from registries where id = ${registryId}`;
    expect(r).toEqual({ agreed_sum: '100000', status: 'В работе' });
    expect(logs.some((l) => l.includes('analyst (analyst) пытался изменить') && l.includes('mirrorRows'))).toBe(true);

    // the same client keeps working: its next comment still arrives
    startThread(bad.doc, 3, 'Подписано', testAuthor('analyst'));
    await until([b.doc], () => listThreads(b.doc, { row: 3 }).length === 1);
  });

  it('an РСО user opens no co-review document, and is not told whether one exists', async () => {
    const rso = await signedInRso(db.sql, 'rsouser', '7202000001');
    for (const name of [docName, 'registry:999999', 'standards:1']) expect(await upgradeStatus(`${server.url}/${name}`, rso.cookie), name).toBe(403);
    expect(await upgradeStatus(`${server.url}/${docName}`, cookies.manager ?? null)).toBe(101);
  });

  it('a manager reads and is present, but his changes are dropped', async () => {
    const m = client('manager');
    const a = client('reviewer');
    await Promise.all([m.synced, a.synced]);
    expect(listThreads(m.doc).length).toBeGreaterThan(0);
    startThread(m.doc, 1, 'Руководитель пишет', testAuthor('manager'));
    m.provider.awareness.setLocalStateField('user', { login: 'manager', name: 'Руководов', color: '#888', role: 'manager' });
    // awareness is handled after the update on the same connection
    await new Promise<void>((resolve) => {
      const on = (): void => {
        if ([...a.provider.awareness.getStates().values()].some((s) => (s as { user?: { login?: string } }).user?.login === 'manager')) {
          a.provider.awareness.off('change', on);
          resolve();
        }
      };
      a.provider.awareness.on('change', on);
      on();
    });
    const h = await server.endpoint.hub.acquire({ kind: 'registry', registryId });
    await h.settled();
    expect(listThreads(h.doc).some((t) => t.row === 1)).toBe(false);
    server.endpoint.hub.release(h);
    // a later comment by a reviewer arrives; the manager's never did
    startThread(a.doc, 2, 'После руководителя', testAuthor('reviewer'));
    const r2 = client('reviewer2');
    await until([r2.doc], () => listThreads(r2.doc).some((t) => t.comments[0]?.text === 'После руководителя'));
    expect(listThreads(r2.doc).some((t) => t.comments[0]?.text === 'Руководитель пишет')).toBe(false);
    expect(listThreads(await storedDoc(db, docName)).some((t) => t.comments[0]?.text === 'Руководитель пишет')).toBe(false);
    expect(logs.some((l) => l.includes('manager (manager)') && l.includes('только чтение'))).toBe(true);
  });

  it('takes back comments, threads, labels and flags signed with another name: not stored, not broadcast, not audited; the sender stays in step', async () => {
    const forger = client('reviewer');
    const b = client('reviewer2');
    await Promise.all([forger.synced, b.synced]);
    const own = testAuthor('reviewer');
    const someoneElse = testAuthor('reviewer2');
    const mine = startThread(forger.doc, 1, 'Своё обсуждение', own);
    await until([b.doc], () => threadsOf(b.doc).has(mine));
    const logsBefore = logs.length;

    const forgedThread = startThread(forger.doc, 2, 'ПОДДЕЛКА: обсуждение от чужого имени', someoneElse);
    reply(forger.doc, mine, 'ПОДДЕЛКА: ответ от чужого имени', someoneElse);
    reply(forger.doc, mine, 'ПОДДЕЛКА: чужой логин, своё имя', { login: 'reviewer2', name: own.name });
    addLabel(forger.doc, 2, 'поддельная', someoneElse);
    setFlag(forger.doc, 2, 'red', someoneElse);
    // an honest comment after the forgeries, on the same connection: once it is in, they were handled
    reply(forger.doc, mine, 'Честный ответ', own);
    await until([b.doc], () => listThreads(b.doc, { row: 1 }).some((t) => t.comments.some((c) => c.text === 'Честный ответ')));
    // the sender receives the deletion: its document holds what the server holds
    await until([forger.doc], () => !threadsOf(forger.doc).has(forgedThread) && flagOfRow(forger.doc, 2) === null);

    const h = await server.endpoint.hub.acquire({ kind: 'registry', registryId });
    await h.settled();
    server.endpoint.hub.release(h);
    const stored = await storedDoc(db, docName);
    for (const d of [b.doc, forger.doc, stored]) {
      expect(JSON.stringify(d.toJSON())).not.toContain('ПОДДЕЛКА');
      expect(threadsOf(d).has(forgedThread)).toBe(false);
      expect(listThreads(d).find((t) => t.id === mine)?.comments.map((c) => c.text)).toEqual(['Своё обсуждение', 'Честный ответ']);
      expect(labelsOfRow(d, 2)).toEqual([]);
      expect(flagOfRow(d, 2)).toBeNull();
    }
    // not even a tombstone keeps the text: the stored and broadcast updates never held it
    const raw = await db.sql<{ update: Buffer }[]>`select update from sync_updates where doc = ${docName}`;
    expect(raw.some((r) => r.update.toString('utf8').includes('ПОДДЕЛКА'))).toBe(false);
    const audit = await db.sql<{ payload: { text: string } }[]>`select payload from audit_log where action = 'registry.comment'`;
    expect(audit.map((r) => r.payload.text).filter((t) => t.includes('ПОДДЕЛКА'))).toEqual([]);
    expect(audit.map((r) => r.payload.text)).toContain('Честный ответ');
    expect(logs.slice(logsBefore).some((l) => l.includes('reviewer (reviewer) записал от чужого имени') && l.includes('reviewer2'))).toBe(true);

    // a label of one's own on the same row still goes through, and so does the next thread
    addLabel(forger.doc, 2, 'своя', own);
    await until([b.doc], () => labelsOfRow(b.doc, 2).length === 1);
    expect(labelsOfRow(b.doc, 2)[0]).toMatchObject({ label: 'своя', by: 'reviewer' });
  });

  it('refuses the upgrade without a session, with an unknown or expired one, and for an unknown document', async () => {
    const url = `${server.url}/${docName}`;
    expect(await upgradeStatus(url, null)).toBe(401);
    expect(await upgradeStatus(url, 'sverka_session=not-a-session')).toBe(401);
    const expired = await signedIn(db.sql, 'expired', 'reviewer');
    expect(await upgradeStatus(url, expired.cookie)).toBe(101);
    await db.sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${expired.userId}`;
    expect(await upgradeStatus(url, expired.cookie)).toBe(401);
    expect(await upgradeStatus(`${server.url}/registry:999999`, cookies.reviewer as string)).toBe(404);
    expect(await upgradeStatus(`${server.url}/something-else`, cookies.reviewer as string)).toBe(404);
  });

  it('opens a document stored at schema version 1 at the current one: migrated once, stored, and what people wrote kept', async () => {
    const id = await insertRegistry(db.sql);
    const name = registryDocName(id);
    await db.sql`insert into sync_docs (name, snapshot) values (${name}, ${Buffer.from(Y.encodeStateAsUpdate(storedV1()))})`;
    const c = stockClient(server.url, name, cookies.reviewer as string);
    clients.push(c);
    await c.synced;
    expect(schemaVersionOf(c.doc)).toBe(SCHEMA_VERSION);
    expect(c.doc.getMap('meta').get('kind')).toBe('registry');
    expect(listThreads(c.doc)[0]?.comments.map((x) => x.author)).toEqual(['reviewer', 'reviewer2']);
    expect(labelsOfRow(c.doc, 2).map((l) => l.label)).toEqual(['площадь']);
    expect(flagOfRow(c.doc, 3)?.flag).toBe('yellow');
    await server.endpoint.hub.acquire({ kind: 'registry', registryId: id }).then(async (h) => {
      await h.settled();
      server.endpoint.hub.release(h);
    });
    expect(schemaVersionOf(await storedDoc(db, name))).toBe(SCHEMA_VERSION);
    expect(logs.filter((m) => m.includes(`${name}: документ переведён со схемы версии 1 на ${SCHEMA_VERSION}`))).toHaveLength(1);
  });

  it('publishes decisions into open documents and into stored ones', async () => {
    const a = client('reviewer');
    await a.synced;
    await db.sql`update registry_rows set status = 'Не согласован', decision_reason = 'Тариф не совпадает', decided_by = ${users.reviewer2 ?? null}, decided_at = now() where registry_id = ${registryId} and row_no = 3`;
    await db.sql`insert into registry_decisions (registry_id, from_status, to_status, actor_id) values (${registryId}, 'Новый', 'В работе', ${users.reviewer2 ?? null})`;
    await publishRegistryState(db.sql, registryId);
    await until([a.doc], () => rowMirror(a.doc, 3) !== null);
    expect(rowMirror(a.doc, 3)).toMatchObject({ status: 'Не согласован', reason: 'Тариф не совпадает', by: 'reviewer2 (тест)' });
    expect(a.doc.getMap('mirrorDecisions').size).toBe(1);

    // a second publish with nothing new writes nothing
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from sync_updates where doc = ${docName}`;
    await publishRegistryState(db.sql, registryId);
    const [after] = await db.sql<{ n: number }[]>`select count(*)::int as n from sync_updates where doc = ${docName}`;
    expect(after?.n).toBe(before?.n);

    // without a hub in the process (a command line, or the server stopped), the stored document still gets it
    a.destroy();
    await server.close();
    const other = await insertRegistry(db.sql);
    await db.sql`update registries set status = 'Согласован', agreed_sum = 300000 where id = ${other}`;
    await publishRegistryState(db.sql, other);
    const stored = await storedDoc(db, registryDocName(other));
    expect(readRegistryMirror(stored)).toMatchObject({ status: 'Согласован', agreedSum: 300000 });
    expect(threadsOf(stored).size).toBe(0);
  });
});
