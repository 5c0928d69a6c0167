import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

describe('embedded Postgres under concurrent queries', () => {
  it('gives every pooled connection its own results while their statements interleave', async () => {
    const db = await openDatabase({});
    try {
      // parameterised statements use the extended protocol (Parse/Bind/Execute/Sync) with the unnamed portal
      const answers = await Promise.all(
        Array.from({ length: 120 }, (_, i) => db.sql<{ v: number; s: string }[]>`select ${i}::int as v, repeat('x', ${i % 17})::text as s from generate_series(1, ${1 + (i % 5)})`),
      );
      answers.forEach((rows, i) => {
        expect(rows.length).toBe(1 + (i % 5));
        for (const r of rows) expect([r.v, r.s.length]).toEqual([i, i % 17]);
      });
      // transactions keep their own connection while plain statements run beside them
      const tx = Array.from({ length: 20 }, (_, i) => db.sql.begin(async (t) => {
        const [a] = await t<{ v: number }[]>`select ${i}::int as v`;
        const [b] = await t<{ v: number }[]>`select ${i * 2}::int as v`;
        return [a?.v, b?.v];
      }));
      const plain = Array.from({ length: 50 }, (_, i) => db.sql<{ v: number }[]>`select ${i}::int as v`);
      expect(await Promise.all(tx)).toEqual(Array.from({ length: 20 }, (_, i) => [i, i * 2]));
      expect((await Promise.all(plain)).map((r) => r[0]?.v)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    } finally {
      await db.close();
    }
  });
});
