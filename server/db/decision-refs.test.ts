import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from './database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';

/** Decisions keep their references, checked once per statement (migration 009) instead of per row. */
describe.each(testDatabases())('decision references on $name', (target) => {
  let db: Database;
  let userId = 0;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    userId = (await db.sql<{ id: number }[]>`select id from users where login = 'reviewer'`)[0]?.id ?? 0;
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses a decision on a row that does not exist, by a user that does not exist', async () => {
    await expect(db.sql`insert into row_decisions (registry_id, row_no, status, actor_id) values (987654, 1, 'Согласован', ${userId})`).rejects.toMatchObject({ code: '23503', message: 'row_decisions: the registry row does not exist' });
    const [reg] = await db.sql<{ id: number }[]>`
      insert into registries (rso_inn, rso_name, service, period, file_name) values ('7203000011', 'РСО', 'ХВС', '2026-10-01', 'r.csv') returning id::int as id`;
    const id = reg?.id ?? 0;
    await db.sql`insert into registry_rows (registry_id, row_no) values (${id}, 1), (${id}, 2)`;
    await db.sql`insert into row_decisions (registry_id, row_no, status, actor_id) values (${id}, 1, 'Согласован', ${userId})`;
    await expect(db.sql`insert into row_decisions (registry_id, row_no, status, actor_id) values (${id}, 2, 'Согласован', 987654)`).rejects.toMatchObject({ code: '23503', message: 'row_decisions: the actor does not exist' });
    await expect(db.sql`update registry_rows set decided_by = 987654 where registry_id = ${id}`).rejects.toMatchObject({ code: '23503', message: 'registry_rows: the deciding user does not exist' });
    await db.sql`update registry_rows set decided_by = ${userId} where registry_id = ${id}`;
    // a decided row is not deleted from under its decision; an undecided one may go
    await expect(db.sql`delete from registry_rows where registry_id = ${id} and row_no = 1`).rejects.toMatchObject({ code: '23503', message: 'registry_rows: a deleted row has decisions' });
    await expect(db.sql`delete from users where id = ${userId}`).rejects.toMatchObject({ code: '23503', message: 'users: a deleted user has decisions' });
    await db.sql`delete from registry_rows where registry_id = ${id} and row_no = 2`;
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from row_decisions where registry_id = ${id}`;
    expect(n?.n).toBe(1);
  });
});
