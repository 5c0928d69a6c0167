/**
 * Issue 6's figures on the 200,000-house demo region: grouping every house and computing every standard
 * (tenant / owner / owner without КР × 1, 2, 3+ × heating / non-heating), then recalculation after an analyst
 * edits one tariff of the largest group, and the number of groups. Reading the CSV files is timed apart.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readReference } from '../formulas/reference/read-reference.ts';
import type { House, HouseService, MoRate } from '../formulas/reference/types.ts';
import { standardsAt } from '../formulas/standards/bulk.ts';
import { StandardsModel } from '../formulas/standards/model.ts';
import { standardParams } from '../formulas/standards/params.ts';
import { standardsByTemplate } from '../formulas/standards/template-set.ts';
import { readCsv } from '../formulas/table/csv.ts';
import { createStandardsService } from '../workspace/src/workers/standards/standards-service.ts';
import { referenceSpecs, standardFormulaTemplate, standardParamsTemplate } from '../templates/index.ts';
import { benchRegion, millis, seconds } from './region.ts';

const houses = Number(process.env.BENCH_HOUSES ?? 200_000);
const dir = await benchRegion(houses);
const params = standardParams(standardParamsTemplate);

let t = performance.now();
const read = <K extends 'houses' | 'house_services' | 'mo_rates'>(kind: K) => {
  const r = readReference(kind, referenceSpecs[kind], readCsv(readFileSync(join(dir, 'reference', `${kind}.csv`))), kind);
  if (r.problems.length > 0) throw new Error(`${kind}: ${r.problems.length} problems`);
  return r.records;
};
const input = { houses: read('houses') as House[], services: read('house_services') as HouseService[], moRates: read('mo_rates') as MoRate[] };
console.log(`read houses, house_services, mo_rates (${input.houses.length} houses, ${input.services.length} service lines): ${seconds(performance.now() - t)}`);

// the machine is shared: CPU time of this process is printed beside wall time, with the load average
const cpu = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const runs: string[] = [];
let model: StandardsModel | null = null;
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const c = process.cpuUsage();
  model = new StandardsModel(input, params);
  const set = model.result();
  runs.push(`${seconds(performance.now() - t)} (CPU ${seconds(cpu(c))})`);
  if (i === 0) {
    const without = set.groups.filter((g) => g.standards === null).length;
    console.log(`groups: ${set.groups.length} (${set.groups.length * 18} standards; ${without} groups without a standard)`);
  }
}
console.log(`grouping + all standards: ${runs.join(', ')} (target ≤ 3 s; load average ${loadavg()[0]?.toFixed(1)})`);

if (model) {
  const largest = [...model.result().groups].sort((a, b) => b.houses - a.houses)[0];
  const line = largest?.key.services[0];
  if (largest && line) {
    const edits: number[] = [];
    let id = largest.id;
    for (let i = 1; i <= 5; i++) {
      t = performance.now();
      const moved = model.editService(id, line.service, { tariff: line.tariff + i * 100 });
      edits.push(performance.now() - t);
      id = moved.id;
    }
    console.log(`recalculation after editing one tariff (${line.service} of the largest group, ${largest.houses} houses): ${edits.map(millis).join(', ')} (target ≤ 100 ms)`);
  }
}

if (model) {
  // the worker's path (the same service the Web Worker exposes, run in-thread): the template by HyperFormula
  // for every group with a standard, then one tariff edited; and the server's path for an analyst's template
  const set = model.result();
  const inputs = set.groups.flatMap((g) => (g.rates && g.standards ? [{ id: g.id, rates: g.rates, services: g.key.services }] : []));
  const service = createStandardsService();
  const hfRuns: string[] = [];
  let agree = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const c = process.cpuUsage();
    const r = service.evaluate(inputs, standardFormulaTemplate, params);
    hfRuns.push(`${seconds(performance.now() - t)} (CPU ${seconds(cpu(c))})`);
    agree = inputs.filter((g, k) => JSON.stringify(standardsAt(r.values, k)) === JSON.stringify(set.groups.find((x) => x.id === g.id)?.standards)).length;
  }
  console.log(`worker path, HyperFormula template over ${inputs.length} groups (${inputs.length * 18} formulas): ${hfRuns.join(', ')}; equal to the exact evaluator: ${agree}`);
  const largest = [...inputs].sort((a, b) => b.services.length - a.services.length)[0];
  const line = largest?.services[0];
  if (largest && line) {
    const edits: number[] = [];
    for (let i = 1; i <= 5; i++) edits.push(service.edit(largest.id, line.service, { tariff: line.tariff + i * 100 }).ms);
    console.log(`worker path, recalculation after editing one tariff: ${edits.map(millis).join(', ')}`);
  }
  const analyst = { ...standardFormulaTemplate, version: 2, heating: `${standardFormulaTemplate.heating}+0` };
  t = performance.now();
  const c = process.cpuUsage();
  const byTemplate = standardsByTemplate(set, analyst, standardFormulaTemplate, params);
  const same = byTemplate.groups.filter((g, k) => JSON.stringify(g.standards) === JSON.stringify(set.groups[k]?.standards)).length;
  console.log(`server path, an analyst's template version by HyperFormula: ${seconds(performance.now() - t)} (CPU ${seconds(cpu(c))}); groups equal to the exact evaluator: ${same} of ${set.groups.length}`);
}

