import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, type AuditEntry } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { appendUpdates, ensureStoredDoc, loadStoredDoc } from './doc-store.ts';

const comment = (i: number, actorId: number | null = null): AuditEntry => ({
  actorId,
  action: 'registry.comment',
  entity: 'registry',
  entityId: 1,
  // what a reviewer types: quotes, a line break, a tab, letters beyond Latin-1
  payload: { row: i, text: `«Сумма» не сходится\nстрока ${i}\t— ё № ✓`, thread: `t${i}`, mentions: ['ivanova'] },
});

describe.each(testDatabases())('shared documents\' log with its audit records on $name', (target) => {
  let db: Database;
  const doc = 'registry:1';
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureStoredDoc(db.sql, doc);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores updates and their comments\' records in one statement, on one chain with commands written at the same time', async () => {
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => appendUpdates(db.sql, doc, 'p1', [{ update: new Uint8Array([i, 1]), actorId: null }, { update: new Uint8Array([i, 2]), actorId: null }], [comment(i), comment(i + 100)])),
      ...Array.from({ length: 6 }, (_, i) => db.sql.begin((tx) => appendAudit(tx, { actorId: null, action: 'test.command', entity: 'thing', entityId: i }))),
    ]);
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 18 });
    expect((await loadStoredDoc(db.sql, doc)).tail).toHaveLength(12);
    const [r] = await db.sql<{ text: string }[]>`select payload->>'text' as text from audit_log where payload->>'row' = '3'`;
    expect(r?.text).toBe('«Сумма» не сходится\nстрока 3\t— ё № ✓');
  });

  it('stores nothing of the updates when their audit record cannot be written', async () => {
    await expect(appendUpdates(db.sql, doc, 'p1', [{ update: new Uint8Array([9, 9]), actorId: null }], [comment(1), comment(2, 987654)])).rejects.toThrow();
    expect((await loadStoredDoc(db.sql, doc)).tail).toHaveLength(12);
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 18 });
  });
});
