import type { Sql } from '../db/database.ts';

/**
 * A small hand-made region for analytics tests: three houses in two districts, three РСО, five registries in every
 * kind of state, rows with and without failed rules. Inserted with plain SQL (the intake is not under test here);
 * the tests compute what the figures must be from these arrays, independently of the SQL.
 */
export const FIXTURE_HOUSES = [
  { fias: 'a0000000-0000-4000-8000-000000000001', district: 'Абатский муниципальный район', settlement: 'с. Абатское' },
  { fias: 'a0000000-0000-4000-8000-000000000002', district: 'Абатский муниципальный район', settlement: 'с. Ощепково' },
  { fias: 'a0000000-0000-4000-8000-000000000003', district: 'город Тюмень', settlement: 'г. Тюмень' },
] as const;

export const RSO_A = { inn: '7203000011', name: 'ООО «Водоканал Абатский»' };
export const RSO_B = { inn: '7204000022', name: 'АО «Тюменские тепловые сети»' };
export const RSO_C = { inn: '7205000033', name: 'ПАО «Энергосбыт»' };

export interface FixtureRow {
  fias: string;
  subsidy: number | null;
  status: 'Требует решения' | 'Согласован' | 'Не согласован';
  failed: string[];
  vLiving: string;
  vOdn: string;
}

export interface FixtureRegistry {
  key: string;
  rso: { inn: string; name: string };
  service: string;
  period: string;
  status: string;
  district: string | null;
  executor: 'reviewer' | 'reviewer2' | null;
  checkDeadline: string | null;
  completedAt: string | null;
  rows: FixtureRow[];
}

const [H1, H2, H3] = FIXTURE_HOUSES.map((h) => h.fias) as [string, string, string];
const row = (fias: string, subsidy: number | null, status: FixtureRow['status'], failed: string[] = [], vLiving = '1.0000', vOdn = '0.0000'): FixtureRow => ({ fias, subsidy, status, failed, vLiving, vOdn });

export const FIXTURE_REGISTRIES: FixtureRegistry[] = [
  {
    key: 'R1', rso: RSO_A, service: 'ХВС', period: '2026-01', status: 'Согласован', district: 'Абатский муниципальный район',
    executor: 'reviewer', checkDeadline: '2026-02-10', completedAt: '2026-02-10T17:30:00Z', // 22:30 in Tyumen: on time
    rows: [
      row(H1, 100_001, 'Согласован', [], '12.5000', '0.2500'),
      row(H2, 250_050, 'Не согласован', ['4', '9'], '40.0000'),
      row(H1, 33, 'Согласован', ['7']),
      row('not-a-guid', 1_999, 'Не согласован', ['1']),
    ],
  },
  {
    key: 'R2', rso: RSO_A, service: 'ТС', period: '2026-02', status: 'В работе', district: 'Абатский муниципальный район и др.',
    executor: 'reviewer', checkDeadline: '2026-03-05', completedAt: null, // long past: overdue
    rows: [row(H1, 777_777, 'Требует решения', ['9'], '3.1234'), row(H2, 5, 'Согласован', [], '0.0001')],
  },
  {
    key: 'R3', rso: RSO_B, service: 'ХВС', period: '2026-02', status: 'Не согласован', district: 'город Тюмень',
    executor: 'reviewer2', checkDeadline: '2026-03-01', completedAt: '2026-03-02T19:00:00Z', // 3 March in Tyumen: late
    rows: [row(H3, 123_456_789, 'Не согласован', ['4']), row(H3, 1, 'Не согласован', [])],
  },
  {
    key: 'R4', rso: RSO_B, service: 'ХВС', period: '2026-01', status: 'Отменен', district: 'город Тюмень',
    executor: null, checkDeadline: null, completedAt: null,
    rows: [row(H3, 999_999, 'Требует решения', ['8'])],
  },
  {
    key: 'R5', rso: RSO_C, service: 'ЭЭ', period: '2025-12', status: 'Новый', district: null,
    executor: null, checkDeadline: '2099-01-15', completedAt: null,
    rows: [row(H3.toUpperCase(), 4_242, 'Требует решения', ['9', 'odn_over_living'], '10.0000', '11.0000'), row(H1, null, 'Требует решения', ['8'])],
  },
];

/** Inserts the fixture; returns registry ids by key. Needs the demo users (ensureFirstUsers) for executors. */
export async function insertAnalyticsFixture(sql: Sql): Promise<Record<string, number>> {
  const [batch] = await sql<{ id: string }[]>`
    insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged)
    values ('houses', 'fixture.csv', 'fixture', 3, 3, 0, 0) returning id::text`;
  for (const h of FIXTURE_HOUSES) {
    const [m] = await sql<{ id: number }[]>`
      insert into municipalities (name, name_key) values (${h.district}, ${h.district.toLowerCase()})
      on conflict (name_key) do update set name = excluded.name returning id`;
    await sql`insert into houses (fias_id, address, municipality_id, oktmo, settlement, house_type, version)
      values (${h.fias}, ${`${h.settlement}, ул. Ленина, д. 1`}, ${m?.id ?? 0}, '71603402101', ${h.settlement}, 'МКД', ${batch?.id ?? '0'}::bigint)`;
  }
  const ids: Record<string, number> = {};
  for (const r of FIXTURE_REGISTRIES) {
    const [reg] = await sql<{ id: string }[]>`
      insert into registries (rso_inn, rso_name, service, period, status, municipal_district, executor_id, check_deadline,
                              completed_at, file_name, declared_sum, rows_total)
      values (${r.rso.inn}, ${r.rso.name}, ${r.service}, ${`${r.period}-01`}::date, ${r.status}, ${r.district},
              ${r.executor ? sql`(select id from users where login = ${r.executor})` : null}, ${r.checkDeadline}::date,
              ${r.completedAt}::timestamptz, ${`${r.key}.xlsx`},
              ${r.rows.reduce((s, x) => s + (x.subsidy ?? 0), 0)}, ${r.rows.length})
      returning id::text`;
    const id = Number(reg?.id);
    ids[r.key] = id;
    await sql`
      insert into registry_rows (registry_id, row_no, fias_id, subsidy, status, failed_rules, v_living, v_odn, decision_reason)
      select ${id}, n, f, s, st, string_to_array(fr, ','), vl::numeric, vo::numeric, case when st = 'Не согласован' then 'проверка' end
      from unnest(${r.rows.map((_, i) => i + 1)}::int[], ${r.rows.map((x) => x.fias)}::text[], ${r.rows.map((x) => x.subsidy)}::bigint[],
                  ${r.rows.map((x) => x.status)}::text[], ${r.rows.map((x) => x.failed.join(','))}::text[],
                  ${r.rows.map((x) => x.vLiving)}::text[], ${r.rows.map((x) => x.vOdn)}::text[]) as t(n, f, s, st, fr, vl, vo)`;
  }
  return ids;
}

/** The district a registry counts under: «X и др.» (rows in several districts) is X, one entry with X's own. */
export const oneDistrict = (district: string | null): string => (district ?? '').replace(/\s+и др\.?$/, '');
