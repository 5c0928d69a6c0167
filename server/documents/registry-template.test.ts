import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../auth/user-admin.ts';
import { INN } from '../checks/testing.ts';
import type { PortalSubmission } from '../contract/portal.ts';
import type { Database } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';
import { G, openRegion, register, registrationForm, registryCsv, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import { recalculate } from './testing.ts';
import { signIn, type TestApi } from '../testing/http.ts';

describe.each(testDatabases())('the registry template by the tariff menu on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  let rso: string;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    await addUser(db.sql, null, { login: 'voda', fullName: 'Иванова', role: 'rso', password: 'voda-password', rsoInn: INN });
    rso = await signIn(api, 'voda', 'voda-password');
    // last period the РСО claimed two of the three houses
    await register(api, s.reviewer, 'sep.csv', registryCsv('сентябрь 2026', [[G[0]!, '40', '282,80'], [G[2]!, '3', '21,21']]));
    // the tariff menu differentiates by commissioning: houses up to 1980 and from 1981 (the houses: 1980, 1981, 1982)
    await db.sql`delete from tariff_decisions`;
    const tariffs = [
      'decision_id;rso_inn;service;municipal_district;settlement;valid_from;valid_to;commissioned_from;commissioned_to;tariff_kind;eot;lt',
      `ID_2;${INN};ХВС;Абатский муниципальный район;все;01.01.2026;;;31.12.1980;Однотарифный;48,80;41,73`,
      `ID_3;${INN};ХВС;Абатский муниципальный район;с. Абатское;01.01.2026;;01.01.1981;;Однотарифный;50,00;42,00`,
    ].join('\n');
    const r = await importReference(db.sql, { kind: 'tariffs', fileName: 'tariffs.csv', bytes: new TextEncoder().encode(tariffs), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('fills metadata, last period\'s houses and their БПТР tariffs, leaves volumes, and round-trips through checks 4, 5, 6 and 8', async () => {
    const res = await api.request('/portal/template?service=ХВС&period=2026-10', { headers: { cookie: rso } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const cell = (r: number, c: number) => sheet.getRow(r).getCell(c).value;
    expect([1, 2, 3, 4].map((r) => [cell(r, 1), cell(r, 2)])).toEqual([['Наименование РСО', 'МУП «Вода»'], ['ИНН РСО', INN], ['Услуга', 'Холодное водоснабжение'], ['Отчетный период', 'октябрь 2026']]);
    expect(cell(8, 1)).toBe('№ п/п');
    const houses = [9, 10].map((r) => cell(r, 3));
    expect(houses.sort()).toEqual([G[0], G[2]].sort());
    expect(cell(11, 3)).toBeNull();
    const line = (fias: string | undefined) => (cell(9, 3) === fias ? 9 : 10);
    const g0 = line(G[0]);
    const g2 = line(G[2]);
    expect([4, 5, 7, 8, 9, 10, 11, 12].map((c) => cell(g0, c))).toEqual(['с -- по 31.12.1980', 'Абатский муниципальный район', '01.01.1980', 'Однотарифный', 48.8, 41.73, null, null]);
    expect([4, 7, 9, 10].map((c) => cell(g2, c))).toEqual(['с 01.01.1981 по --', '01.01.1982', 50, 42]);
    for (const r of [9, 10]) expect(cell(r, 13)).toEqual({ formula: `ROUND((I${r}-J${r})*(K${r}+L${r}),2)` });

    // the accountant fills the volumes, Excel recalculates and saves; sent through the portal as is
    sheet.getRow(g0).getCell(11).value = 10;
    sheet.getRow(g2).getCell(11).value = 3;
    sheet.getRow(g2).getCell(12).value = 0.25;
    sheet.getRow(5).getCell(2).value = '12/1';
    recalculate(sheet);
    expect(sheet.getRow(g0).getCell(13).value).toEqual({ formula: `ROUND((I${g0}-J${g0})*(K${g0}+L${g0}),2)`, result: 70.7 });
    expect(sheet.getRow(g2).getCell(13).value).toMatchObject({ result: 26 });
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const sent = await api.request('/portal/registries', { method: 'POST', headers: { cookie: rso }, body: registrationForm('октябрь.xlsx', '', { letterOutNo: '12/1', letterOutDate: '2026-11-02' }) });
    expect(sent.status).toBe(400 + 22);
    const form = registrationForm('октябрь.xlsx', '', { letterOutNo: '12/1', letterOutDate: '2026-11-02' });
    form.set('file', new File([filled], 'октябрь.xlsx'));
    const ok = await api.request('/portal/registries', { method: 'POST', headers: { cookie: rso }, body: form });
    const body = (await ok.json()) as PortalSubmission;
    expect(ok.status, JSON.stringify(body)).toBe(200);
    expect(body.registry).toMatchObject({ rowsTotal: 2, declaredSum: 7070 + 2600 });
    const [run] = await db.sql<{ rule_ids: string[] }[]>`select c.rule_ids from registries r join check_runs c on c.id = r.check_run_id where r.id = ${body.registry.id}`;
    const rows = await db.sql<{ st: number[] }[]>`select check_status as st from registry_rows where registry_id = ${body.registry.id} order by row_no`;
    for (const rule of ['4', '5', '6', '8']) {
      const k = run!.rule_ids.indexOf(rule);
      expect(rows.map((r) => r.st[k]), `rule ${rule}`).toEqual([1, 1]);
    }
  });
});
