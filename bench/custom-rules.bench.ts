/**
 * Low-code rules (issues 4 and 17): the default rule set's formula on registries of 3 to 30,000 rows, by the
 * row evaluator the runner now uses, and by a HyperFormula sheet as before (kept instances up to 300 rows, a
 * fresh build above; the path a rule with cell references still takes). The first call of each pays the
 * module's and the JIT's warm-up.
 */
import { createSheetRuleRunner } from '../formulas/checks/custom-rules-sheet.ts';
import { createCustomRuleRunner } from '../formulas/checks/custom-rules.ts';
import { registryRows } from '../formulas/checks/testing.ts';
import { toCanonical } from '../formulas/formula/translate.ts';
import { defaultRuleSet } from '../templates/index.ts';
import { millis } from './region.ts';

const specs = defaultRuleSet.custom;
const canonical = specs.map((s) => {
  const c = toCanonical(s.formula);
  if (!c.ok) throw new Error(`${s.id}: ${c.problem.message}`);
  return c.formula;
});
const registry = (n: number) => ({
  rows: registryRows(Array.from({ length: n }, (_, i) => ({ fias: 'x', eot: '48,80', lt: '41,73', vLiving: String(5 + (i % 20)), vOdn: String(i % 30), subsidy: '10' }))),
  expected: new Float64Array(n).fill(1234),
});
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const runner = createCustomRuleRunner();
const sheets = createSheetRuleRunner();
const time = (run: () => unknown): number => {
  const t = performance.now();
  run();
  return performance.now() - t;
};
const bySheet = (r: ReturnType<typeof registry>) => canonical.forEach((f, k) => sheets.evaluate(k, f, r.rows, r.expected));

const small = registry(3);
const table: { rows: number | string; 'row evaluator': string; 'HyperFormula sheet': string }[] = [
  { rows: '3 (first call)', 'row evaluator': millis(time(() => runner.run(specs, small.rows, small.expected))), 'HyperFormula sheet': millis(time(() => bySheet(small))) },
];
for (const [n, runs] of [[3, 21], [100, 11], [300, 7], [1000, 5], [30_000, 5]] as const) {
  const r = registry(n);
  const fast: number[] = [];
  const sheet: number[] = [];
  for (let i = 0; i < runs; i++) {
    fast.push(time(() => runner.run(specs, r.rows, r.expected)));
    sheet.push(time(() => bySheet(r)));
  }
  table.push({ rows: `${n} (median of ${runs})`, 'row evaluator': millis(median(fast)), 'HyperFormula sheet': millis(median(sheet)) });
}
runner.destroy();
sheets.destroy();
console.table(table);
