import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import type { ImportProgress } from '../contract/reference.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { importReference, importsInProgress } from './import-reference.ts';

const HEADER = 'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type';
const fias = (i: number): string => `0a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`;
const house = (i: number, area = '64,20'): string => `${fias(i)};с. Абатское, ул. Ленина, д. ${i};Абатский муниципальный район;71603402101;с. Абатское;ЖД;1975;${area};3;печное`;
const csv = (lines: string[]): Uint8Array => new TextEncoder().encode([HEADER, ...lines].join('\n'));

const counts = async (db: Database): Promise<{ houses: number; batches: number; municipalities: number }> => {
  const [r] = await db.sql<{ houses: number; batches: number; municipalities: number }[]>`
    select (select count(*) from houses)::int as houses, (select count(*) from import_batches)::int as batches,
           (select count(*) from municipalities)::int as municipalities`;
  return r ?? { houses: -1, batches: -1, municipalities: -1 };
};

describe.each(testDatabases())('streamed reference import on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => {
    await db.close();
  });

  it('a file that fails on row 150,000 leaves nothing written, and names the row and column', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 150_500; i++) lines.push(house(i));
    lines[149_998] = house(149_999, 'много'); // the file's row 150,000: the header is row 1
    const seen: ImportProgress[] = [];
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: csv(lines), actorId: null }, (p) => seen.push(p));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({ file: 'houses.csv', row: 150_000, column: 'area' })]);
    expect(await counts(db)).toEqual({ houses: 0, batches: 0, municipalities: 0 });
    // rows were read and checked on the way, and (on PostgreSQL) written to the staging table before the bad one
    expect(seen.at(-1)).toMatchObject({ phase: 'reading', read: 150_501, validated: 150_500 });
    if (target.name.startsWith('PostgreSQL')) expect(Math.max(...seen.map((p) => p.written))).toBeGreaterThan(100_000);
  }, 240_000);

  it('a NUL byte far down the file (read a piece at a time) refuses the file as damaged, naming row and column, and writes nothing', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 120_000; i++) lines.push(house(i));
    lines[119_998] = house(119_999).replace('ул. Ленина', 'ул. Лен\u0000\u0000ина');
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: csv(lines), actorId: null });
    expect(r).toMatchObject({ ok: false, problems: [{ file: 'houses.csv', message: expect.stringMatching(/^строка 120000, столбец 2: файл повреждён: нулевые байты \(U\+0000, 2 шт\.\)/) }] });
    expect(await counts(db)).toEqual({ houses: 0, batches: 0, municipalities: 0 });
  }, 240_000);

  it('a re-import with 10 houses changed moves exactly 10 version stamps; an equal file moves none', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 3_000; i++) lines.push(house(i));
    const first = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: csv(lines), actorId: null });
    expect(first).toMatchObject({ ok: true, rows: 3_000, inserted: 3_000, updated: 0, changes: null });
    if (!first.ok) return;

    const same = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: csv(lines), actorId: null });
    expect(same).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 3_000, removed: 0, changes: null });

    const changedIds = [5, 17, 300, 301, 999, 1_000, 1_500, 2_222, 2_999, 3_000];
    for (const i of changedIds) lines[i - 1] = house(i, '70,00');
    const second = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: csv(lines), actorId: null });
    expect(second).toMatchObject({ ok: true, inserted: 0, updated: 10, unchanged: 2_990, removed: 0 });
    if (!second.ok) return;
    expect(second.changes).toMatchObject({ houses_changed: 10 });
    const moved = await db.sql<{ fias_id: string }[]>`select fias_id::text from houses where version = ${second.version} order by fias_id`;
    expect(moved.map((r) => r.fias_id)).toEqual(changedIds.map(fias));
    const [kept] = await db.sql<{ n: number }[]>`select count(*)::int as n from houses where version = ${first.version}`;
    expect(kept?.n).toBe(2_990);
    // the change report is kept, with the version it replaced
    const [report] = await db.sql<{ previous_rows: number }[]>`select previous_rows from house_data_changes where batch_id = ${second.version}`;
    expect(report?.previous_rows).toBe(3_000);
  }, 120_000);

  it('house services: only houses whose lines differ get the new stamp; houses the file omits keep theirs', async () => {
    const head = 'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only';
    const line = (i: number, tariff = '28,46'): string => `${fias(i)};ХВС;${tariff};ID_1;6,43;чел;нет`;
    const file = (ls: string[]): Uint8Array => new TextEncoder().encode([head, ...ls].join('\n'));
    const first = await importReference(db.sql, { kind: 'house_services', fileName: 's.csv', bytes: file([line(1), line(2), line(3)]), actorId: null });
    expect(first).toMatchObject({ ok: true, inserted: 3, updated: 0 });
    // house 2 gets a second line, house 3 a new tariff, house 4 is new, house 1 is not in the file
    const ls = [line(2), `${fias(2)};ГВС;200,00;ID_2;3,33;чел;нет`, line(3, '30,00'), line(4)];
    const second = await importReference(db.sql, { kind: 'house_services', fileName: 's.csv', bytes: file(ls), actorId: null });
    expect(second).toMatchObject({ ok: true, rows: 4, inserted: 1, updated: 3 });
    if (!first.ok || !second.ok) return;
    const rows = await db.sql<{ fias_id: string; line_no: number; version: string }[]>`select fias_id::text, line_no, version::text from house_services order by fias_id, line_no`;
    expect(rows.map((r) => [r.fias_id, r.line_no, Number(r.version)])).toEqual([
      [fias(1), 1, first.version], [fias(2), 1, second.version], [fias(2), 2, second.version], [fias(3), 1, second.version], [fias(4), 1, second.version],
    ]);
  });

  it('a second import of the same kind waits its turn, says so, and does not interleave', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 2_000; i++) lines.push(house(i, '80,00'));
    const events: string[] = [];
    const a = importReference(db.sql, { kind: 'houses', fileName: 'a.csv', bytes: csv(lines), actorId: null }, (p) => events.push(`a:${p.phase}`));
    const b = importReference(db.sql, { kind: 'houses', fileName: 'b.csv', bytes: csv(lines.slice(0, 1_000)), actorId: null }, (p) => {
      events.push(`b:${p.phase}`);
      if (p.phase === 'waiting') expect(p.message).toMatch(/Ждёт очереди: идёт другая загрузка справочника домов/);
    });
    expect(importsInProgress().imports.map((i) => i.file_name)).toEqual(['a.csv', 'b.csv']);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.ok && rb.ok && rb.version > ra.version).toBe(true);
    expect(rb).toMatchObject({ rows: 1_000, removed: 1_000 });
    // b waited first, then all of a happened before any of b's work
    expect(events[0]).toBe('b:waiting');
    const firstB = events.findIndex((e) => e.startsWith('b:') && e !== 'b:waiting');
    expect(events.slice(firstB).some((e) => e.startsWith('a:'))).toBe(false);
    expect(importsInProgress().imports).toEqual([]);
  });

  it('a value the database refuses in the first of several COPY chunks rolls everything back', async () => {
    const inn = completeInn10('720300001');
    const rows = ['decision_id;rso_inn;service;municipal_district;settlement;valid_from;tariff_kind;eot;lt'];
    for (let i = 0; i < 45_000; i++) rows.push(`ID_${i};${inn};ГВС;Абатский;все;01.01.2026;Двухкомпонентный;${i === 9 ? '99999999999' : '100'};90`); // beyond numeric(14,4)
    await expect(importReference(db.sql, { kind: 'tariffs', fileName: 't.csv', bytes: new TextEncoder().encode(rows.join('\n')), actorId: null })).rejects.toThrow();
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from tariff_decisions`;
    expect(n?.n).toBe(0);
    // the connection is usable again
    expect((await db.sql<{ one: number }[]>`select 1 as one`)[0]?.one).toBe(1);
  }, 120_000);

  it.runIf(target.name.startsWith('PostgreSQL'))('another process importing the same kind holds the advisory lock: this one waits for it, saying so', async () => {
    const other = await db.sql.reserve();
    await other`begin`;
    await other`select pg_advisory_xact_lock(hashtext('sverka.reference-import'), hashtext('tariffs'))`;
    let waiting = false;
    const file = ['decision_id;rso_inn;service;municipal_district;settlement;valid_from;tariff_kind;eot;lt', `ID_1;${completeInn10('720300001')};ГВС;Абатский;все;01.01.2026;Двухкомпонентный;100;90`].join('\n');
    const run = importReference(db.sql, { kind: 'tariffs', fileName: 't.csv', bytes: new TextEncoder().encode(file), actorId: null }, (p) => {
      if (p.phase === 'waiting') waiting = true;
    });
    while (!waiting) await new Promise((r) => setTimeout(r, 20));
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from tariff_decisions`;
    expect(before?.n).toBe(0);
    await other`commit`;
    other.release();
    expect(await run).toMatchObject({ ok: true, inserted: 1 });
  });
});
