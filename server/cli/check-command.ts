import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkRegistry } from '../../formulas/checks/check-registry.ts';
import { buildHistoryIndex } from '../../formulas/checks/history-index.ts';
import { ruleParams } from '../../formulas/checks/params.ts';
import { buildReferenceIndex } from '../../formulas/checks/reference-index.ts';
import { registryFindings } from '../../formulas/checks/registry-checks.ts';
import { rowChecks } from '../../formulas/checks/results.ts';
import { formatProblem } from '../../formulas/problem.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { defaultRuleSet, serviceSpecs } from '../../templates/index.ts';
import { loadReferenceDir, loadRegistriesDir, readRegistryFile, UnreadableInput } from '../checks/load-files.ts';

const USAGE = 'sverka check --reference КАТАЛОГ --registries КАТАЛОГ --registry ФАЙЛ --json ВЫХОД';

const rub = (kopecks: number): number | null => (Number.isNaN(kopecks) ? null : kopecks / 100);

/**
 * Batch check of one registry against reference files and other registries, the same engine the browser
 * and the server run. Exit 0 when the run completed (whatever the verdicts), 2 on unreadable input.
 */
export async function checkCommand(args: string[]): Promise<number> {
  let values: { reference?: string; registries?: string; registry?: string; json?: string };
  try {
    values = parseArgs({ args, options: { reference: { type: 'string' }, registries: { type: 'string' }, registry: { type: 'string' }, json: { type: 'string' } } }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (!values.reference || !values.registry || !values.json) {
    console.error(`Не хватает параметров.\n${USAGE}`);
    return 2;
  }
  const services = serviceDictionary(serviceSpecs);
  const notes: string[] = [];
  try {
    const reference = buildReferenceIndex(await loadReferenceDir(values.reference), services);
    const target = await readRegistryFile(values.registry, services);
    if (!target.ok) throw new UnreadableInput(target.problems);
    const others = values.registries ? await loadRegistriesDir(values.registries, services, values.registry, (m) => notes.push(m)) : [];
    const custom = defaultRuleSet.custom;
    const result = checkRegistry(
      { meta: target.meta, rows: target.rows, reference, history: buildHistoryIndex(others), params: ruleParams(defaultRuleSet) },
      custom,
      { unit: services.unit(target.meta.service) },
    );
    const findings = registryFindings(target.meta, reference, [], false);
    const warnings = [
      ...findings.map((f) => f.message),
      ...target.problems.map(formatProblem),
      ...result.formulaProblems.map((p) => `Правило ${p.ruleId}: позиция ${p.position}: ${p.message}`),
    ];
    const { rows } = target;
    const json = {
      registry: {
        rso_inn: target.meta.rsoInn,
        rso_name: target.meta.rsoName,
        service: target.meta.service,
        period: target.meta.period.key,
        rows: rows.count,
        declared_sum: rub(result.declaredSum),
        expected_sum: rub(result.expectedSum),
        warnings,
      },
      rules: result.ruleIds.map((id, r) => ({ id, title: result.ruleTitles[r], severity: result.severities[r] })),
      rows: Array.from({ length: rows.count }, (_, i) => ({
        n: Number.isNaN(rows.n[i] ?? Number.NaN) ? null : rows.n[i],
        row: rows.fileRow[i],
        fias_id: rows.fiasId[i] || null,
        expected_subsidy: rub(result.expected[i] ?? Number.NaN),
        checks: rowChecks(result, i),
      })),
    };
    writeFileSync(values.json, JSON.stringify(json, null, 1));
    for (const n of notes) console.error(n);
    const failedRows = json.rows.filter((r) => Object.values(r.checks).some((c) => c.status === 'failed')).length;
    console.log(`Проверено строк: ${rows.count}, с ошибками: ${failedRows}. Результат: ${values.json}`);
    return 0;
  } catch (e) {
    if (e instanceof UnreadableInput) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}
