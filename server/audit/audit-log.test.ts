import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit-log.ts';

describe('canonical JSON', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});

describe.each(testDatabases())('audit chain on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => {
    await db.close();
  });

  it('links each record to the one before and verifies', async () => {
    for (let i = 0; i < 5; i++) {
      await db.sql.begin((tx) => appendAudit(tx, { actorId: null, action: 'test.step', entity: 'thing', entityId: i, payload: { i, note: 'шаг', nested: { z: 1, a: [i] } } }));
    }
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 5 });
  });

  it('keeps the chain linear when commands run at once', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) =>
      db.sql.begin((tx) => appendAudit(tx, { actorId: null, action: 'test.parallel', entity: 'thing', entityId: i }))));
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 13 });
  });

  it('drops the record with the transaction that wrote it', async () => {
    await expect(db.sql.begin(async (tx) => {
      await appendAudit(tx, { actorId: null, action: 'test.rollback', entity: 'thing' });
      throw new Error('command failed');
    })).rejects.toThrow('command failed');
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 13 });
  });

  it('detects an edited record, even by someone who bypasses the append-only trigger', async () => {
    await db.sql.unsafe('alter table audit_log disable trigger audit_log_no_update');
    await db.sql`update audit_log set payload = ${db.sql.json({ i: 99, note: 'шаг', nested: { z: 1, a: [2] } })} where entity_id = '2' and action = 'test.step'`;
    await db.sql.unsafe('alter table audit_log enable trigger audit_log_no_update');
    const verdict = await verifyAuditChain(db.sql);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.brokenAt).toBe(3);
      expect(verdict.message).toMatch(/№3/);
    }
  });
});
