import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { WorkbookDetail, WorkbookRun, WorkbookVersionInfo } from '../contract/workbooks.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import { workbookTemplates } from '../../templates/index.ts';
import type { WorkbookDef } from '../../formulas/workbook/types.ts';
import { runWorkbook } from './run.ts';
import { readSources } from './sources.ts';
import { loadWorkbookRegion, W } from './testing.ts';

const TODAY = '2026-05-15';
const password = (login: string): string => DEMO_USERS.find((u) => u.login === login)?.password ?? '';
const template = (id: string): WorkbookDef => workbookTemplates[id] as WorkbookDef;

describe.each(testDatabases())('workbooks on $name', (target) => {
  let db: Database;
  let api: TestApi;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    await loadWorkbookRegion(db.sql);
    api = apiFor(db.sql);
    for (const login of ['admin', 'analyst', 'reviewer', 'manager']) cookies[login] = await signIn(api, login, password(login));
  });
  afterAll(async () => {
    await db.close();
  });

  const run = (id: string, role: 'analyst' | 'manager' = 'analyst') => runWorkbook(db.sql, template(id), role, { today: TODAY });
  const sheet = (r: WorkbookRun) => {
    const s = r.sheets[0];
    if (!s) throw new Error('no sheet');
    expect(s.problems).toEqual([]);
    return s;
  };
  const col = (s: WorkbookRun['sheets'][number], name: string) => s.rows.map((row) => row[s.fields.findIndex((f) => f.name === name)]);

  it('ВО above water this year: the house’s ХВС + ГВС of the month from counted registries, sums to the kopeck', async () => {
    const s = sheet(await run('vo-above-water'));
    // 2026-01: house 1 ВО 10 > 1,2 × (5 + 3); 2026-02: house 2 ВО 7,5 > 1,2 × 5. House 1 in 2026-02: 9 ≤ 1,2 × (4 + 4)
    // (the cancelled ХВС registry's 100 is no water); 2025-12 is last year
    expect(col(s, 'period')).toEqual(['2026-02', '2026-01']);
    expect(col(s, 'address')).toEqual(['адрес 2', 'адрес 1']);
    expect(col(s, 'v_water')).toEqual([5, 8]);
    expect(col(s, 'excess')).toEqual([2.5, 2]);
    expect(col(s, 'ratio')).toEqual([1.5, 1.25]);
    expect(s.pivot?.groups).toEqual([
      { keys: ['адрес 1'], values: [2, 10, 8, 714.07, 1], rows: 1 },
      { keys: ['адрес 2'], values: [2.5, 7.5, 5, 530.25, 1], rows: 1 },
    ]);
    expect(s.pivot?.total).toEqual([4.5, 17.5, 13, 1244.32, 2]);
  });

  it('ЭОТ − ЛТ per РСО, district and year over two years, cancelled registries left out', async () => {
    const s = sheet(await run('eot-lt-by-rso-district'));
    const groups = s.pivot?.groups.map((g) => [...g.keys, ...g.values]);
    expect(groups).toEqual([
      // heat: 400 × (1 + 2) in 2025; 400 × (3,5 + 6 + 8) in 2026; December 2024 is outside
      ['АО «Тепло»', 'Казанский муниципальный район', '2025', 1200, 1200, 400],
      ['АО «Тепло»', 'Казанский муниципальный район', '2026', 7000, 7000, 400],
      // water: 7,07 × 20 in 2025; 7,07 × (10 + 6 + 5 + 5) + ОКРУГЛ(7,07 × 7,5; 2) = 183,82 + 53,03 in 2026
      ['ООО «Водоканал»', 'Абатский муниципальный район', '2025', 141.4, 500, 3.535],
      ['ООО «Водоканал»', 'Абатский муниципальный район', '2026', 236.85, 2375.52, 3.535],
    ]);
    expect(s.pivot?.total.slice(0, 2)).toEqual([8578.25, 11075.52]);
  });

  it('a volume up more than 50 % three months running: the heat of 2026-02 (1 → 2 → 3,5 → 6)', async () => {
    const s = sheet(await run('volume-growth-3-months'));
    expect(s.rowCount).toBe(1);
    expect(col(s, 'period')).toEqual(['2026-02']);
    expect([col(s, 'v_prev3'), col(s, 'v_prev2'), col(s, 'v_prev1'), col(s, 'v'), col(s, 'times')]).toEqual([[1], [2], [3.5], [6], [6]]);
    expect(s.pivot?.groups).toEqual([{ keys: ['ТС', 'Казанский муниципальный район'], values: [1, 6, 6], rows: 1 }]);
  });

  it('a 7 % gas tariff rise on the standards of the gas-heated groups', async () => {
    const s = sheet(await run('gas-tariff-plus-7'));
    expect(col(s, 'address').length).toBe(3);
    const byCount = [...(s.pivot?.groups ?? [])].sort((a, b) => (b.values[3] ?? 0) - (a.values[3] ?? 0)).map((g) => g.values);
    expect(byCount).toEqual([
      // МКД: 33 × (3 + 20) + 7,50 × 10 + 41,73 × 5,1 = 1046,823 → 1046,82; +0,525 × 10 = 5,25
      [1046.82, 1052.07, 5.25, 2],
      // ЖД: 33 × (1,5 + 2) + 33 × 7,50 × 2,5 + 212,823 = 947,073 → 947,07; +0,525 × 2,5 × 33 = 43,3125 → 43,31
      [947.07, 990.38, 43.31, 1],
    ]);
  });

  it('a role without the right to registry rows gets none, nor through a sheet over that sheet', async () => {
    const def: WorkbookDef = {
      version: 1, title: 'права', sheets: [
        { id: 'a', title: 'a', source: { kind: 'registry_rows' }, columns: [], formulas: [], filters: [], sorts: [] },
        { id: 'b', title: 'b', source: { kind: 'sheet', sheet: 'a' }, columns: [], formulas: [], filters: [], sorts: [] },
        { id: 'c', title: 'c', source: { kind: 'registries' }, columns: [], formulas: [], filters: [], sorts: [] },
      ],
    };
    const rights = { registry_rows: ['admin', 'analyst', 'reviewer'] as const, registries: ['admin', 'analyst', 'reviewer', 'manager'] as const, houses: [], bptr: [] };
    const asManager = await runWorkbook(db.sql, def, 'manager', { today: TODAY, rights });
    expect(asManager.sheets.map((s) => [s.id, s.rowCount, s.refused !== undefined])).toEqual([['a', 0, true], ['b', 0, true], ['c', 15, false]]);
    const asAnalyst = await runWorkbook(db.sql, def, 'analyst', { today: TODAY, rights });
    expect(asAnalyst.sheets.map((s) => s.rowCount)).toEqual([19, 19, 15]);
    const loaded = await readSources(db.sql, def, 'manager', rights);
    expect(loaded.get('a')?.data.count).toBe(0);
    // the РСО role reads no registry rows by the routes (they serve staff only), so none through a workbook either
    const asRso = await runWorkbook(db.sql, def, 'rso', { today: TODAY });
    expect(asRso.sheets.map((s) => [s.id, s.rowCount, s.refused !== undefined])).toEqual([['a', 0, true], ['b', 0, true], ['c', 0, true]]);
    expect(asRso.sheets[0]?.fields.map((f) => f.name)).toContain('subsidy');
  });

  const post = (path: string, body: unknown, as: string) => api.request(`/workbooks${path}`, { method: 'POST', headers: { cookie: cookies[as] ?? '', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = (path: string, as: string) => api.request(`/workbooks${path}`, { headers: { cookie: cookies[as] ?? '' } });

  it('opens a shipped workbook, saves versions with who and when; analysts edit, managers view', async () => {
    expect((await post('', { template: 'vo-above-water' }, 'manager')).status).toBe(403);
    const created = (await (await post('', { template: 'vo-above-water' }, 'analyst')).json()) as WorkbookDetail;
    expect(created).toMatchObject({ title: 'ВО выше воды в этом году', template: 'vo-above-water', version: 1, canEdit: true });
    const changed = { ...created.definition, title: 'ВО выше воды (копия)' };
    const bad = await post(`/${created.id}/versions`, { definition: { ...changed, sheets: [] } }, 'analyst');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { message: string }).message).toMatch(/листы/);
    const saved = (await (await post(`/${created.id}/versions`, { definition: changed, comment: 'переименовал' }, 'analyst')).json()) as WorkbookDetail;
    expect(saved).toMatchObject({ version: 2, title: 'ВО выше воды (копия)' });
    expect((await post(`/${created.id}/versions`, { definition: changed }, 'reviewer')).status).toBe(403);
    const viewed = (await (await get(`/${created.id}`, 'manager')).json()) as WorkbookDetail;
    expect(viewed).toMatchObject({ version: 2, canEdit: false, savedBy: DEMO_USERS.find((u) => u.login === 'analyst')?.fullName });
    const versions = (await (await get(`/${created.id}/versions`, 'manager')).json()) as WorkbookVersionInfo[];
    expect(versions.map((v) => [v.version, v.comment])).toEqual([[2, 'переименовал'], [1, null]]);
    const first = (await (await get(`/${created.id}/versions/1`, 'manager')).json()) as WorkbookDetail;
    expect(first.definition.title).toBe('ВО выше воды в этом году');
    const [audit] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action in ('workbook.create', 'workbook.save') and entity_id = ${String(created.id)}`;
    expect(audit?.n).toBe(2);
  });

  it('exports the sheets with formula columns as live Excel formulas', async () => {
    const created = (await (await post('', { template: 'eot-lt-by-rso-district' }, 'analyst')).json()) as WorkbookDetail;
    const res = await get(`/${created.id}/export.xlsx`, 'manager');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const at = (title: string) => header.indexOf(title) + 1;
    const gap = ws.getRow(2).getCell(at('ЭОТ − ЛТ')).value as ExcelJS.CellFormulaValue;
    expect(gap.formula).toMatch(/^[A-Z]+2-[A-Z]+2$/);
    const gapSum = ws.getRow(2).getCell(at('(ЭОТ − ЛТ) × объём, ₽')).value as ExcelJS.CellFormulaValue;
    expect(gapSum.formula).toMatch(/^ROUND\([A-Z]+2\*[A-Z]+2, 2\)$/);
    expect(typeof gapSum.result).toBe('number');
  });

  it('pins a chart to the analytics page and runs a stored workbook for every role', async () => {
    const created = (await (await post('', { template: 'volume-growth-3-months' }, 'analyst')).json()) as WorkbookDetail;
    const pinned = await post(`/${created.id}/tiles`, { sheet: 'rows' }, 'analyst');
    expect(pinned.status).toBe(200);
    const tiles = (await (await get('/tiles', 'manager')).json()) as { workbookId: number; title: string }[];
    expect(tiles).toContainEqual(expect.objectContaining({ workbookId: created.id, title: 'Строки с ростом объёма по услугам и районам' }));
    const ran = (await (await get(`/${created.id}/run`, 'manager')).json()) as WorkbookRun;
    expect(ran.sheets[0]?.rowCount).toBeGreaterThanOrEqual(0);
    expect((await post(`/${created.id}/tiles`, { sheet: 'nope' }, 'analyst')).status).toBe(422);
  });

  it('filters registries and their rows by the same months, РСО, district and status', async () => {
    const [g] = await db.sql<{ period: string; rso_inn: string; district: string; status: string }[]>`
      select to_char(period, 'YYYY-MM') as period, rso_inn, municipal_district as district, status from registries order by id limit 1`;
    if (!g) throw new Error('no registry in the region');
    const filters = [{ from: g.period, to: g.period }, { rso_inn: g.rso_inn }, { district: g.district.toUpperCase() }, { status: g.status }, { from: g.period, rso_inn: g.rso_inn, status: g.status }];
    for (const f of filters) {
      const def: WorkbookDef = { ...template('eot-lt-by-rso-district'), sheets: [
        { id: 'r', title: 'Реестры', source: { kind: 'registries', ...f }, columns: [], formulas: [], filters: [], sorts: [] },
        { id: 'rr', title: 'Строки', source: { kind: 'registry_rows', ...f }, columns: [], formulas: [], filters: [], sorts: [] },
      ] };
      const read = await readSources(db.sql, def, 'analyst');
      const want = (await db.sql<{ id: string; rows: number }[]>`
        select g.id, (select count(*)::int from registry_rows rr where rr.registry_id = g.id) as rows from registries g
        where (${f.from ?? null}::text is null or to_char(g.period, 'YYYY-MM') between ${f.from ?? null} and ${f.to ?? '9999-12'})
          and (${f.rso_inn ?? null}::text is null or g.rso_inn = ${f.rso_inn ?? null})
          and (${f.district ?? null}::text is null or lower(g.municipal_district) = lower(${f.district ?? null}))
          and (${f.status ?? null}::text is null or g.status = ${f.status ?? null})`);
      expect(read.get('r')?.data.count).toBe(want.length);
      expect(read.get('rr')?.data.count).toBe(want.reduce((n, w) => n + w.rows, 0));
      expect(want.length).toBeGreaterThan(0);
    }
  });

  it('gives the worker one sheet’s source as wire columns', async () => {
    const res = await post('/source', { definition: template('gas-tariff-plus-7'), sheet: 'houses' }, 'reviewer');
    const body = (await res.json()) as { data: { count: number; columns: Record<string, unknown[]> } };
    expect(body.data.count).toBe(3);
    expect([...(body.data.columns.fias_id ?? [])].sort()).toEqual([W[0], W[1], W[2]]);
    expect(body.data.columns.tariff).toEqual([75_000, 75_000, 75_000]);
  });
});
