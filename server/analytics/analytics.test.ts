import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import { FIXTURE_HOUSES, FIXTURE_REGISTRIES, insertAnalyticsFixture, oneDistrict, RSO_A, RSO_B, type FixtureRegistry, type FixtureRow } from './testing.ts';
import type { AnalyticsFilter, Dashboard, DrillResult, Money, MoneySlice, RsoAnalytics, SliceTable } from '../contract/analytics.ts';

// ---- the oracle: what every figure must be, computed from the fixture's arrays without SQL ----
const settlementOf = (fias: string): string => FIXTURE_HOUSES.find((h) => h.fias === fias.toLowerCase())?.settlement ?? '';
const claimedRegistry = (r: FixtureRegistry): boolean => r.status !== 'Отменен' && r.status !== 'Отказано в регистрации';

function passes(r: FixtureRegistry, f: AnalyticsFilter): boolean {
  return (
    (!f.from || r.period >= f.from) && (!f.to || r.period <= f.to) && (!f.rso || r.rso.inn === f.rso) &&
    (!f.service || r.service === f.service) && (f.district === undefined || oneDistrict(r.district) === f.district)
  );
}

/** Every claimed row the filter keeps, with its registry. */
function rowsOf(f: AnalyticsFilter): { reg: FixtureRegistry; row: FixtureRow }[] {
  return FIXTURE_REGISTRIES.filter((r) => claimedRegistry(r) && passes(r, f)).flatMap((reg) =>
    reg.rows.filter((row) => f.settlement === undefined || settlementOf(row.fias) === f.settlement).map((row) => ({ reg, row })),
  );
}

function sum(list: { reg: FixtureRegistry; row: FixtureRow }[]): Money {
  const of = (status?: string) => list.filter((x) => !status || x.row.status === status).reduce((s, x) => s + (x.row.subsidy ?? 0), 0);
  return {
    declared: of(),
    agreed: of('Согласован'),
    rejected: of('Не согласован'),
    pending: of('Требует решения'),
    rows: list.length,
    registries: new Set(list.map((x) => x.reg.key)).size,
  };
}

function slicesBy(f: AnalyticsFilter, key: (x: { reg: FixtureRegistry; row: FixtureRow }) => string): Map<string, Money> {
  const groups = new Map<string, { reg: FixtureRegistry; row: FixtureRow }[]>();
  for (const x of rowsOf(f)) groups.set(key(x), [...(groups.get(key(x)) ?? []), x]);
  return new Map([...groups].map(([k, list]) => [k, sum(list)]));
}

const moneyOnly = (m: Money): Money => ({ declared: m.declared, agreed: m.agreed, rejected: m.rejected, pending: m.pending, rows: m.rows, registries: m.registries });
const asMap = (slices: MoneySlice[]): Map<string, Money> => new Map(slices.map((s) => [s.district !== undefined ? `${s.district}|${s.key}` : s.key, moneyOnly(s)]));

const FILTERS: AnalyticsFilter[] = [
  {},
  { from: '2026-01', to: '2026-01' },
  { from: '2026-02' },
  { rso: RSO_A.inn },
  { district: 'Абатский муниципальный район' },
  { district: '' },
  { settlement: 'с. Абатское' },
  { settlement: '' },
  { settlement: 'г. Тюмень', service: 'ХВС' },
  { service: 'ХВС', to: '2026-01' },
];

const query = (f: AnalyticsFilter, extra: Record<string, string> = {}): string =>
  new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)), ...extra } as Record<string, string>).toString();

describe.each(testDatabases())('analytics on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let cookie: string;
  let ids: Record<string, number>;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    ids = await insertAnalyticsFixture(db.sql);
    api = apiFor(db.sql);
    cookie = await signIn(api, 'manager', 'manager-demo');
  });
  afterAll(async () => {
    await db?.close();
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await api.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  it.each(FILTERS)('every slice is exact to the kopeck and adds up to the totals (filter %o)', async (f) => {
    const d = await get<Dashboard>(`/analytics/dashboard?${query(f)}`);
    expect(moneyOnly(d.totals)).toEqual(sum(rowsOf(f)));
    expect(asMap(d.byMonth)).toEqual(slicesBy(f, (x) => x.reg.period));
    expect(asMap(d.byYear)).toEqual(slicesBy(f, (x) => x.reg.period.slice(0, 4)));
    expect(asMap(d.byRso)).toEqual(slicesBy(f, (x) => x.reg.rso.inn));
    expect(asMap(d.byDistrict)).toEqual(slicesBy(f, (x) => oneDistrict(x.reg.district)));
    expect(asMap(d.bySettlement)).toEqual(slicesBy(f, (x) => `${oneDistrict(x.reg.district)}|${settlementOf(x.row.fias)}`));
    expect(asMap(d.byService)).toEqual(slicesBy(f, (x) => x.reg.service));
    for (const slices of [d.byMonth, d.byYear, d.byRso, d.byDistrict, d.bySettlement, d.byService]) {
      for (const k of ['declared', 'agreed', 'rejected', 'pending', 'rows'] as const) expect(slices.reduce((s, x) => s + x[k], 0)).toBe(d.totals[k]);
    }
    // rejected money by rule: rejected rows that failed it
    const rules = new Map<string, number>();
    for (const { row } of rowsOf(f)) for (const rule of row.failed) if (row.status === 'Не согласован') rules.set(rule, (rules.get(rule) ?? 0) + (row.subsidy ?? 0));
    expect(new Map(d.byRule.filter((r) => r.rejectedRows > 0).map((r) => [r.rule, r.rejectedSum]))).toEqual(rules);
  });

  it('names the figures a manager reads, by hand', async () => {
    const d = await get<Dashboard>('/analytics/dashboard');
    // R4 is cancelled: its 9 999,99 ₽ is nowhere; R5's row without a subsidy counts as a row of 0
    expect(d.totals).toEqual({ declared: 100_001 + 250_050 + 33 + 1_999 + 777_777 + 5 + 123_456_789 + 1 + 4_242, agreed: 100_001 + 33 + 5, rejected: 250_050 + 1_999 + 123_456_789 + 1, pending: 777_777 + 4_242, rows: 10, registries: 4 });
    expect(d.byRule.find((r) => r.rule === '4')).toMatchObject({ title: '№4 Корректность ЭОТ', rejectedSum: 123_706_839, rejectedRows: 2, failedRows: 2 });
    expect(d.byRule.find((r) => r.rule === '9')).toMatchObject({ rejectedSum: 250_050, failedRows: 3 });
    expect(d.byRule.find((r) => r.rule === 'odn_over_living')?.title).toBe('Объем на ОДН больше объема в жилых помещениях');
    expect(d.byRule[0]?.rule).toBe('4');
    expect(d.workload.map((w) => [w.name, w.registries, w.onTime, w.late, w.open, w.overdue])).toEqual([
      ['Проверкин Иван Петрович', 2, 1, 0, 0, 1],
      ['Сверкина Мария Олеговна', 1, 0, 1, 0, 0],
    ]);
    // cancelled registries are counted by status
    expect(d.statusByMonth).toEqual([
      { period: '2025-12', counts: { Новый: 1 } },
      { period: '2026-01', counts: { Отменен: 1, Согласован: 1 } },
      { period: '2026-02', counts: { 'В работе': 1, 'Не согласован': 1 } },
    ]);
    expect(d.byMonth.map((m) => m.label)).toEqual(['декабрь 2025', 'январь 2026', 'февраль 2026']);
  });

  it('drills down from every figure to registries whose parts add up to it', async () => {
    for (const f of FILTERS) {
      const d = await get<Dashboard>(`/analytics/dashboard?${query(f)}`);
      for (const m of d.byMonth) {
        const drill = await get<DrillResult>(`/analytics/registries?${query({ ...f, from: m.key, to: m.key })}`);
        expect(drill.registries.every((r) => r.period === m.key)).toBe(true);
        for (const k of ['declared', 'agreed', 'rejected', 'pending', 'rows'] as const) expect(drill.registries.reduce((s, r) => s + r[k], 0)).toBe(m[k]);
      }
      for (const s of d.bySettlement) {
        const drill = await get<DrillResult>(`/analytics/registries?${query({ ...f, district: s.district ?? '', settlement: s.key })}`);
        expect(drill.registries.reduce((a, r) => a + r.declared, 0)).toBe(s.declared);
      }
      for (const r of d.byRule.filter((x) => x.rejectedRows > 0)) {
        const drill = await get<DrillResult>(`/analytics/registries?${query(f, { rule: r.rule })}`);
        expect(drill.registries.reduce((a, x) => a + (x.ruleRejected ?? 0), 0)).toBe(r.rejectedSum);
      }
      for (const w of d.workload) {
        for (const [outcome, n] of [['on-time', w.onTime], ['late', w.late], ['open', w.open], ['overdue', w.overdue]] as const) {
          const drill = await get<DrillResult>(`/analytics/registries?${query(f, { executor: String(w.executorId), deadline: outcome })}`);
          expect(drill.registries.length).toBe(n);
        }
      }
      for (const month of d.statusByMonth) {
        for (const [status, n] of Object.entries(month.counts)) {
          const drill = await get<DrillResult>(`/analytics/registries?${query({ ...f, from: month.period, to: month.period }, { status })}`);
          expect(drill.registries.map((r) => r.status)).toEqual(Array<string>(n).fill(status));
        }
      }
    }
    const late = await get<DrillResult>(`/analytics/registries?deadline=late`);
    expect(late.registries.map((r) => r.id)).toEqual([ids.R3]);
  });

  it('follows decisions and house moves without being told', async () => {
    const before = await get<Dashboard>('/analytics/dashboard');
    // a decision as the review commands take it: the row's status changes in place
    await db.sql`update registry_rows set status = 'Согласован', decision_reason = null where registry_id = ${ids.R2 ?? 0} and row_no = 1`;
    const after = await get<Dashboard>('/analytics/dashboard');
    expect(after.totals.agreed - before.totals.agreed).toBe(777_777);
    expect(after.totals.pending - before.totals.pending).toBe(-777_777);
    // a houses import moves house 2 to another settlement: its rows follow
    const [b] = await db.sql<{ id: string }[]>`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged) values ('houses', 'm.csv', 'm', 1, 0, 1, 0) returning id::text`;
    await db.sql`update houses set settlement = 'д. Новая', version = ${b?.id ?? '0'}::bigint where fias_id = ${FIXTURE_HOUSES[1].fias}`;
    const moved = await get<Dashboard>('/analytics/dashboard');
    expect(moved.bySettlement.find((s) => s.key === 'д. Новая')?.declared).toBe(250_050 + 5);
    expect(moved.bySettlement.find((s) => s.key === 'с. Ощепково')).toBeUndefined();
    await db.sql`update registry_rows set status = 'Требует решения' where registry_id = ${ids.R2 ?? 0} and row_no = 1`;
    await db.sql`update houses set settlement = 'с. Ощепково' where fias_id = ${FIXTURE_HOUSES[1].fias}`;
    await db.sql`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged) values ('houses', 'back.csv', 'b', 1, 0, 1, 0)`;
    await db.sql`update houses set version = (select max(id) from import_batches) where fias_id = ${FIXTURE_HOUSES[1].fias}`;
    expect(moneyOnly((await get<Dashboard>('/analytics/dashboard')).totals)).toEqual(moneyOnly(before.totals));
  });

  it('groups the table by any dimensions with exact totals, and exports the same to xlsx with the filters', async () => {
    const f: AnalyticsFilter = { service: 'ХВС' };
    const t = await get<SliceTable>(`/analytics/table?${query(f, { group: 'year,rso' })}`);
    const expected = slicesBy(f, (x) => `${x.reg.period.slice(0, 4)}|${x.reg.rso.name} (ИНН ${x.reg.rso.inn})`);
    expect(new Map(t.rows.map((r) => [r.keys.join('|'), moneyOnly(r)]))).toEqual(expected);
    expect(moneyOnly(t.totals)).toEqual(sum(rowsOf(f)));
    // every other dimension: months, districts, settlements, services and statuses, three at a time
    for (const [group, key] of [
      ['month,district,settlement', (x) => `${x.reg.period}|${oneDistrict(x.reg.district)}|${settlementOf(x.row.fias)}`],
      ['service,status,rso', (x) => `${x.reg.service}|${x.reg.status}|${x.reg.rso.name} (ИНН ${x.reg.rso.inn})`],
    ] as [string, (x: { reg: FixtureRegistry; row: FixtureRow }) => string][]) {
      const all = await get<SliceTable>(`/analytics/table?${query({}, { group })}`);
      expect(new Map(all.rows.map((r) => [r.keys.join('|'), moneyOnly(r)]))).toEqual(slicesBy({}, key));
      expect(all.rows).toHaveLength(slicesBy({}, key).size);
    }

    const res = await api.request(`/analytics/export.xlsx?${query(f, { group: 'year,rso' })}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Аналитика');
    if (!ws) throw new Error('no sheet');
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((r) => rows.push((r.values as ExcelJS.CellValue[]).slice(1)));
    expect(rows).toContainEqual(['Услуга', 'ХВС']);
    expect(rows).toContainEqual(['Период', 'весь']);
    const header = rows.findIndex((r) => r[0] === 'Год');
    expect(rows[header]).toEqual(['Год', 'РСО', 'Заявлено, ₽', 'Согласовано, ₽', 'Не согласовано, ₽', 'Требует решения, ₽', 'Строк', 'Реестров']);
    const total = rows.find((r) => r[0] === 'Итого');
    const kop = (v: ExcelJS.CellValue): number => Math.round(Number(v) * 100);
    expect(total?.slice(2).map((v, i) => (i < 4 ? kop(v) : v))).toEqual([t.totals.declared, t.totals.agreed, t.totals.rejected, t.totals.pending, t.totals.rows, t.totals.registries]);
    const body = rows.slice(header + 1, rows.length - 1);
    expect(body).toHaveLength(t.rows.length);
    expect(body.reduce((s, r) => s + kop(r[2] ?? 0), 0)).toBe(t.totals.declared);
  });

  it('shows one РСО over time: money, statuses, error rates by rule, volumes', async () => {
    const a = await get<RsoAnalytics>(`/analytics/rso/${RSO_A.inn}`);
    expect(a.name).toBe(RSO_A.name);
    expect(a.months.map((m) => [m.period, m.declared, m.agreed, m.byStatus])).toEqual([
      ['2026-01', 352_083, 100_034, { Согласован: 1 }],
      ['2026-02', 777_782, 5, { 'В работе': 1 }],
    ]);
    expect(a.rules.find((r) => r.rule === '9')).toMatchObject({ failedRows: 2, rate: 2 / 6, rejectedSum: 250_050 });
    expect(a.volumes).toEqual([
      { period: '2026-02', service: 'ТС', unit: 'Гкал', volume: '3.1235', rows: 2 },
      { period: '2026-01', service: 'ХВС', unit: 'куб. м', volume: '54.75', rows: 4 },
    ]);
    expect(a.registries.map((r) => r.id).sort()).toEqual([ids.R1, ids.R2].sort());
    const b = await get<RsoAnalytics>(`/analytics/rso/${RSO_B.inn}`);
    expect(b.totals.declared).toBe(123_456_790); // the cancelled January registry is not money
    expect(b.months.find((m) => m.period === '2026-01')?.byStatus).toEqual({ Отменен: 1 });
    expect((await api.request('/analytics/rso/7200000000', { headers: { cookie } })).status).toBe(404);
  });

  it('refuses bad filters with a Russian message naming the field', async () => {
    for (const q of ['from=2026-13', 'rso=123', 'group=year,nonsense', 'group=year,year']) {
      const path = q.startsWith('group') ? `/analytics/table?${q}` : `/analytics/dashboard?${q}`;
      const res = await api.request(path, { headers: { cookie } });
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('invalid_request');
      expect(body.message).toMatch(/^Некорректные данные запроса: (from|rso|group)/);
    }
  });

  it.each(['/analytics/options', '/analytics/dashboard', '/analytics/registries', '/analytics/table', '/analytics/export.xlsx', `/analytics/rso/${RSO_A.inn}`])(
    '%s serves managers, admins, analysts and reviewers, and nobody anonymous',
    async (path) => {
      expect((await api.request(path)).status).toBe(401);
      for (const [login, password] of [['manager', 'manager-demo'], ['admin', 'admin-demo'], ['analyst', 'analyst-demo'], ['reviewer', 'reviewer-demo']]) {
        const c = await signIn(api, login ?? '', password ?? '');
        expect((await api.request(path, { headers: { cookie: c } })).status, login).toBe(200);
      }
    },
  );

  it('offers only values some registry has', async () => {
    const o = await get<{ rsos: { inn: string }[]; districts: string[]; settlements: { settlement: string }[]; firstPeriod: string; lastPeriod: string; services: string[] }>('/analytics/options');
    expect([o.firstPeriod, o.lastPeriod]).toEqual(['2025-12', '2026-02']);
    expect(o.rsos).toHaveLength(3);
    expect(o.districts).toEqual(['', 'Абатский муниципальный район', 'город Тюмень']);
    expect(o.services).toEqual(['ТС', 'ХВС', 'ЭЭ']);
    expect(new Set(o.settlements.map((s) => s.settlement))).toEqual(new Set(['', 'с. Абатское', 'с. Ощепково', 'г. Тюмень']));
  });
  it('keeps the per-settlement sums equal to the rows through decisions, status changes, moves and deletion', async () => {
    // what analytics_settlement_cells must hold, aggregated live from the rows and houses
    const live = () => db.sql<Record<string, string>[]>`
      select to_char(r.period, 'YYYY-MM') as period,
             (case when r.municipal_district like '% и др.' then left(r.municipal_district, -6) else coalesce(r.municipal_district, '') end) as district,
             r.status as reg_status, coalesce(h.settlement, '') as settlement,
             count(distinct r.id)::text as registries, count(*)::text as rows, coalesce(sum(rr.subsidy), 0)::text as declared,
             coalesce(sum(rr.subsidy) filter (where rr.status = 'Согласован'), 0)::text as agreed,
             coalesce(sum(rr.subsidy) filter (where rr.status = 'Не согласован'), 0)::text as rejected,
             coalesce(sum(rr.subsidy) filter (where rr.status = 'Требует решения'), 0)::text as pending
      from registry_rows rr join registries r on r.id = rr.registry_id
      left join houses h on h.fias_id::text = lower(rr.fias_id)
      group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
    const kept = () => db.sql<Record<string, string>[]>`
      select to_char(period, 'YYYY-MM') as period, district, reg_status, settlement, registries::text, rows::text,
             declared::text, agreed::text, rejected::text, pending::text
      from analytics_settlement_cells order by 1, 2, 3, 4`;
    const same = async (): Promise<void> => {
      await get<Dashboard>('/analytics/dashboard');
      expect(await kept()).toEqual(await live());
    };
    await same();
    // a second registry in R1's group, then a decision, a cancellation, a move to another month, and deletion
    const [extra] = await db.sql<{ id: string }[]>`
      insert into registries (rso_inn, rso_name, service, period, status, municipal_district, file_name, rows_total)
      values (${RSO_B.inn}, ${RSO_B.name}, 'ГВС', '2026-01-01', 'Согласован', 'Абатский муниципальный район и др.', 'extra.xlsx', 2)
      returning id::text`;
    const id = Number(extra?.id);
    await db.sql`insert into registry_rows (registry_id, row_no, fias_id, subsidy, status, failed_rules)
      values (${id}, 1, ${FIXTURE_HOUSES[0].fias}, 1000003, 'Согласован', '{}'), (${id}, 2, ${FIXTURE_HOUSES[1].fias}, 7, 'Требует решения', '{}')`;
    await same();
    const abatskoe = async (): Promise<number> =>
      (await get<Dashboard>(`/analytics/dashboard?district=${encodeURIComponent('Абатский муниципальный район')}`)).bySettlement.find((x) => x.key === 'с. Абатское')?.declared ?? 0;
    expect(await abatskoe()).toBe(100_001 + 33 + 777_777 + 1_000_003);
    await db.sql`update registry_rows set status = 'Не согласован', decision_reason = 'проверка' where registry_id = ${id} and row_no = 2`;
    await same();
    await db.sql`update registries set status = 'Отменен' where id = ${id}`;
    await same();
    expect(await abatskoe()).toBe(100_001 + 33 + 777_777);
    await db.sql`update registries set status = 'Согласован', period = '2025-12-01', municipal_district = 'город Тюмень' where id = ${id}`;
    await same();
    await db.sql`delete from registries where id = ${id}`;
    await same();
    expect(await abatskoe()).toBe(100_001 + 33 + 777_777);
  });
});
