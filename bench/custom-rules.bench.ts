/**
 * Issue 4's figures: the low-code rules (the default rule set's formula) on registries of 3 to 30,000 rows,
 * with the instances a check service keeps and with a fresh HyperFormula set up for each registry, as
 * every check did before. The first call of each pays the module's and the JIT's warm-up.
 */
import { createCustomRuleRunner, runCustomRules } from '../formulas/checks/custom-rules.ts';
import { registryRows } from '../formulas/checks/testing.ts';
import { defaultRuleSet } from '../templates/index.ts';
import { millis } from './region.ts';

const specs = defaultRuleSet.custom;
const registry = (n: number) => ({
  rows: registryRows(Array.from({ length: n }, (_, i) => ({ fias: 'x', eot: '48,80', lt: '41,73', vLiving: String(5 + (i % 20)), vOdn: String(i % 30), subsidy: '10' }))),
  expected: new Float64Array(n).fill(1234),
});
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kept = createCustomRuleRunner();
const time = (run: () => unknown): number => {
  const t = performance.now();
  run();
  return performance.now() - t;
};

const small = registry(3);
const coldFresh = time(() => runCustomRules(specs, small.rows, small.expected));
const coldKept = time(() => kept.run(specs, small.rows, small.expected));
const table: { rows: number | string; kept: string; fresh: string }[] = [{ rows: '3 (first call)', kept: millis(coldKept), fresh: millis(coldFresh) }];
for (const [n, runs] of [[3, 21], [100, 11], [300, 7], [1000, 5], [30_000, 3]] as const) {
  const r = registry(n);
  const k: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    k.push(time(() => kept.run(specs, r.rows, r.expected)));
    f.push(time(() => runCustomRules(specs, r.rows, r.expected)));
  }
  table.push({ rows: `${n} (median of ${runs})`, kept: millis(median(k)), fresh: millis(median(f)) });
}
kept.destroy();
console.table(table);
