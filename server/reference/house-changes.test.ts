import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { H, STANDARDS_FILES, standardsGisCsv, standardsHousesCsv } from '../standards/testing.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import type { ChangeReportPage } from '../contract/reference.ts';
import { importReference } from './import-reference.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const NEW = 'b0000000-0000-4000-8000-000000000009';

describe.each(testDatabases())('house data change report on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let cookie: string;
  let batch: number;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    for (const [kind, text] of Object.entries(STANDARDS_FILES)) {
      const r = await importReference(db.sql, { kind: kind as ReferenceKind, fileName: `${kind}.csv`, bytes: enc(text), actorId: null });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      // a first import is not a change
      if (kind === 'houses' || kind === 'gis_houses') expect(r.changes).toBeNull();
    }
    api = apiFor(db.sql);
    cookie = await signIn(api, 'manager', 'manager-demo');
  });
  afterAll(async () => {
    await db.close();
  });

  const page = async (query = '') => {
    const res = await api.request(`/reference/changes/${batch}${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as ChangeReportPage;
  };

  it('keeps the earlier houses and reports changed fields, a group move, a new and a removed house, and moved checks', async () => {
    // H[1] heated by gas now (another group); H[2] area 1030 as ГИС ЖКХ says (the area check passes now); H[4] gone; a new house
    const later = standardsHousesCsv.split('\n')
      .map((l) => (l.startsWith(H[1]!) ? l.replace(/центральное$/, 'индивидуальное газовое') : l))
      .map((l) => (l.startsWith(H[2]!) ? l.replace(';1000;40;', ';1030;40;') : l))
      .filter((l) => !l.startsWith(H[4]!))
      .concat(`${NEW};с. Абатское, ул. Новая, д. 9;Абатский муниципальный район;71603402101;с. Абатское;МКД;2026;1200,5;0;центральное`);
    const r = await importReference(db.sql, { kind: 'houses', fileName: 'дома-2026-11.csv', bytes: enc(later.join('\n')), actorId: null });
    expect(r).toMatchObject({ ok: true, inserted: 1, updated: 2, removed: 1, changes: { houses_changed: 2, added: 1, removed: 1, groups_changed: 1, checks_changed: 1 } });
    if (!r.ok) return;
    batch = r.version;
    const [houses] = await db.sql<{ n: number }[]>`select count(*)::int as n from houses`;
    expect(houses?.n).toBe(6);
    const [kept] = await db.sql<{ previous: Uint8Array; previous_rows: number }[]>`select previous, previous_rows from house_data_changes where batch_id = ${batch}`;
    expect(kept?.previous_rows).toBe(6);
    const previous = JSON.parse(gunzipSync(kept!.previous).toString('utf8')) as { fias_id: string; heating_type: string }[];
    expect(previous.find((h) => h.fias_id === H[4])).toBeDefined();
    expect(previous.find((h) => h.fias_id === H[1])?.heating_type).toBe('центральное');

    const all = await page();
    expect(all.batch).toMatchObject({ id: batch, kind: 'houses', file_name: 'дома-2026-11.csv', rows: 6, previous_rows: 6 });
    expect(all.total).toBe(4);
    expect(all.rows.map((h) => [h.fias_id, h.added, h.removed, h.group_changed])).toEqual([
      [H[1], false, false, true], [H[2], false, false, false], [H[4], false, true, false], [NEW, true, false, false],
    ]);
    const moved = all.rows[0]!;
    expect(moved.changes).toEqual([{ source: 'houses', field: 'heating_type', before: 'центральное', after: 'индивидуальное газовое' }]);
    expect(all.groups[moved.group_before!]?.key).toMatchObject({ heating_type: 'центральное' });
    expect(all.groups[moved.group_before!]?.standards?.owner['1']).toEqual({ heating: 388_582, non_heating: 207_082 });
    expect(all.groups[moved.group_after!]?.key).toMatchObject({ heating_type: 'индивидуальное газовое' });
    expect(all.rows[1]!.checks).toEqual([{ id: 'area', title: 'Площадь совпадает с ГИС ЖКХ', before: { status: 'failed', reason: expect.stringMatching(/^Площадь в ГИС ЖКХ 1030,00 м², в реестре 1000,00 м²/) }, after: { status: 'passed', reason: '' } }]);
    expect(all.rows[2]!.address).toBe('с. Казанское, ул. Мира, д. 5');
    expect(all.fields).toEqual([{ key: 'houses.area', title: 'Площадь' }, { key: 'houses.heating_type', title: 'Тип отопления' }]);
    expect(all.districts).toEqual(['Абатский муниципальный район', 'Казанский муниципальный район']);

    expect((await page('?group=1')).rows.map((h) => h.fias_id)).toEqual([H[1]]);
    expect((await page('?field=houses.area')).rows.map((h) => h.fias_id)).toEqual([H[2]]);
    expect((await page(`?district=${encodeURIComponent('Казанский')}`)).rows.map((h) => h.fias_id)).toEqual([H[4]]);
    expect((await page('?offset=3&limit=5')).rows.map((h) => h.fias_id)).toEqual([NEW]);

    const summary = (await (await api.request('/reference/summary', { headers: { cookie } })).json()) as { batches: { id: number; removed: number; changes: unknown }[] };
    expect(summary.batches[0]).toMatchObject({ id: batch, removed: 1, changes: { groups_changed: 1 } });
    expect(summary.batches.find((b) => b.id !== batch)?.changes).toBeNull();
  });

  it('exports the filtered report to .xlsx, a row per change', async () => {
    const res = await api.request(`/reference/changes/${batch}/export.xlsx?group=1`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1).map((c) => (c === undefined || c === null ? '' : String(c))) : []));
    expect(rows[0]?.[0]).toBe('Изменения характеристик домов');
    expect(rows[3]?.[0]).toBe('Отбор: только дома, сменившие группу');
    expect(rows[5]?.[3]).toBe('Что изменилось');
    const body = rows.slice(6);
    expect(body.map((r) => r[3])).toEqual(['Тип отопления', 'Группа стандартов']);
    expect(body[1]?.[4]).toMatch(/^Абатский муниципальный район, все МО, МКД, центральное; собственник, 1 чел\.: 3 885,82 \/ 2 070,82 руб\.$/);
    expect(body[1]?.[5]).toMatch(/индивидуальное газовое/);
    // printed as every export: landscape A4 one page wide, the table's header on every page, page numbers
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '6:6' });
    expect(ws.headerFooter.oddFooter).toBe('&CСтраница &P из &N');
  });

  it('a ГИС ЖКХ extract replaces the earlier one too: a house it no longer has is removed there, and checks follow', async () => {
    const later = standardsGisCsv.split('\n').filter((l) => !l.startsWith(H[5]!)).map((l) => (l.startsWith(H[0]!) ? l.replace(';40;', ';41;') : l));
    const r = await importReference(db.sql, { kind: 'gis_houses', fileName: 'гис.csv', bytes: enc(later.join('\n')), actorId: null });
    expect(r).toMatchObject({ ok: true, removed: 1, changes: { houses_changed: 1, removed: 1, groups_changed: 0, checks_changed: 2 } });
    if (!r.ok) return;
    batch = r.version;
    const report = await page();
    expect(report.rows.map((h) => [h.fias_id, h.removed, h.changes.map((c) => `${c.source}.${c.field}:${c.before}→${c.after}`), h.checks.map((c) => `${c.id}:${c.before.status}→${c.after.status}`)])).toEqual([
      [H[0], false, ['gis_houses.residents:40→41'], ['residents:passed→failed']],
      [H[5], true, [], ['house_type:passed→skipped', 'area:passed→skipped', 'residents:passed→skipped', 'heating:passed→skipped']],
    ]);
    expect((await api.request('/reference/changes/1', { headers: { cookie } })).status).toBe(404);
  });
});
