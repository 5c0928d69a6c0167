/**
 * Issue 7's figures: the dashboard's queries over three years of a 200,000-house region (≈ 1,300 registries a
 * year, rows per registry skewed as in life: most a few hundred, a few tens of thousands), generated straight into
 * Postgres with set-based SQL (this measures queries, not intake). Prints the time to build the summaries, the
 * first dashboard load once they are built (target ≤ 1 s, issue 12), to
 * re-sum after a decision on a 30,000-row registry, and each dashboard query under several filters (target
 * ≤ 300 ms each). Runs on DATABASE_URL (a fresh database it creates and drops) and on the embedded Postgres;
 * BENCH_ANALYTICS_SCALE (default 1) scales the rows, BENCH_ANALYTICS_EMBEDDED_SCALE (default 0.05) the embedded run's
 * (PGlite is single-threaded and several times slower to fill; the machine is shared).
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { ensureFirstUsers } from '../server/auth/users.ts';
import { dashboard, DASHBOARD_QUERIES } from '../server/analytics/dashboard.ts';
import { filterOptions } from '../server/analytics/options.ts';
import { drillRegistries } from '../server/analytics/drill.ts';
import { readAnalytics } from '../server/analytics/read.ts';
import { refreshAnalytics } from '../server/analytics/refresh.ts';
import { sliceTable } from '../server/analytics/table.ts';
import type { AnalyticsFilter } from '../server/contract/analytics.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { millis, seconds } from './region.ts';

const HOUSES = 200_000;
const DISTRICTS = 26;
const SETTLEMENTS_PER_DISTRICT = 20;
const RSOS = 100;
const MONTHS = 36;
const REGISTRIES_PER_MONTH = 108; // ≈ 1,300 a year
const SERVICES = ['ХВС', 'ГВС', 'ВО', 'ТС', 'ЭЭ', 'Газ'];

async function generate(sql: postgres.Sql, scale: number): Promise<{ registries: number; rows: number; ms: number }> {
  const t = performance.now();
  await ensureFirstUsers(sql, { demo: true });
  await sql`insert into users (login, full_name, role, password_hash)
    select 'bench-reviewer-' || g, 'Проверяющий ' || g, 'reviewer', 'x' from generate_series(1, 6) g`;
  const [batch] = await sql<{ id: string }[]>`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged)
    values ('houses', 'bench', 'bench', ${HOUSES}, ${HOUSES}, 0, 0) returning id::text`;
  await sql`insert into municipalities (name, name_key)
    select 'Район ' || d || ' муниципальный район', 'район ' || d from generate_series(0, ${DISTRICTS - 1}) d`;
  // house k lies in district k % 26, settlement (k / 26) % 20 of it
  await sql`insert into houses (fias_id, address, municipality_id, oktmo, settlement, house_type, version)
    select ('a0000000-0000-4000-8000-' || lpad(k::text, 12, '0'))::uuid, 'ул. Бенчмарочная, д. ' || k,
           (select id from municipalities where name_key = 'район ' || (k % ${DISTRICTS})), '71603402101',
           'нп ' || (k % ${DISTRICTS}) || '-' || ((k / ${DISTRICTS}) % ${SETTLEMENTS_PER_DISTRICT}), case when k % 5 = 0 then 'ЖД' else 'МКД' end,
           ${batch?.id ?? '0'}::bigint
    from generate_series(0, ${HOUSES - 1}) k`;
  // registries: month m, slot s; РСО, service and district fixed per slot; statuses as in the seed's list
  await sql`
    insert into registries (rso_inn, rso_name, service, period, status, municipal_district, executor_id, registered_at,
                            check_deadline, completed_at, file_name, rows_total)
    select lpad((7200000000 + (s % ${RSOS}))::text, 10, '0'), 'РСО № ' || (s % ${RSOS}), (${SERVICES}::text[])[1 + s % ${SERVICES.length}],
           (date '2023-12-01' + make_interval(months => m))::date,
           st.status, 'Район ' || (s % ${DISTRICTS}) || ' муниципальный район',
           case when st.status in ('Новый', 'Отказано в регистрации') then null
                else (select id from users where role = 'reviewer' order by id offset (s % 8) limit 1) end,
           reg.at, (reg.at + interval '7 days')::date,
           case when st.status in ('Согласован', 'Не согласован') then reg.at + make_interval(days => 1 + (m * 7 + s) % 9) end,
           'bench-' || m || '-' || s || '.xlsx', 0
    from generate_series(0, ${MONTHS - 1}) m, generate_series(0, ${REGISTRIES_PER_MONTH - 1}) s,
         lateral (select (date '2023-12-01' + make_interval(months => m + 1, days => 4 + s % 5))::timestamptz as at) reg,
         lateral (select case
           when m = ${MONTHS - 1} and s % 3 = 0 then 'Новый'
           when m = ${MONTHS - 1} then 'В работе'
           when (m * 31 + s) % 100 < 17 then 'Отказано в регистрации'
           when (m * 31 + s) % 500 = 0 then 'Отменен'
           when (m * 31 + s) % 100 < 32 then 'Не согласован'
           else 'Согласован' end as status) st`;
  // rows: most registries a few hundred, 1 in 60 between 10,000 and 30,000
  await sql`update registries set rows_total = greatest(1, round(${scale} * case
      when id % 60 = 0 then 10000 + (id * 7919) % 20000
      else 30 + 2800 * power(((id * 104729) % 1000) / 1000.0, 3) end))`;
  await sql`
    insert into registry_rows (registry_id, row_no, fias_id, subsidy, status, failed_rules, v_living, v_odn, decision_reason)
    select r.id, g,
           ('a0000000-0000-4000-8000-' || lpad((d.k + ${DISTRICTS} * ((r.id * 37 + g) % ${Math.floor(HOUSES / DISTRICTS)}))::text, 12, '0')),
           100 + (r.id * 7919 + g::bigint * 104729) % 500000,
           x.status, x.failed, ((r.id + g) % 400) / 10.0, ((r.id * g) % 30) / 10.0,
           case when x.status = 'Не согласован' then 'ошибка в расчёте' end
    from registries r
    cross join lateral (select (regexp_match(r.municipal_district, '\\d+'))[1]::int as k) d
    cross join lateral generate_series(1, r.rows_total) g
    cross join lateral (select (r.id * 31 + g * 17) % 100 as h) hh
    cross join lateral (select
        case when hh.h < 8 then array[(1 + (r.id + g) % 9)::text] || case when hh.h < 2 then array['9'] else '{}'::text[] end
             else '{}'::text[] end as failed) f
    cross join lateral (select f.failed, case
        when r.status = 'Новый' or r.status = 'Отказано в регистрации' or r.status = 'Отменен' then 'Требует решения'
        when r.status = 'В работе' then case when hh.h < 40 then 'Согласован' when hh.h < 44 then 'Не согласован' else 'Требует решения' end
        when cardinality(f.failed) > 0 and (r.status = 'Не согласован' or hh.h < 6) then 'Не согласован'
        when r.status = 'Не согласован' and hh.h < 50 then 'Не согласован'
        else 'Согласован' end as status) x`;
  const [n] = await sql<{ registries: number; rows: number }[]>`
    select (select count(*)::int from registries) as registries, (select count(*)::int from registry_rows) as rows`;
  await sql`analyze`;
  return { registries: n?.registries ?? 0, rows: n?.rows ?? 0, ms: performance.now() - t };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timeQuery(sql: postgres.Sql, run: (tx: postgres.TransactionSql) => Promise<unknown>, repeat: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    times.push(await readAnalytics(sql, async (tx) => {
      const t = performance.now();
      await run(tx);
      return performance.now() - t;
    }));
  }
  return median(times);
}

async function benchOn(name: string, db: Database, scale: number): Promise<void> {
  const sql = db.sql;
  await migrate(sql);
  const gen = await generate(sql, scale);
  console.log(`\n${name}: ${gen.registries.toLocaleString('ru-RU')} registries, ${gen.rows.toLocaleString('ru-RU')} rows generated in ${seconds(gen.ms)}`);

  let t = performance.now();
  const summed = await refreshAnalytics(sql);
  const buildMs = performance.now() - t;
  const [cells] = await sql<{ cells: number; rule_cells: number }[]>`
    select (select count(*)::int from analytics_cells) as cells, (select count(*)::int from analytics_rule_cells) as rule_cells`;
  await sql`analyze analytics_cells`;
  await sql`analyze analytics_rule_cells`;
  console.log(`summaries of ${summed} registries built in ${seconds(buildMs)}: ${cells?.cells} cells, ${cells?.rule_cells} rule cells`);

  // the first dashboard load as a manager's browser makes it, the summaries having been built at intake and by
  // decisions (routes and the demo loader call refreshSoon): GET /analytics/options and GET /analytics/dashboard
  t = performance.now();
  await readAnalytics(sql, filterOptions);
  const optionsMs = performance.now() - t;
  const first = await readAnalytics(sql, (tx) => dashboard(tx, {}));
  const firstMs = performance.now() - t;
  console.log(`${name}: first dashboard load (options + dashboard, summaries built at intake): ${millis(firstMs)} (target ≤ 1 s); options ${millis(optionsMs)}, dashboard's queries (ms): ${JSON.stringify(first.timings)}`);

  // a decision on the largest registry: every row agreed, then the next request re-sums that registry only
  const [big] = await sql<{ id: string; n: number }[]>`select id::text, rows_total as n from registries where status = 'В работе' order by rows_total desc limit 1`;
  t = performance.now();
  await sql`update registry_rows set status = 'Согласован', decision_reason = null where registry_id = ${big?.id ?? '0'}::bigint and status = 'Требует решения'`;
  const decideMs = performance.now() - t;
  t = performance.now();
  const resummed = await refreshAnalytics(sql);
  console.log(`decision on a ${big?.n}-row registry: update with the stale-marking trigger ${millis(decideMs)}; next refresh re-summed ${resummed} registry in ${millis(performance.now() - t)}`);

  const [some] = await sql<{ inn: string; district: string; settlement: string }[]>`
    select r.rso_inn as inn, r.municipal_district as district, c.settlement from analytics_cells c join registries r on r.id = c.registry_id
    group by 1, 2, 3 order by sum(c.rows) desc limit 1`;
  const filters: [string, AnalyticsFilter][] = [
    ['everything', {}],
    ['one year', { from: '2025-01', to: '2025-12' }],
    ['one РСО', { rso: some?.inn }],
    ['district + settlement', { district: some?.district, settlement: some?.settlement }],
    ['service + quarter', { service: 'ТС', from: '2026-01', to: '2026-03' }],
  ];
  const table: Record<string, Record<string, string>> = {};
  const worst: Record<string, number> = {};
  const queries: [string, (tx: postgres.TransactionSql, f: AnalyticsFilter) => Promise<unknown>][] = [
    ...Object.entries(DASHBOARD_QUERIES),
    ['drill: a month', (tx, f) => drillRegistries(tx, { ...f, from: '2025-06', to: '2025-06' }, {})],
    ['drill: rule 4', (tx, f) => drillRegistries(tx, f, { rule: '4' })],
    ['table: year × РСО × settlement', (tx, f) => sliceTable(tx, f, ['year', 'rso', 'settlement'])],
  ];
  for (const [q, run] of queries) {
    const row: Record<string, string> = {};
    for (const [label, f] of filters) {
      const ms = await timeQuery(sql, (tx) => run(tx, f), 3);
      row[label] = millis(ms);
      worst[q] = Math.max(worst[q] ?? 0, ms);
    }
    table[q] = row;
  }
  console.log(`${name}: median of 3 runs per query and filter (target ≤ 300 ms each)`);
  console.table(table);
  const over = Object.entries(worst).filter(([, ms]) => ms > 300);
  console.log(over.length === 0 ? `${name}: every query within 300 ms (slowest ${millis(Math.max(...Object.values(worst)))})` : `${name}: over 300 ms: ${over.map(([q, ms]) => `${q} ${millis(ms)}`).join(', ')}`);
}

const url = process.env.DATABASE_URL;
if (url) {
  const dbName = `sverka_bench_analytics_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const target = new URL(url);
  target.pathname = `/${dbName}`;
  const db = await openDatabase({ url: target.toString(), max: 4 });
  try {
    await benchOn('PostgreSQL (DATABASE_URL)', db, Number(process.env.BENCH_ANALYTICS_SCALE ?? 1));
  } finally {
    await db.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
} else {
  console.log('DATABASE_URL not set: the real-Postgres run is skipped');
}
if (process.env.BENCH_ANALYTICS_EMBEDDED !== '0') {
  const db = await openDatabase({});
  try {
    await benchOn('embedded PGlite', db, Number(process.env.BENCH_ANALYTICS_EMBEDDED_SCALE ?? 0.05));
  } finally {
    await db.close();
  }
}
