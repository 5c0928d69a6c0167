import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { searchAddresses } from './address-search.ts';
import { importReference } from './import-reference.ts';

const fias = (i: number): string => `0a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`;
const streets = ['ул. Ленина', 'ул. Лесная', 'пер. Ленинский', 'ул. Мира', 'ул. Гагарина'];
const lines: string[] = [];
let k = 0;
for (const town of ['г. Тюмень', 'г. Ишим']) {
  for (const street of streets) {
    for (let n = 1; n <= 30; n++) lines.push(`${fias(++k)};обл. Тюменская, ${town}, ${street}, д. ${n};город Тюмень;71701000001;${town};МКД;;;;`);
  }
}
const csv = ['fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type', ...lines].join('\n');

describe.each(testDatabases())('address search on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'h.csv', bytes: new TextEncoder().encode(csv), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
  });
  afterAll(async () => {
    await db.close();
  });

  it('a typo finds the house: «Ленна 12» → «ул. Ленина, д. 12», ranked by similarity, one entry per house', async () => {
    const found = await searchAddresses(db.sql, 'Ленна 12', 20);
    expect(found.slice(0, 2).map((h) => h.address).sort()).toEqual(['обл. Тюменская, г. Ишим, ул. Ленина, д. 12', 'обл. Тюменская, г. Тюмень, ул. Ленина, д. 12']);
    expect(new Set(found.map((h) => h.fias_id)).size).toBe(found.length);
    const sims = found.map((h) => h.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    expect(found.every((h) => h.similarity >= 0.4)).toBe(true);
    // more words narrow it down to one town
    expect((await searchAddresses(db.sql, 'Ишим Ленна 12', 5))[0]?.address).toBe('обл. Тюменская, г. Ишим, ул. Ленина, д. 12');
    // nothing alike, nothing found
    expect(await searchAddresses(db.sql, 'Хабаровск Щорса', 5)).toEqual([]);
    expect(await searchAddresses(db.sql, '   ', 5)).toEqual([]);
  });
});
