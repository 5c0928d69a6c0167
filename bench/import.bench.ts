import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureFirstUsers } from '../server/auth/users.ts';
import { importReference } from '../server/reference/import-reference.ts';
import { testDatabases } from '../server/testing/databases.ts';
import { apiFor, signIn } from '../server/testing/http.ts';
import { benchRegion } from './region.ts';

/** Import time of the 200,000-house reference (plus its organisations and tariffs) into each database. */
const HOUSES = Number(process.env.BENCH_HOUSES ?? 200_000);
const dir = await benchRegion(HOUSES);

const rows: string[][] = [];
const pages: Record<string, string | number>[] = [];
for (const target of testDatabases()) {
  const db: Database = target.name.startsWith('embedded') ? await openDatabase({}) : await target.open();
  await migrate(db.sql);
  for (const kind of ['organisations', 'houses', 'tariffs'] as const) {
    const file = join(dir, 'reference', `${kind}.csv`);
    const bytes = readFileSync(file);
    for (const pass of ['first import', 're-import (no changes)']) {
      const t = performance.now();
      const r = await importReference(db.sql, { kind, fileName: `${kind}.csv`, bytes, actorId: null });
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(r.problems.slice(0, 5).map((p) => p.message).join('\n'));
      rows.push([target.name, kind, pass, String(r.rows), `${(bytes.length / 1e6).toFixed(1)} MB`, `${(ms / 1000).toFixed(2)} s`, `${Math.round(r.rows / (ms / 1000))} rows/s`]);
    }
  }
  // what the house table asks for while a user scrolls and sorts through all of them
  await ensureFirstUsers(db.sql, { demo: true });
  const api = apiFor(db.sql);
  const cookie = await signIn(api, 'admin', 'admin-demo');
  for (const q of ['offset=0&limit=200', 'offset=100000&limit=200', 'offset=199800&limit=200&sort=area&dir=desc', 'offset=0&limit=200&q=Ленина']) {
    const t = performance.now();
    const res = await api.request(`/houses?${q}`, { headers: { cookie } });
    const body = (await res.json()) as { rows: unknown[]; total: number };
    pages.push({ database: target.name, request: `GET /api/houses?${q}`, rows: body.rows.length, total: body.total, time: `${(performance.now() - t).toFixed(0)} ms` });
  }
  await db.close();
}
console.table(rows.map(([database, kind, pass, n, size, time, rate]) => ({ database, kind, pass, rows: n, size, time, rate })));
console.table(pages);
