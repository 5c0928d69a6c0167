import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';
import { encodeCp1251 } from '../../formulas/table/cp1251.ts';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, upload, type TestApi } from '../testing/http.ts';
import { importReference } from './import-reference.ts';
import { referenceSnapshot } from './snapshot.ts';

const G1 = '0a1b2c3d-0000-4000-8000-000000000001';
const G2 = '0a1b2c3d-0000-4000-8000-000000000002';
const G3 = '0A1B2C3D-0000-4000-8000-000000000003';
const INN = completeInn10('720300001');

const housesCsv = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  `${G1};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1;Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.1989;1 204,50;48;центральное`,
  `${G2};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 2;Абатский р-н;71603402101;с. Абатское;ЖД;1975;64,2;3;печное`,
  `${G3};обл. Тюменская, г. Тюмень, ул. Мира, д. 7;город Тюмень;71701000001;г. Тюмень;МКД;;;;`,
].join('\r\n');

const tariffsCsv1251 = encodeCp1251([
  'decision_id,rso_inn,service,municipal_district,settlement,valid_from,valid_to,commissioned_from,commissioned_to,tariff_kind,eot,lt',
  `ID_35790961,${INN},ХВС,Абатский муниципальный район,все,01.01.2026,30.06.2026,,,Однотарифный,"48,80","41,73"`,
  `ID_35790962,${INN},ХВС,Абатский муниципальный район,все,01.07.2026,,,,Однотарифный,"50,12","43,00"`,
  `ID_35790963,${INN},ХВС,Абатский муниципальный район,с. Абатское,01.07.2026,,01.01.2015,,Однотарифный,"52,00","43,00"`,
].join('\n'));

async function organisationsXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('ЕГРЮЛ');
  ws.addRow(['Выписка из ЕГРЮЛ на 01.11.2026']);
  ws.addRow([]);
  ws.addRow(['ИНН', 'ОГРН', 'Наименование', 'Статус', 'Задолженность по налогам']);
  ws.addRow([INN, completeOgrn('102720000001'), 'МУП ЖКХ Абатского района', 'действует', 'нет']);
  ws.addRow([completeInn10('720300002'), completeOgrn('102720000002'), 'ООО "Теплосервис"', 'Банкротство', 'да']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const count = async (db: Database, table: string): Promise<number> =>
  Number((await db.sql.unsafe(`select count(*)::int as n from ${table}`))[0]?.n);

describe.each(testDatabases())('reference import on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    api = apiFor(db.sql);
    admin = await signIn(api, 'admin', 'admin-demo');
  });
  afterAll(async () => {
    await db.close();
  });

  it('imports houses from UTF-8 CSV with «;» and normalises districts into municipalities', async () => {
    const res = await api.request('/reference/import/houses', { method: 'POST', headers: { cookie: admin }, body: upload('houses.csv', housesCsv) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, rows: 3, inserted: 3, updated: 0, unchanged: 0, version: expect.any(Number) });
    const houses = await db.sql`select fias_id::text, m.name as district, area::text, residents, commissioned::text, house_type
      from houses h join municipalities m on m.id = h.municipality_id order by fias_id`;
    expect(houses.map((h) => ({ ...h }))).toEqual([
      { fias_id: G1, district: 'Абатский муниципальный район', area: '1204.50', residents: 48, commissioned: '1989-01-01', house_type: 'МКД' },
      { fias_id: G2, district: 'Абатский муниципальный район', area: '64.20', residents: 3, commissioned: '1975-01-01', house_type: 'ЖД' },
      { fias_id: G3.toLowerCase(), district: 'город Тюмень', area: null, residents: null, commissioned: null, house_type: 'МКД' },
    ]);
    expect(await count(db, 'municipalities')).toBe(2);
  });

  it('imports БПТР tariffs from Windows-1251 CSV with «,»', async () => {
    const res = await api.request('/reference/import/tariffs', { method: 'POST', headers: { cookie: admin }, body: upload('bptr.csv', tariffsCsv1251) });
    expect(res.status).toBe(200);
    const rows = await db.sql`select decision_id, settlement, eot::text, lt::text, valid_to::text, commissioned_from::text from tariff_decisions order by decision_id`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { decision_id: 'ID_35790961', settlement: 'все', eot: '48.8000', lt: '41.7300', valid_to: '2026-06-30', commissioned_from: null },
      { decision_id: 'ID_35790962', settlement: 'все', eot: '50.1200', lt: '43.0000', valid_to: null, commissioned_from: null },
      { decision_id: 'ID_35790963', settlement: 'с. Абатское', eot: '52.0000', lt: '43.0000', valid_to: null, commissioned_from: '2015-01-01' },
    ]);
  });

  it('imports organisations from xlsx with a title block above the header', async () => {
    const res = await api.request('/reference/import/organisations', { method: 'POST', headers: { cookie: admin }, body: upload('egrul.xlsx', await organisationsXlsx()) });
    expect(res.status).toBe(200);
    const rows = await db.sql`select name, status, tax_debt from organisations order by name`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { name: 'МУП ЖКХ Абатского района', status: 'действует', tax_debt: false },
      { name: 'ООО "Теплосервис"', status: 'банкротство', tax_debt: true },
    ]);
  });

  it('re-import of the same file changes nothing and says so; a changed row gets the new version', async () => {
    const again = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: new TextEncoder().encode(housesCsv), actorId: null });
    expect(again).toMatchObject({ ok: true, rows: 3, inserted: 0, updated: 0, unchanged: 3 });
    const before = await db.sql<{ fias_id: string; version: string }[]>`select fias_id::text, version::text from houses order by fias_id`;
    const changed = housesCsv.replace(';48;', ';49;');
    const third = await importReference(db.sql, { kind: 'houses', fileName: 'houses.csv', bytes: new TextEncoder().encode(changed), actorId: null });
    expect(third).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 2 });
    const after = await db.sql<{ fias_id: string; version: string }[]>`select fias_id::text, version::text from houses order by fias_id`;
    expect(after[0]?.version).not.toBe(before[0]?.version);
    expect(after[1]?.version).toBe(before[1]?.version);
    expect(third.ok && String(third.version)).toBe(after[0]?.version);
  });

  it('rejects a bad file whole, naming file, row and column, and stores nothing', async () => {
    const housesBefore = await db.sql`select * from houses order by fias_id`;
    const batchesBefore = await count(db, 'import_batches');
    const auditBefore = await count(db, 'audit_log');
    const bad = [
      'Код дома по ФИАС;Адрес;Муниципальный район;ОКТМО;Населенный пункт;Тип дома',
      `${G1};новый адрес;Абатский;71603402101;с. Абатское;МКД`,
      `${G2};адрес;Абатский;7160340;с. Абатское;МКД`,
      `not-a-guid;адрес;Абатский;71603402101;с. Абатское;дача`,
    ].join('\n');
    const res = await api.request('/reference/import/houses', { method: 'POST', headers: { cookie: admin }, body: upload('дома-ноябрь.csv', bad) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; problems: unknown[] };
    expect(body.code).toBe('invalid_file');
    expect(body.message).toMatch(/«дома-ноябрь\.csv» не загружен: ошибок 3\. Ничего не изменено/);
    expect(body.problems).toEqual([
      { file: 'дома-ноябрь.csv', row: 3, column: 'ОКТМО', message: expect.stringMatching(/8 или 11 цифр/) },
      { file: 'дома-ноябрь.csv', row: 4, column: 'Код дома по ФИАС', message: expect.stringMatching(/GUID/) },
      { file: 'дома-ноябрь.csv', row: 4, column: 'Тип дома', message: expect.stringMatching(/недопустимое значение «дача»/) },
    ]);
    expect(await db.sql`select * from houses order by fias_id`).toEqual(housesBefore);
    expect(await count(db, 'import_batches')).toBe(batchesBefore);
    expect(await count(db, 'audit_log')).toBe(auditBefore);
  });

  it('asks for a file when the form has none', async () => {
    const res = await api.request('/reference/import/houses', { method: 'POST', headers: { cookie: admin }, body: new FormData() });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'no_file', message: 'Выберите файл для загрузки' });
  });

  it('rejects files without the required columns and files that are not tables', async () => {
    const noOktmo = await importReference(db.sql, { kind: 'houses', fileName: 'h.csv', bytes: new TextEncoder().encode(`fias_id;address\n${G1};a\n`), actorId: null });
    expect(noOktmo).toMatchObject({ ok: false, problems: [{ file: 'h.csv', message: expect.stringMatching(/нет обязательных столбцов: .*ОКТМО/) }] });
    const xls = await importReference(db.sql, { kind: 'houses', fileName: 'h.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), actorId: null });
    expect(xls).toMatchObject({ ok: false, problems: [{ file: 'h.xls', message: expect.stringMatching(/\.xls/) }] });
  });

  it('gives the checks back exactly what was imported, with a version that moves with each import', async () => {
    const snap = await referenceSnapshot(db.sql);
    expect(snap.version).toMatch(/^\d+$/);
    expect(snap.houses.find((h) => h.fias_id === G1)).toEqual({
      fias_id: G1, address: 'обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1', municipal_district: 'Абатский муниципальный район',
      oktmo: '71603402101', settlement: 'с. Абатское', house_type: 'МКД', commissioned: '1989-01-01', area: 120450, residents: 49, heating_type: 'центральное',
    });
    expect(snap.tariffs.find((t) => t.decision_id === 'ID_35790963')).toMatchObject({ eot: 520000, lt: 430000, valid_to: null, commissioned_from: '2015-01-01', settlement: 'с. Абатское' });
    expect(snap.organisations.map((o) => o.tax_debt).sort()).toEqual(['да', 'нет']);
  });

  it('rolls back everything when the database refuses a row after earlier rows were written', async () => {
    const before = await count(db, 'tariff_decisions');
    const rows = ['decision_id;rso_inn;service;municipal_district;settlement;valid_from;tariff_kind;eot;lt'];
    for (let i = 0; i < 6000; i++) rows.push(`ID_${i};${INN};ГВС;Абатский;все;01.01.2026;Двухкомпонентный;100;90`);
    rows.push(`ID_overflow;${INN};ГВС;Абатский;все;01.01.2026;Двухкомпонентный;99999999999;90`); // beyond numeric(14,4)
    await expect(importReference(db.sql, { kind: 'tariffs', fileName: 't.csv', bytes: new TextEncoder().encode(rows.join('\n')), actorId: null })).rejects.toThrow();
    expect(await count(db, 'tariff_decisions')).toBe(before);
  });
});
