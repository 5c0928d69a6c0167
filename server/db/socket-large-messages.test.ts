import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';

/** Large messages to the embedded Postgres arrive gathered (socket-large-messages.ts), whole and in order. */
describe('large messages to the embedded Postgres', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({});
    await db.sql`create table blobs (id integer primary key, bytes bytea not null, note text not null)`;
  });
  afterAll(async () => {
    await db.close();
  });

  const blob = (size: number, seed: number): Buffer => {
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7) & 0xff;
    return b;
  };
  const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

  it('stores megabytes sent from several connections at once, with small statements in between, byte for byte', async () => {
    const sizes = [3_000_000, 70_000, 1_500_000, 262_145, 5, 4_200_000];
    await Promise.all(sizes.map((size, k) => db.sql`insert into blobs values (${k}, ${blob(size, k)}, ${'ж'.repeat(size % 100_000)})`));
    // a transaction keeps its pipelined statements in order around a large one
    await db.sql.begin((tx) => [
      tx`insert into blobs values (100, ${blob(10, 1)}, 'before')`,
      tx`update blobs set bytes = ${blob(2_000_000, 9)} where id = 100`,
      tx`update blobs set note = 'after' where id = 100`,
    ]);
    const rows = await db.sql<{ id: number; bytes: Buffer; note: string }[]>`select id, bytes, note from blobs order by id`;
    expect(rows.map((r) => [r.id, digest(r.bytes), r.note.length])).toEqual([
      ...sizes.map((size, k) => [k, digest(blob(size, k)), size % 100_000]),
      [100, digest(blob(2_000_000, 9)), 5],
    ]);
    expect(rows.at(-1)?.note).toBe('after');
  });
});
