import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRegistry } from '../../formulas/checks/check-registry.ts';
import { canonicalRules } from '../../formulas/checks/custom-rules.ts';
import { buildHistoryIndex } from '../../formulas/checks/history-index.ts';
import { ruleParams } from '../../formulas/checks/params.ts';
import { buildReferenceIndex } from '../../formulas/checks/reference-index.ts';
import { registryFindings } from '../../formulas/checks/registry-checks.ts';
import { rowChecks } from '../../formulas/checks/results.ts';
import type { RuleSetTemplate } from '../../formulas/checks/types.ts';
import { formatProblem, type Problem } from '../../formulas/problem.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { defaultRuleSet, serviceSpecs } from '../../templates/index.ts';
import { loadReferenceDir, loadRegistriesDir, readRegistryFile, UnreadableInput } from '../checks/load-files.ts';
import { ruleSetProblems } from '../checks/rule-sets.ts';
import { ruleSetBody } from '../routes/rule-sets.ts';

const USAGE = 'sverka check --reference КАТАЛОГ --registries КАТАЛОГ --registry ФАЙЛ --json ВЫХОД [--rules ФАЙЛ]';

const rub = (kopecks: number): number | null => (Number.isNaN(kopecks) ? null : kopecks / 100);

/**
 * A rule set file shaped as templates/rules/default.json, its formulas in Russian or English spelling; every
 * problem (a missing field, a broken parameter, a formula with the position of its error) names the file.
 */
function readRuleSetFile(path: string): RuleSetTemplate {
  const file = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UnreadableInput([{ file, message: `набор правил не читается как JSON: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const shape = ruleSetBody.safeParse(json);
  if (!shape.success) {
    const problems: Problem[] = shape.error.issues.map((i) => ({ file, column: i.path.map(String).join('.') || 'набор', message: 'поле отсутствует или имеет неверный вид (образец: templates/rules/default.json)' }));
    throw new UnreadableInput(problems);
  }
  const body: RuleSetTemplate = { ...shape.data, version: shape.data.version ?? 0 };
  const problems = ruleSetProblems(body, file);
  if (problems.length > 0) throw new UnreadableInput(problems);
  return canonicalRules(body);
}

/**
 * Batch check of one registry against reference files and other registries, the same engine the browser
 * and the server run, with the default rule set or the one of `--rules`. Exit 0 when the run completed
 * (whatever the verdicts), 2 on unreadable input or a broken rule set.
 */
export async function checkCommand(args: string[]): Promise<number> {
  let values: { reference?: string; registries?: string; registry?: string; json?: string; rules?: string };
  try {
    values = parseArgs({ args, options: { reference: { type: 'string' }, registries: { type: 'string' }, registry: { type: 'string' }, json: { type: 'string' }, rules: { type: 'string' } } }).values;
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
    const ruleSet = values.rules ? readRuleSetFile(values.rules) : defaultRuleSet;
    const reference = buildReferenceIndex(await loadReferenceDir(values.reference), services);
    const target = await readRegistryFile(values.registry, services);
    if (!target.ok) throw new UnreadableInput(target.problems);
    const others = values.registries ? await loadRegistriesDir(values.registries, services, values.registry, (m) => notes.push(m)) : [];
    const result = checkRegistry(
      { meta: target.meta, rows: target.rows, reference, history: buildHistoryIndex(others), params: ruleParams(ruleSet) },
      ruleSet.custom,
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
