import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

describe('embedded Postgres under concurrent queries', () => {
  it('gives every pooled connection its own results while statements and transactions interleave', async () => {
    const db = await openDatabase({});
    try {
      // parameterised statements use the extended protocol (Parse/Bind/Execute/Sync) with the unnamed portal;
      // a transaction begun between another connection's Bind and Execute used to destroy that portal
      const work: Promise<void>[] = [];
      for (let i = 0; i < 30; i++) {
        work.push(
          db.sql
            .begin(async (t) => {
              const out: (number | undefined)[] = [];
              for (let k = 0; k < 4; k++) out.push((await t<{ v: number }[]>`select ${i * 10 + k}::int as v`)[0]?.v);
              return out;
            })
            .then((r) => expect(r).toEqual([i * 10, i * 10 + 1, i * 10 + 2, i * 10 + 3])),
        );
        work.push(
          db.sql<{ v: number; s: string }[]>`select ${i}::int as v, repeat('x', ${i % 7})::text as s from generate_series(1, ${1 + (i % 3)})`.then((rows) => {
            expect(rows.length).toBe(1 + (i % 3));
            for (const r of rows) expect([r.v, r.s.length]).toEqual([i, i % 7]);
          }),
        );
      }
      await Promise.all(work);
    } finally {
      await db.close();
    }
  });
});
