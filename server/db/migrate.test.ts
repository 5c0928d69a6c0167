import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';

describe.each(testDatabases())('migrations on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('apply every version once and are a no-op the second time', async () => {
    const first = await migrate(db.sql);
    expect(first).toContain('001_init');
    expect(await migrate(db.sql)).toEqual([]);
    const tables = await db.sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`;
    const names = tables.map((t) => t.tablename);
    for (const t of ['organisations', 'municipalities', 'houses', 'tariff_decisions', 'registries', 'registry_rows', 'check_runs', 'rule_sets',
      'row_decisions', 'registry_decisions', 'documents', 'users', 'sessions', 'audit_log', 'import_batches']) {
      expect(names).toContain(t);
    }
  });

  it('refuse to update or delete audit records', async () => {
    await db.sql`insert into audit_log (at, action, entity, prev_hash, hash) values (now(), 'x', 'y', 'p', 'h')`;
    await expect(db.sql`update audit_log set action = 'z'`).rejects.toThrow(/append-only/);
    await expect(db.sql`delete from audit_log`).rejects.toThrow(/append-only/);
  });
});
