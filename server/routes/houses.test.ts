import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';

const N = 250;
const guid = (k: number): string => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
const csv = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...Array.from({ length: N }, (_, k) => `${guid(k)};ул. Ленина, д. ${k};${k % 2 ? 'Абатский' : 'Казанский'};7160340210${k % 10};с. ${k % 3};${k % 5 ? 'МКД' : 'ЖД'};;${k % 7 ? (k * 1.5).toFixed(1) : ''};${k};`),
].join('\n');

describe.each(testDatabases())('house pages on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let cookie: string;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'h.csv', bytes: new TextEncoder().encode(csv), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    api = apiFor(db.sql);
    cookie = await signIn(api, 'manager', 'manager-demo');
  });
  afterAll(async () => {
    await db.close();
  });

  const page = async (q: string) => (await (await api.request(`/houses?${q}`, { headers: { cookie } })).json()) as { rows: { fias_id: string; address: string; area: string | null; residents: number }[]; total: number };

  it('pages cover every house exactly once in every sort order and direction', async () => {
    for (const sort of ['address', 'area', 'municipality', 'settlement', 'commissioned']) {
      for (const dir of ['asc', 'desc']) {
        const seen: string[] = [];
        for (let offset = 0; offset < N; offset += 40) seen.push(...(await page(`offset=${offset}&limit=40&sort=${sort}&dir=${dir}`)).rows.map((r) => r.fias_id));
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(N);
      }
    }
  });

  it('sorts by the column, empty values at the end going up', async () => {
    const rows = (await page(`offset=0&limit=${N}&sort=area&dir=asc`)).rows;
    const areas = rows.map((r) => (r.area === null ? null : Number(r.area)));
    const known = areas.filter((a): a is number => a !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(areas.slice(known.length).every((a) => a === null)).toBe(true);
  });

  it('filters and counts, and the count follows a new import', async () => {
    // an address is searched by trigram, nearest first (a typo too); a ФИАС id by its start
    const found = await page(`q=${encodeURIComponent('Ленна 17')}&limit=5`);
    expect(found.rows[0]?.address).toBe('ул. Ленина, д. 17');
    expect(found.total).toBeGreaterThan(5);
    expect((await page(`q=${guid(17)}&limit=5`)).rows.map((r) => r.fias_id)).toEqual([guid(17)]);
    expect((await page(`q=${encodeURIComponent('Ленна 17')}&houseType=ЖД&limit=5`)).rows[0]?.address).toBe('ул. Ленина, д. 170');
    expect((await page('houseType=ЖД&limit=1')).total).toBe(N / 5);
    const before = (await page('limit=1')).total;
    // a new houses file replaces the earlier one: one more house, and the first one gone
    const more = [...csv.split('\n').filter((l) => !l.startsWith(guid(0))), `${guid(9999)};ул. Новая, д. 1;Абатский;71603402101;с. 1;МКД;;;;`].join('\n');
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'more.csv', bytes: new TextEncoder().encode(more), actorId: null });
    expect(r).toMatchObject({ ok: true, inserted: 1, removed: 1, changes: { added: 1, removed: 1 } });
    expect((await page('limit=1')).total).toBe(before);
    expect((await page(`q=${encodeURIComponent('ул. Новая')}&limit=1`)).rows[0]?.fias_id).toBe(guid(9999));
  });
});
