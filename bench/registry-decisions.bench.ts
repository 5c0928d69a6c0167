/**
 * Issue 4's figures on the server: intake of a 30,000-row registry (read, nine checks plus low-code rules in the
 * check thread, stored with every verdict) and bulk agreement of its 30,000 rows with the audit record (target
 * ≤ 1 s), then the columnar rows payload the review page loads. Embedded Postgres always; DATABASE_URL too.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { divRoundHalfUp } from '../formulas/money.ts';
import { readReference } from '../formulas/reference/read-reference.ts';
import { readCsv } from '../formulas/table/csv.ts';
import { normalizeName } from '../formulas/table/normalize.ts';
import { referenceSpecs, registrySpec } from '../templates/index.ts';
import { ensureFirstUsers } from '../server/auth/users.ts';
import type { SessionUser } from '../server/contract/auth.ts';
import { importReference } from '../server/reference/import-reference.ts';
import { closeChecks } from '../server/checks/check-runner.ts';
import { agreeClean, decideRows, take } from '../server/registries/commands.ts';
import { registerRegistry } from '../server/registries/intake.ts';
import { registryRowsPayload } from '../server/registries/rows.ts';
import { openMigrated, testDatabases } from '../server/testing/databases.ts';
import { benchRegion, millis, seconds } from './region.ts';

const ROWS = 30_000;
const dir = await benchRegion(Number(process.env.BENCH_HOUSES ?? 20_000));
const refFile = (kind: 'houses' | 'tariffs' | 'organisations') => readFileSync(join(dir, 'reference', `${kind}.csv`));
const houses = readReference('houses', referenceSpecs.houses, readCsv(refFile('houses')), 'houses').records;
const tariffs = readReference('tariffs', referenceSpecs.tariffs, readCsv(refFile('tariffs')), 'tariffs').records;

// the РСО and service with the most decisions; its houses first, every row a clean one for that house
const byRso = new Map<string, number>();
for (const t of tariffs) byRso.set(`${t.rso_inn}|${t.service}`, (byRso.get(`${t.rso_inn}|${t.service}`) ?? 0) + 1);
const [rsoInn, service] = ([...byRso.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '|').split('|') as [string, string];
const valid = tariffs.filter((t) => t.rso_inn === rsoInn && t.service === service && t.valid_from <= '2026-10-01' && (t.valid_to === null || t.valid_to >= '2026-10-31'));
const districts = new Set(valid.map((t) => normalizeName(t.municipal_district)));
const ordered = [...houses].sort((a, b) => Number(districts.has(normalizeName(b.municipal_district))) - Number(districts.has(normalizeName(a.municipal_district))));
const fmt = (v: number): string => (v / 10_000).toFixed(4).replace('.', ',');
const lines = [`Наименование РСО;РСО для замера`, `ИНН РСО;${rsoInn}`, `Услуга;${service}`, 'Отчетный период;октябрь 2026', '', registrySpec.columns.map((c) => c.title).join(';')];
for (let k = 0; k < ROWS; k++) {
  const h = ordered[k % ordered.length];
  if (!h) break;
  const t = valid.find((x) => normalizeName(x.municipal_district) === normalizeName(h.municipal_district)) ?? valid[0];
  const eot = t?.eot ?? 488_000;
  const lt = t?.lt ?? 417_300;
  const v = 10_000 * (5 + (k % 200) / 10);
  const subsidy = Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(v), 1_000_000n));
  lines.push([k + 1, h.address.replace(/;/g, ','), h.fias_id, 'с -- по --', h.municipal_district, '', '', t?.tariff_kind ?? '', fmt(eot), fmt(lt), fmt(v), '0', (subsidy / 100).toFixed(2).replace('.', ',')].join(';'));
}
const csv = new TextEncoder().encode(lines.join('\n'));

// BENCH_ONLY=PostgreSQL (or =embedded) runs one database only
for (const target of testDatabases().filter((t) => !process.env.BENCH_ONLY || t.name.includes(process.env.BENCH_ONLY))) {
  const db = await openMigrated(target);
  const sql = db.sql;
  await ensureFirstUsers(sql, { demo: true });
  for (const kind of ['organisations', 'houses', 'tariffs'] as const) {
    const r = await importReference(sql, { kind, fileName: `${kind}.csv`, bytes: refFile(kind), actorId: null });
    if (!r.ok) throw new Error(`${kind}: ${r.problems[0]?.message ?? ''}`);
  }
  const [u] = await sql<{ id: number }[]>`select id from users where login = 'reviewer'`;
  const reviewer: SessionUser = { id: u?.id ?? 0, login: 'reviewer', fullName: 'Проверкин Иван Петрович', role: 'reviewer' };

  let t = performance.now();
  const outcome = await registerRegistry(sql, { fileName: 'registry-30k.csv', bytes: csv, form: {}, actorId: reviewer.id });
  const intakeMs = performance.now() - t;
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('\n'));
  const id = outcome.registryId;
  await take(sql, id, reviewer, undefined);

  t = performance.now();
  const payload = await registryRowsPayload(sql, id);
  const rowsMs = performance.now() - t;

  t = performance.now();
  const clean = await agreeClean(sql, id, reviewer, 'бенчмарк');
  const cleanMs = performance.now() - t;
  // the rest (check 7 flags the houses the 30,000 rows repeat) in one bulk decision of every row
  t = performance.now();
  const changed = await decideRows(sql, id, reviewer, { rows: payload.rowNo, decision: 'Согласован', reason: 'бенчмарк' });
  const bulkMs = performance.now() - t;
  const [check] = await sql<{ agreed: number; decisions: number; audited: number }[]>`
    select (select rows_agreed from registries where id = ${id}) as agreed, (select count(*)::int from row_decisions where registry_id = ${id}) as decisions,
      (select coalesce(sum(coalesce((payload->>'count')::int, jsonb_array_length(payload->'rows'))), 0)::int from audit_log where entity = 'registry' and entity_id = ${String(id)} and action in ('registry.decide', 'registry.agree_clean')) as audited`;
  // a fresh registry, agreed in one request from undecided: the issue's «bulk agreement of 30,000 rows»
  t = performance.now();
  const second = await registerRegistry(sql, { fileName: 'registry-30k-correction.csv', bytes: csv, form: { isCorrection: true }, actorId: reviewer.id });
  const secondMs = performance.now() - t;
  if (!second.ok) throw new Error('second registry not read');
  await take(sql, second.registryId, reviewer, undefined);
  t = performance.now();
  const all = await decideRows(sql, second.registryId, reviewer, { rows: payload.rowNo, decision: 'Согласован', reason: 'бенчмарк' });
  const allMs = performance.now() - t;

  console.log(`${target.name}: ${ROWS} rows (${rsoInn}, ${service}), reference ${houses.length} houses; load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(`  intake (read + checks in the thread + store rows, verdicts, payload, file, audit): ${seconds(intakeMs)}; checks alone ${millis(outcome.checkMs)}, storing ${millis(outcome.storeMs)}`);
  console.log(`  intake of its correction (checks 7 and 9 read the first one's 30,000 rows as history): ${seconds(secondMs)}; checks alone ${millis(second.checkMs)}, storing ${millis(second.storeMs)}`);
  console.log(`  rows payload (one query, columns): ${millis(rowsMs)}, ${payload.count} rows`);
  console.log(`  agree-clean: ${clean} rows in ${millis(cleanMs)}; then the other ${changed} in one decision: ${millis(bulkMs)}`);
  console.log(`  bulk agreement of all ${all} rows with audit, one request: ${millis(allMs)} (target ≤ 1000 ms)`);
  console.log(`  consistency: rows_agreed ${check?.agreed}, row_decisions ${check?.decisions}, rows in audit ${check?.audited}`);
  await db.close();
}
await closeChecks();
