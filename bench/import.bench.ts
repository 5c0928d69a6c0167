import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { blobCopyOf, openDatabase, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureFirstUsers } from '../server/auth/users.ts';
import { importReference } from '../server/reference/import-reference.ts';
import { searchAddresses } from '../server/reference/address-search.ts';
import { testDatabases } from '../server/testing/databases.ts';
import { apiFor, signIn } from '../server/testing/http.ts';
import { stopUploadReader, uploadReader } from '../server/uploads/reader-thread.ts';
import { benchRegion } from './region.ts';

/**
 * Import of the 200,000-house reference into each database (issue 18): each file's first import and its re-import
 * with no changes, houses next to a plain COPY of the same file into a table with a primary key, with their ratio;
 * then the address search over 1,000 random prefixes, and the house table's pages.
 */
const HOUSES = Number(process.env.BENCH_HOUSES ?? 200_000);
const dir = await benchRegion(HOUSES);
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

const rows: Record<string, string | number>[] = [];
const ratios: Record<string, string | number>[] = [];
const searches: Record<string, string | number>[] = [];
const pages: Record<string, string | number>[] = [];
const floors: Record<string, string | number>[] = [];
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** A plain COPY of the houses file into a table with a primary key: the floor an import is measured against. */
async function plainCopy(db: Database, bytes: Uint8Array): Promise<number> {
  const sql = db.sql;
  await sql`drop table if exists copy_probe`;
  await sql`create table copy_probe (fias_id uuid primary key, address text, municipal_district text, oktmo text, settlement text,
    house_type text, commissioned text, area text, residents integer, heating_type text)`;
  const t = performance.now();
  const blobCopy = blobCopyOf(sql);
  const statement = `copy copy_probe from %s with (format csv, delimiter ';', header true)`;
  if (blobCopy) {
    await sql.begin(async () => blobCopy(statement.replace('%s', `'/dev/blob'`), new Blob([bytes as BlobPart])));
  } else {
    const w = await sql.unsafe(statement.replace('%s', 'stdin')).writable();
    const done = once(w, 'finish');
    w.end(bytes);
    await done;
  }
  const ms = performance.now() - t;
  await sql`drop table copy_probe`;
  return ms;
}

/** Deterministic pseudo-random numbers (mulberry32): the same 1,000 prefixes every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

console.log(`load average at the start: ${load()}`);
for (const target of testDatabases()) {
  const db: Database = target.name.startsWith('embedded') ? await openDatabase({}) : await target.open();
  await migrate(db.sql);
  const houses = readFileSync(join(dir, 'reference', 'houses.csv'));
  const copyMs = await plainCopy(db, houses);
  rows.push({ database: target.name, kind: 'houses', pass: 'plain COPY (table with a primary key)', rows: HOUSES, size: `${(houses.length / 1e6).toFixed(1)} MB`, time: s(copyMs), rate: `${Math.round(HOUSES / (copyMs / 1000))} rows/s` });
  for (const kind of ['organisations', 'houses', 'gis_houses', 'house_services', 'tariffs'] as const) {
    const bytes = readFileSync(join(dir, 'reference', `${kind}.csv`));
    for (const pass of ['first import', 're-import (no changes)']) {
      const t = performance.now();
      const r = await importReference(db.sql, { kind, fileName: `${kind}.csv`, bytes, actorId: null });
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(r.problems.slice(0, 5).map((p) => p.message).join('\n'));
      rows.push({ database: target.name, kind, pass, rows: r.rows, size: `${(bytes.length / 1e6).toFixed(1)} MB`, time: s(ms), rate: `${Math.round(r.rows / (ms / 1000))} rows/s` });
      if (kind === 'houses') ratios.push({ database: target.name, pass, import: s(ms), 'plain COPY': s(copyMs), ratio: `${(ms / copyMs).toFixed(1)}×`, target: pass === 'first import' ? '≤ 3× (PostgreSQL), ≤ 10 s (embedded)' : '≤ 2×' });
    }
  }

  // Where a first import's time cannot go below: checking the file in the upload thread (alone, nothing written) and
  // building the house table's secondary indexes from scratch (dropped and built again in a transaction rolled back)
  {
    let t = performance.now();
    await uploadReader.streamReference('houses', 'houses.csv', houses, async () => {});
    const readMs = performance.now() - t;
    const builds = await db.sql.begin(async (tx) => {
      const indexes = await tx<{ name: string; def: string; method: string }[]>`
        select c.relname as name, pg_get_indexdef(i.indexrelid) as def, am.amname as method
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
        where i.indrelid = 'houses'::regclass and not i.indisprimary and not i.indisunique`;
      for (const ix of indexes) await tx.unsafe(`drop index "${ix.name}"`);
      const times: { method: string; ms: number }[] = [];
      for (const ix of indexes) {
        t = performance.now();
        await tx.unsafe(ix.def);
        times.push({ method: ix.method, ms: performance.now() - t });
      }
      throw Object.assign(new Error('rollback'), { times });
    }).catch((e: { times?: { method: string; ms: number }[] }) => e.times ?? []);
    const sum = (xs: { ms: number }[]): number => xs.reduce((a, x) => a + x.ms, 0);
    const btree = builds.filter((b) => b.method === 'btree');
    const trigram = builds.filter((b) => b.method !== 'btree');
    const first = ratios.find((r) => r.database === target.name && r.pass === 'first import');
    floors.push({
      database: target.name, 'plain COPY': s(copyMs), 'read and check (thread, alone)': s(readMs),
      [`${btree.length} btree indexes`]: s(sum(btree)), 'trigram GiST index': s(sum(trigram)),
      'floor: read + indexes': `${s(readMs + sum(builds))} (${((readMs + sum(builds)) / copyMs).toFixed(1)}× COPY)`, 'first import': String(first?.import ?? '—'),
    });
  }

  // address search: 1,000 random prefixes of real addresses (after the region's name), as a user types them
  const addresses = (await db.sql<{ address: string }[]>`select address from houses order by fias_id`).map((r) => r.address.replace(/^обл\. Тюменская, /, ''));
  const next = random(18);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 1000; i++) {
    const a = addresses[Math.floor(next() * addresses.length)] ?? '';
    const prefix = a.slice(0, 3 + Math.floor(next() * Math.max(1, a.length - 3)));
    const t = performance.now();
    const hits = await searchAddresses(db.sql, prefix, 20);
    times.push(performance.now() - t);
    if (hits.length > 0) found++;
  }
  searches.push({ database: target.name, prefixes: 1000, 'with a hit': found, p50: `${pct(times, 50).toFixed(1)} ms`, p99: `${pct(times, 99).toFixed(1)} ms`, max: `${Math.max(...times).toFixed(1)} ms`, target: 'p50/p99 ≤ 50 ms' });

  // what the house table asks for while a user scrolls and sorts through all of them
  await ensureFirstUsers(db.sql, { demo: true });
  const api = apiFor(db.sql);
  const cookie = await signIn(api, 'admin', 'admin-demo');
  for (const q of ['offset=0&limit=200', 'offset=100000&limit=200', 'offset=199800&limit=200&sort=area&dir=desc', 'offset=0&limit=200&q=Ленина', 'offset=0&limit=200&q=Ленна%2012']) {
    const t = performance.now();
    const res = await api.request(`/houses?${q}`, { headers: { cookie } });
    const body = (await res.json()) as { rows: unknown[]; total: number };
    pages.push({ database: target.name, request: `GET /api/houses?${q}`, rows: body.rows.length, total: body.total, time: `${(performance.now() - t).toFixed(0)} ms` });
  }
  await db.close();
}
await stopUploadReader();
console.log(`load average at the end: ${load()}`);
console.table(rows);
console.log('houses: import against a plain COPY of the same file, same run');
console.table(ratios);
console.log('houses, first import: what it cannot go below (checking the file, building the indexes; the COPY and the merge come on top)');
console.table(floors);
console.log('address search (trigram, 20 nearest), per keystroke');
console.table(searches);
console.table(pages);
