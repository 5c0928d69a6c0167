import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';

/** Registry rows keep their registry, checked once per statement (migration 011) instead of per row. */
describe.each(testDatabases())('registry rows and their registry on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => {
    await db.close();
  });

  const registry = async (): Promise<number> =>
    (await db.sql<{ id: number }[]>`insert into registries (rso_inn, rso_name, service, period, file_name) values ('7203000011', 'РСО', 'ХВС', '2026-10-01', 'r.csv') returning id::int as id`)[0]?.id ?? 0;
  const rowsOf = async (id: number): Promise<number> => (await db.sql<{ n: number }[]>`select count(*)::int as n from registry_rows where registry_id = ${id}`)[0]?.n ?? -1;

  it('refuses rows of a registry that does not exist, even among rows of one that does', async () => {
    const id = await registry();
    await expect(db.sql`insert into registry_rows (registry_id, row_no) values (987654, 1)`).rejects.toMatchObject({ code: '23503', message: 'registry_rows: the registry does not exist' });
    await expect(db.sql`insert into registry_rows (registry_id, row_no) select * from unnest(${[id, id, 987654]}::bigint[], ${[1, 2, 3]}::int[])`).rejects.toMatchObject({ code: '23503' });
    expect(await rowsOf(id)).toBe(0);
    await db.sql`insert into registry_rows (registry_id, row_no) select ${id}, g from generate_series(1, 3) g`;
    expect(await rowsOf(id)).toBe(3);
    await expect(db.sql`update registry_rows set registry_id = 987654 where registry_id = ${id} and row_no = 1`).rejects.toMatchObject({ code: '23503', message: 'registry_rows: the registry does not exist' });
    const other = await registry();
    await db.sql`update registry_rows set registry_id = ${other} where registry_id = ${id} and row_no = 1`;
    expect([await rowsOf(id), await rowsOf(other)]).toEqual([2, 1]);
  });

  it('deletes a registry’s rows with the registry', async () => {
    const [a, b] = [await registry(), await registry()];
    await db.sql`insert into registry_rows (registry_id, row_no) select r, g from unnest(${[a, b]}::bigint[]) r, generate_series(1, 5) g`;
    await db.sql`delete from registries where id = ${a}`;
    expect([await rowsOf(a), await rowsOf(b)]).toEqual([0, 5]);
  });
});
