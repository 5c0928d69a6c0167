/**
 * Row formulas (issue 17, «fast enough to think with»): 100,000 source rows × 5 formula columns written as a
 * Russian analyst writes them, compiled once and run per row by the row evaluator; and, for the choice it
 * was measured against, the same formulas in a HyperFormula sheet (built for 20,000 rows, scaled up).
 */
import { HyperFormula } from 'hyperformula';
import { evaluateColumn, type Column } from '../formulas/formula/columns.ts';
import { compileRowFormula, todaySerial } from '../formulas/formula/row-formula.ts';
import { toCanonical } from '../formulas/formula/translate.ts';
import { millis, seconds } from './region.ts';

const ROWS = 100_000;
const HF_ROWS = 20_000;
const FORMULAS = [
  '=[eot]-[lt]',
  '=ЕСЛИ([v]>1,5*[avg_12m]; "рост"; "")',
  '=ОКРУГЛ(([eot]-[lt])*[v]; 2)',
  '=И([v_odn]>0; [v_odn]>[v_living])',
  '=ЕСЛИ(ЕЧИСЛО(ПОИСК("казан"; [district])); ГОД([commissioned]); "")',
];

// deterministic columns: tariffs and volumes as integers of 10⁻⁴, a few empty cells, dates as serials
const fill = (f: (i: number) => number) => Float64Array.from({ length: ROWS }, (_, i) => (i % 97 === 0 ? Number.NaN : f(i)));
const raw = {
  eot: fill((i) => 400_000 + ((i * 7919) % 200_000)),
  lt: fill((i) => 300_000 + ((i * 104_729) % 100_000)),
  v: fill((i) => 10_000 * (5 + ((i * 31) % 200) / 10)),
  avg_12m: fill((i) => 10_000 * (5 + ((i * 17) % 150) / 10)),
  v_living: fill((i) => 10_000 * ((i * 13) % 90)),
  v_odn: fill((i) => 10_000 * ((i * 7) % 20)),
  commissioned: fill((i) => 20_000 + ((i * 37) % 25_000)),
};
const districts = ['Казанский муниципальный район', 'Абатский муниципальный район', 'Тюмень', ''];
const columns: Record<string, Column> = {
  eot: { kind: 'number', values: raw.eot, scale: 4 },
  lt: { kind: 'number', values: raw.lt, scale: 4 },
  v: { kind: 'number', values: raw.v, scale: 4 },
  avg_12m: { kind: 'number', values: raw.avg_12m, scale: 4 },
  v_living: { kind: 'number', values: raw.v_living, scale: 4 },
  v_odn: { kind: 'number', values: raw.v_odn, scale: 4 },
  commissioned: { kind: 'date', values: raw.commissioned },
  district: { kind: 'text', values: Array.from({ length: ROWS }, (_, i) => districts[i % districts.length] ?? '') },
};
const fields = Object.keys(columns);
const ctx = { today: todaySerial('2026-05-15') };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

function runAll(): { compileMs: number; evalMs: number; sink: number } {
  let t = performance.now();
  const compiled = FORMULAS.map((f) => {
    const c = compileRowFormula(f, fields, { prefer: 'ru' });
    if (!c.ok) throw new Error(`${f}: ${c.problem.message}`);
    return c.formula;
  });
  const compileMs = performance.now() - t;
  t = performance.now();
  let sink = 0;
  for (const f of compiled) sink += evaluateColumn(f, columns, ROWS, ctx).filter((v) => v === true || v === 'рост').length;
  return { compileMs, evalMs: performance.now() - t, sink };
}

runAll(); // warm-up: the JIT
const runs = Array.from({ length: 5 }, runAll);
const evalMs = median(runs.map((r) => r.evalMs));

// the same five formulas as cells of a HyperFormula sheet: values in columns A–H, one formula column each
const letters: Record<string, string> = Object.fromEntries(fields.map((f, k) => [f, String.fromCharCode(65 + k)]));
const cellValue = (name: string, i: number): number | string | null => {
  const c = columns[name] as Column;
  if (c.kind === 'text') return c.values[i] || null;
  if (c.kind !== 'number' && c.kind !== 'date') return null;
  const v = c.values[i] ?? Number.NaN;
  return Number.isNaN(v) ? null : c.kind === 'number' ? v / 10_000 : v;
};
const canonical = FORMULAS.map((f) => {
  const c = toCanonical(f, { prefer: 'ru' });
  if (!c.ok) throw new Error(c.problem.message);
  return c.formula;
});
const sheet = Array.from({ length: HF_ROWS }, (_, i) => [
  ...fields.map((f) => cellValue(f, i)),
  ...canonical.map((f) => f.replace(/\[(\w+)\]/g, (_m, name: string) => `${letters[name]}${i + 1}`)),
]);
const t = performance.now();
const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', maxRows: HF_ROWS + 1 });
const hfMs = performance.now() - t;
hf.destroy();

console.table([
  { what: `compile ${FORMULAS.length} Russian formulas (median of 5)`, time: millis(median(runs.map((r) => r.compileMs))), target: '' },
  { what: `evaluate ${ROWS.toLocaleString('en')} rows × ${FORMULAS.length} formulas (median of 5)`, time: millis(evalMs), target: '≤ 1 s' },
  { what: '… rows per second (all five formulas per row)', time: `${Math.round((ROWS / evalMs) * 1000).toLocaleString('en')} rows/s`, target: '' },
  { what: `HyperFormula: build a sheet of ${HF_ROWS.toLocaleString('en')} rows × ${FORMULAS.length} formulas`, time: seconds(hfMs), target: '' },
  { what: `… scaled to ${ROWS.toLocaleString('en')} rows (it grows at least linearly)`, time: seconds((hfMs * ROWS) / HF_ROWS), target: '' },
]);
