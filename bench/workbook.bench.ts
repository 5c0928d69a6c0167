/**
 * Workbooks (issue 17, «fast enough to think with»): a sheet of 100,000 registry rows with 5 formula columns
 * written in Russian, evaluated in a worker thread (what the workspace's Web Worker runs: the data set arrives as
 * JSON-like columns, is read into typed arrays, the formulas compiled once and run per row, a filter and a sort
 * applied), then the pivot regrouped by one, two and three fields. Figures are medians of 5 after a warm-up.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { todaySerial } from '../formulas/formula/row-formula.ts';
import { dataSetOfWire, wireOfRows, type WireDataSet } from '../formulas/workbook/data.ts';
import { evaluateSheet } from '../formulas/workbook/evaluate.ts';
import { pivot, pivotFields } from '../formulas/workbook/pivot.ts';
import { SOURCE_FIELDS } from '../formulas/workbook/sources.ts';
import type { PivotDef, SheetDef } from '../formulas/workbook/types.ts';
import { millis } from './region.ts';

const ROWS = 100_000;
const sheet: SheetDef = {
  id: 'bench', title: 'bench', source: { kind: 'registry_rows' }, columns: [],
  formulas: [
    { name: 'diff', formula: '=[eot]-[lt]' },
    { name: 'growth', formula: '=ЕСЛИ([v]>1,5*[avg_12m]; "рост"; "")' },
    { name: 'cost', formula: '=ОКРУГЛ([diff]*[v]; 2)' },
    { name: 'odn', formula: '=И([v_odn]>0; [v_odn]>[v_living])' },
    { name: 'far', formula: '=ЕСЛИ([v_water]>0; [v]/[v_water]; "")' },
  ],
  filters: [{ field: 'service', op: '<>', value: 'ЖБО' }],
  sorts: [{ field: 'cost', desc: true }],
};
const PIVOTS: PivotDef[] = [
  { groupBy: ['rso_name'], values: [{ field: 'subsidy', agg: 'sum' }, { field: 'cost', agg: 'sum' }, { field: 'v', agg: 'avg' }] },
  { groupBy: ['rso_name', 'district'], values: [{ field: 'subsidy', agg: 'sum' }, { field: 'cost', agg: 'sum' }, { field: 'v', agg: 'max' }] },
  { groupBy: ['district', 'service', 'period'], values: [{ field: 'subsidy', agg: 'sum' }, { field: 'cost', agg: 'sum' }, { field: 'row_no', agg: 'count' }] },
];

function wire(): WireDataSet {
  const districts = ['Абатский', 'Казанский', 'Тюмень', 'Ишим', 'Вагайский', ''];
  const services = ['ХВС', 'ГВС', 'ВО', 'ТС', 'ЭЭ', 'Газ'];
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    registry_id: 1 + (i % 300), period: `2026-${String(1 + (i % 12)).padStart(2, '0')}`, service: services[i % 6], rso_inn: String(7_200_000_000 + (i % 40)),
    rso_name: `РСО ${i % 40}`, district: districts[i % 6], registry_status: 'Согласован', row_no: i + 1, address: `ул. Ленина, ${i}`,
    eot: 400_000 + ((i * 7919) % 200_000), lt: 300_000 + ((i * 104_729) % 100_000), v_living: 10_000 * ((i * 13) % 90), v_odn: 10_000 * ((i * 7) % 20),
    v: i % 97 === 0 ? null : 10_000 * (5 + ((i * 31) % 200) / 10), subsidy: 1000 + ((i * 7717) % 500_000), avg_12m: 10_000 * (5 + ((i * 17) % 150) / 10),
    v_water: i % 3 === 0 ? 10_000 * ((i * 11) % 50) : null,
  }));
  return wireOfRows(SOURCE_FIELDS.registry_rows, rows);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

if (!isMainThread) {
  parentPort?.on('message', (w: WireDataSet) => {
    const ctx = { today: todaySerial('2026-05-15') };
    const run = () => {
      const t0 = performance.now();
      const data = dataSetOfWire(w);
      const t1 = performance.now();
      const r = evaluateSheet(sheet, data, ctx);
      const t2 = performance.now();
      const fields = pivotFields(r, data);
      // first: each pivot prepares the fields it is the first to use (codes, exact integers); again: a pure regroup
      const once = () => PIVOTS.map((p) => {
        const t = performance.now();
        const out = pivot(p, r.rows, fields);
        return { ms: performance.now() - t, groups: out.groups.length };
      });
      const regroup = once();
      const again = once();
      return { readMs: t1 - t0, evalMs: t2 - t1, rows: r.rows.length, problems: r.problems.length, regroup, again };
    };
    run();
    parentPort?.postMessage(Array.from({ length: 5 }, run));
  });
} else {
  const w = wire();
  // a worker starts from plain JavaScript (Node 20 resolves its entry before --import hooks): register tsx there
  const worker = new Worker(`import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(import.meta.url)});`, { eval: true });
  const t = performance.now();
  const runs = await new Promise<{ readMs: number; evalMs: number; rows: number; problems: number; regroup: { ms: number; groups: number }[]; again: { ms: number }[] }[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(w);
  });
  const wall = performance.now() - t;
  await worker.terminate();
  const first = runs[0];
  if (!first || first.problems > 0) throw new Error('the bench sheet has problems');
  console.table([
    { what: `read ${ROWS.toLocaleString('en')} rows of wire columns into typed arrays (worker)`, time: millis(median(runs.map((r) => r.readMs))), target: '' },
    { what: `evaluate 5 formula columns + filter + sort over ${ROWS.toLocaleString('en')} rows (worker)`, time: millis(median(runs.map((r) => r.evalMs))), target: '≤ 1 s' },
    { what: '… read + evaluate together', time: millis(median(runs.map((r) => r.readMs + r.evalMs))), target: '≤ 1 s' },
    ...PIVOTS.map((p, k) => ({ what: `pivot by ${p.groupBy.join(' × ')} (${first.regroup[k]?.groups} groups, 3 values), fields first used`, time: millis(median(runs.map((r) => r.regroup[k]?.ms ?? Number.NaN))), target: '≤ 200 ms' })),
    ...PIVOTS.map((p, k) => ({ what: `… regrouped again by ${p.groupBy.join(' × ')} (fields prepared)`, time: millis(median(runs.map((r) => r.again[k]?.ms ?? Number.NaN))), target: '≤ 200 ms' })),
    { what: `the worker's whole job, 6 runs, with the transfer in (wall)`, time: millis(wall), target: '' },
  ]);
  console.log(`rows after the filter: ${first.rows.toLocaleString('en')}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}
