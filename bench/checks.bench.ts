/**
 * Issue 3's figures: a 30,000-row registry against the 200,000-house demo reference with 12 months of
 * history — parse time of the xlsx, check time in a worker thread, the engine in-thread, and a plain
 * hand-written loop doing the same lookups, with their ratio. Issue 14's: the same houses as a ВО registry,
 * checked against the ХВС and ГВС registries of its month, with the ten checks and with the nine before check 10.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCheckService } from '../formulas/checks/check-service.ts';
import { buildHistoryIndex, periodServiceKey, rowVolumes, type OtherRegistry } from '../formulas/checks/history-index.ts';
import { ruleParams } from '../formulas/checks/params.ts';
import { ALL_SETTLEMENTS, buildReferenceIndex, tariffKey, type ReferenceData } from '../formulas/checks/reference-index.ts';
import { runChecks } from '../formulas/checks/engine.ts';
import { BUILT_IN_RULES } from '../formulas/checks/rules/index.ts';
import { linkedVolumesRule } from '../formulas/checks/rules/r10-linked-volumes.ts';
import { divRoundHalfUp } from '../formulas/money.ts';
import { parseDate } from '../formulas/parse/date.ts';
import { readReference } from '../formulas/reference/read-reference.ts';
import { shiftPeriod } from '../formulas/registry/period.ts';
import { serviceDictionary } from '../formulas/registry/services.ts';
import type { RegistryRows } from '../formulas/registry/types.ts';
import { readCsv } from '../formulas/table/csv.ts';
import { normalizeName } from '../formulas/table/normalize.ts';
import { defaultRuleSet, referenceSpecs, registrySpec, serviceSpecs } from '../templates/index.ts';
import { startCheckThread } from '../server/checks/check-thread.ts';
import { benchRegion, millis, seconds } from './region.ts';

const ROWS = 30_000;
const dir = await benchRegion(Number(process.env.BENCH_HOUSES ?? 200_000));
const services = serviceDictionary(serviceSpecs);
const read = <K extends 'houses' | 'tariffs' | 'organisations'>(kind: K) =>
  readReference(kind, referenceSpecs[kind], readCsv(readFileSync(join(dir, 'reference', `${kind}.csv`))), kind).records;
const reference: ReferenceData = { houses: read('houses'), tariffs: read('tariffs'), organisations: read('organisations') };

// the РСО and service with the most tariff decisions, and 30,000 houses of its districts (or any, to fill up)
const byRso = new Map<string, number>();
for (const t of reference.tariffs) byRso.set(`${t.rso_inn}|${t.service}`, (byRso.get(`${t.rso_inn}|${t.service}`) ?? 0) + 1);
const [rsoInn, service] = ([...byRso.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '|').split('|') as [string, string];
const tariffsOf = reference.tariffs.filter((t) => t.rso_inn === rsoInn && t.service === service && t.valid_from <= '2026-10-01' && (t.valid_to === null || t.valid_to >= '2026-10-31'));
const districts = new Set(tariffsOf.map((t) => normalizeName(t.municipal_district)));
const houses = [...reference.houses].sort((a, b) => Number(districts.has(normalizeName(b.municipal_district))) - Number(districts.has(normalizeName(a.municipal_district)))).slice(0, ROWS);
const volumeOf = (k: number, month: number): number => 10_000 * (5 + ((k * 7919 + month * 104_729) % 200) / 10);

const header = registrySpec.columns.map((c) => c.title);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Реестр');
ws.addRow(['Наименование РСО', 'РСО для замера']);
ws.addRow(['ИНН РСО', rsoInn]);
ws.addRow(['Услуга', service]);
ws.addRow(['Отчетный период', 'октябрь 2026']);
ws.addRow([]);
ws.addRow(header);
houses.forEach((h, k) => {
  const t = tariffsOf.find((x) => normalizeName(x.municipal_district) === normalizeName(h.municipal_district)) ?? tariffsOf[0];
  const eot = t?.eot ?? 488_000;
  const lt = t?.lt ?? 417_300;
  const v = volumeOf(k, 10);
  const subsidy = Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(v), 1_000_000n));
  ws.addRow([k + 1, h.address, h.fias_id, 'с -- по --', h.municipal_district, '', h.commissioned ? `${h.commissioned.slice(8, 10)}.${h.commissioned.slice(5, 7)}.${h.commissioned.slice(0, 4)}` : '', t?.tariff_kind ?? '', eot / 10_000, lt / 10_000, v / 10_000, 0, subsidy / 100]);
});
const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());

// 12 months of history for every house, plus the other registries of the month (another РСО, 1,000 rows)
const others: OtherRegistry[] = [];
for (let m = 1; m <= 12; m++) {
  const p = shiftPeriod({ key: '2026-10', year: 2026, month: 10, first: '2026-10-01', last: '2026-10-31' }, m);
  const vl = Float64Array.from(houses, (_, k) => volumeOf(k, m));
  others.push({ id: `h${m}`, label: `история ${p.key}`, service, period: p.key, fias: houses.map((h) => h.fias_id), fileRow: Int32Array.from(houses, (_, k) => k + 7), volume: rowVolumes(vl, new Float64Array(ROWS)) });
}
others.push({ id: 'other', label: 'другая РСО', service, period: '2026-10', fias: houses.slice(0, 1000).map((h) => h.fias_id), fileRow: Int32Array.from({ length: 1000 }, (_, k) => k + 7), volume: new Float64Array(1000).fill(10_000) });

const local = createCheckService();
local.configure({ registry: registrySpec, services: serviceSpecs });
let t = performance.now();
const parsed = await local.read('registry-30k.xlsx', xlsx);
const parseMs = performance.now() - t;
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
const { meta, rows } = parsed;

// in a worker thread, as the server runs it at intake (indexes built once per version, not timed per check)
const thread = await startCheckThread();
t = performance.now();
await thread.api.setReference('bench', reference);
await thread.api.setHistory('bench', others);
const indexMs = performance.now() - t;
await thread.api.open('r', { meta, rows });
const nineOnly = { ...defaultRuleSet, custom: [] };
await thread.api.setRuleSet(nineOnly);
for (let k = 0; k < 3; k++) await thread.api.check('r'); // warm-up: let the worker's JIT settle
await thread.api.setRuleSet(defaultRuleSet);
for (let k = 0; k < 3; k++) await thread.api.check('r');
// the nine alone and with the default rule set's low-code rules, interleaved so that load shared by both
const workerRuns: number[] = [];
const workerOwn: number[] = [];
const withRulesOwn: number[] = [];
for (let k = 0; k < 15; k++) {
  await thread.api.setRuleSet(nineOnly);
  t = performance.now();
  const r = await thread.api.check('r');
  workerRuns.push(performance.now() - t);
  workerOwn.push(r.elapsedMs);
  await thread.api.setRuleSet(defaultRuleSet);
  withRulesOwn.push((await thread.api.check('r')).elapsedMs);
}
await thread.close();

// the same engine in this thread, and the plain loop it is measured against
const refIndex = buildReferenceIndex(reference, services);
const history = buildHistoryIndex(others);
const params = ruleParams(defaultRuleSet);
const engineRuns: number[] = [];
for (let k = 0; k < 6; k++) {
  t = performance.now();
  runChecks({ meta, rows, reference: refIndex, history, params }, { unit: services.unit(service) });
  if (k > 0) engineRuns.push(performance.now() - t);
}

/** The same lookups and arithmetic written straight, with no rule objects and no reasons. */
function plainLoop(r: RegistryRows): Uint8Array {
  const out = new Uint8Array(r.count * 9);
  const own = new Map<string, number>();
  for (let i = 0; i < r.count; i++) own.set(r.fiasId[i] ?? '', (own.get(r.fiasId[i] ?? '') ?? 0) + 1);
  const keys = new Map<string, string>();
  const p = meta.period;
  const months = Array.from({ length: 12 }, (_, k) => shiftPeriod(p, k + 1).key);
  const claims = history.claims.get(periodServiceKey(p.key, meta.service));
  const volumes = history.volumes.get(meta.service);
  for (let i = 0; i < r.count; i++) {
    const fias = r.fiasId[i] ?? '';
    const h = refIndex.houses.get(fias);
    out[i * 9] = h ? 1 : 2;
    const terr = r.territory[i] ?? '';
    let dk = keys.get(terr);
    if (dk === undefined) keys.set(terr, (dk = normalizeName(terr)));
    out[i * 9 + 1] = h ? (dk === h.districtKey ? 1 : 2) : 3;
    const d = r.commissioned[i] ? parseDate(r.commissioned[i] ?? '') : null;
    const date = d?.ok ? d.value.iso : null;
    out[i * 9 + 2] = !d ? 3 : date && date <= p.last ? 1 : 2;
    const c = (refIndex.tariffs.get(tariffKey(meta.rsoInn, meta.service, dk)) ?? []).filter((x) => x.validFrom <= p.first && (x.validTo === null || x.validTo >= p.last) &&
      (x.settlementKey === ALL_SETTLEMENTS || x.settlementKey === h?.settlementKey) && (date === null || ((x.commissionedFrom === null || date >= x.commissionedFrom) && (x.commissionedTo === null || date <= x.commissionedTo))));
    out[i * 9 + 3] = c.some((x) => Math.abs(x.eot - (r.eot[i] ?? 0)) <= 50) ? 1 : 2;
    out[i * 9 + 4] = c.some((x) => Math.abs(x.lt - (r.lt[i] ?? 0)) <= 50) ? 1 : 2;
    out[i * 9 + 5] = 3;
    out[i * 9 + 6] = (own.get(fias) ?? 0) > 1 || claims?.has(fias) ? 2 : 1;
    const v = (r.vLiving[i] ?? 0) + (r.vOdn[i] ?? 0);
    const exp = divRoundHalfUp(BigInt((r.eot[i] ?? 0) - (r.lt[i] ?? 0)) * BigInt(v), 1_000_000n);
    out[i * 9 + 7] = Math.abs((r.subsidy[i] ?? 0) - Number(exp) * 100) <= 100 ? 1 : 2;
    const hist = volumes?.get(fias);
    let n = 0;
    let sum = 0;
    for (const m of months) {
      const x = hist?.get(m);
      if (x !== undefined) {
        n++;
        sum += x;
      }
    }
    out[i * 9 + 8] = n < 3 ? 3 : Math.abs(v * n - sum) * 2 > sum ? 2 : 1;
  }
  return out;
}
const plainRuns: number[] = [];
for (let k = 0; k < 6; k++) {
  t = performance.now();
  plainLoop(rows);
  if (k > 0) plainRuns.push(performance.now() - t);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// Check 10: the registry as ВО of the same РСО (its tariffs as ВО decisions), 12 months of ВО history, and the water
// of the month: ХВС for every house from one РСО, ГВС for every other house from another, one house in 50 off
const seweragePeriod = meta.period;
const referenceVo: ReferenceData = { ...reference, tariffs: [...reference.tariffs, ...tariffsOf.map((x) => ({ ...x, service: 'ВО' }))] };
const voMeta = { ...meta, service: 'ВО' };
const water = (svc: string, id: string, share: (k: number) => number, pick: (k: number) => boolean): OtherRegistry => {
  const ks = houses.map((_, k) => k).filter(pick);
  return {
    id, label: `${svc} ${seweragePeriod.key}`, service: svc, period: seweragePeriod.key, fias: ks.map((k) => houses[k]?.fias_id ?? ''),
    fileRow: Int32Array.from(ks, (k) => k + 7), volume: Float64Array.from(ks, (k) => Math.round(volumeOf(k, 10) * share(k))),
  };
};
const voOthers: OtherRegistry[] = [
  ...others.map((o) => ({ ...o, service: 'ВО' })),
  water('ХВС', 'cold', (k) => (k % 2 === 0 ? 0.6 : 1) * (k % 50 === 7 ? 0.8 : 1), () => true),
  water('ГВС', 'hot', () => 0.4, (k) => k % 2 === 0),
];
const voInput = { meta: voMeta, rows, reference: buildReferenceIndex(referenceVo, services), history: buildHistoryIndex(voOthers), params };
const nine = BUILT_IN_RULES.filter((r) => r !== linkedVolumesRule);
const voNine: number[] = [];
const voTen: number[] = [];
// CPU time of the process, alternating runs: on a shared, loaded machine wall time mostly measures the wait for a core
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let voFailed = 0;
for (let k = 0; k < 14; k++) {
  t = cpu();
  runChecks(voInput, { unit: 'куб. м', rules: nine });
  if (k > 2) voNine.push(cpu() - t);
  t = cpu();
  const out = runChecks(voInput, { unit: 'куб. м' });
  if (k > 2) voTen.push(cpu() - t);
  voFailed = 0;
  for (let i = 0; i < out.status.length; i += out.ruleIds.length) if (out.status[i + 9] === 2) voFailed++;
}
const voThread = await startCheckThread();
await voThread.api.setReference('bench-vo', referenceVo);
await voThread.api.setHistory('bench-vo', voOthers);
await voThread.api.setRuleSet({ ...defaultRuleSet, custom: [] });
await voThread.api.open('vo', { meta: voMeta, rows });
for (let k = 0; k < 3; k++) await voThread.api.check('vo');
const voWorker: number[] = [];
for (let k = 0; k < 9; k++) voWorker.push((await voThread.api.check('vo')).elapsedMs);
await voThread.close();

const engine = median(engineRuns);
const plain = median(plainRuns);
console.table([
  { what: `parse xlsx (${(xlsx.length / 1e6).toFixed(1)} MB, ${rows.count} rows)`, time: seconds(parseMs), target: '≤ 2 s' },
  { what: 'index 200k houses + 12 months of history in the worker (once per version)', time: millis(indexMs), target: '' },
  { what: 'nine checks in a worker thread on the open registry, measured inside it (median of 15)', time: millis(median(workerOwn)), target: '≤ 150 ms' },
  { what: '… the same calls as the caller sees them, with the transfer of results (median of 15)', time: millis(median(workerRuns)), target: '' },
  { what: `… with the default rule set's ${defaultRuleSet.custom.length} low-code rule(s), row evaluator (median of 15)`, time: millis(median(withRulesOwn)), target: '' },
  { what: 'ratio default rule set / nine checks alone', time: `${(median(withRulesOwn) / median(workerOwn)).toFixed(2)}×`, target: '≤ 1.2×' },
  { what: 'engine in-thread (median of 5)', time: millis(engine), target: '' },
  { what: 'plain hand-written loop, same lookups (median of 5)', time: millis(plain), target: '' },
  { what: 'ratio engine / plain loop', time: `${(engine / plain).toFixed(2)}×`, target: '≤ 2×' },
  { what: `ВО registry, ten checks in a worker thread, measured inside it (median of 9; check 10 failed ${voFailed} rows)`, time: millis(median(voWorker)), target: '' },
  { what: 'ВО registry, engine in-thread: the nine checks, CPU time (median of 11, alternating)', time: millis(median(voNine)), target: '' },
  { what: 'ВО registry, engine in-thread: the ten checks, CPU time (median of 11, alternating)', time: millis(median(voTen)), target: '' },
  { what: 'ratio ten / nine checks', time: `${(median(voTen) / median(voNine)).toFixed(2)}×`, target: '≤ 1.2×' },
]);
