import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet, standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import { createCustomRuleRunner } from '../checks/custom-rules.ts';
import { registryRows } from '../checks/testing.ts';
import { standardParams } from '../standards/params.ts';
import { buildStandardSheet, evaluateStandardSheet } from '../standards/sheet.ts';
import { canonicalTemplate, templateFormula, templateInSpelling, TEMPLATE_FORMULAS } from '../standards/template-spelling.ts';
import type { Node } from './ast.ts';
import { spellFunction } from './spelling.ts';
import { readFormula, toCanonical, toSpelling } from './translate.ts';

/** Every function a formula calls, by canonical name. */
function functionsOf(n: Node, out = new Set<string>()): Set<string> {
  if (n.kind === 'call') {
    out.add(n.name);
    n.args.forEach((a) => functionsOf(a, out));
  } else if (n.kind === 'binary') {
    functionsOf(n.left, out);
    functionsOf(n.right, out);
  } else if (n.kind === 'unary' || n.kind === 'percent') functionsOf(n.arg, out);
  return out;
}

const spellings = (formula: string, opts: { placeholders?: boolean; withoutEquals?: boolean } = {}) => {
  const c = toCanonical(formula, opts);
  if (!c.ok) throw new Error(`${formula}: ${c.problem.message}`);
  return { en: c.formula, ru: toSpelling(c.formula, 'ru', opts) };
};

describe('the templates in Russian and English spelling', () => {
  it('use functions whose Russian names differ from the English ones, so the comparison means something', () => {
    const used = new Set<string>();
    for (const rule of defaultRuleSet.custom) {
      const r = readFormula(rule.formula);
      if (r.ok) functionsOf(r.ast, used);
    }
    for (const f of TEMPLATE_FORMULAS) {
      const r = readFormula(templateFormula(standardFormulaTemplate, f.key), { placeholders: true, withoutEquals: f.housing });
      if (r.ok) functionsOf(r.ast, used);
    }
    expect([...used].sort()).toEqual(['AND', 'SUMPRODUCT']);
    for (const name of used) expect(spellFunction(name, 'ru')).not.toBe(name);
  });

  it('give identical verdicts for every low-code rule of the shipped rule set', () => {
    const pairs = defaultRuleSet.custom.map((rule) => ({ rule, ...spellings(rule.formula) }));
    expect(pairs.map((p) => p.ru)).toEqual(['=И([v_odn]>0; [v_odn]>[v_living])']);
    const amount = fc.oneof(fc.constant(''), fc.integer({ min: -40, max: 4000 }).map((x) => `${x / 4}`.replace('.', ',')));
    fc.assert(
      fc.property(fc.array(fc.record({ vLiving: amount, vOdn: amount }), { minLength: 1, maxLength: 40 }), (list) => {
        const rows = registryRows(list.map((r) => ({ fias: 'x', eot: '48,80', lt: '41,73', subsidy: '1', ...r })));
        const expected = new Float64Array(list.length);
        const run = (spelling: 'en' | 'ru') => createCustomRuleRunner().run(pairs.map((p) => ({ ...p.rule, formula: p[spelling] })), rows, expected);
        const en = run('en');
        const ru = run('ru');
        expect(ru.problems).toEqual([]);
        expect(ru.results.map((r) => [Array.from(r.status), r.reasons])).toEqual(en.results.map((r) => [Array.from(r.status), r.reasons]));
      }),
      { numRuns: 50 },
    );
  });

  it('give identical standards for the shipped formula template, evaluated by HyperFormula', () => {
    const ru = templateInSpelling(standardFormulaTemplate, 'ru');
    expect(ru.heating).toBe('={S}*({HOUSING})+{S}*СУММПРОИЗВ({TARIFF};{NORM};{PER_M2})+СУММПРОИЗВ({TARIFF};{NORM};{PER_PERSON})');
    const back = canonicalTemplate(ru, 'ru');
    expect(back).toEqual({ ok: true, template: standardFormulaTemplate });
    if (!back.ok) return;
    const params = standardParams(standardParamsTemplate);
    const service = fc.record({ service: fc.constantFrom('ХВС', 'ЭЭ', 'ТС'), tariff: fc.integer({ min: 0, max: 30_000_000 }), norm: fc.integer({ min: 0, max: 2_000_000 }), norm_unit: fc.constantFrom('чел' as const, 'м2' as const), heating_only: fc.boolean() });
    const rates = fc.record({ maintenance: fc.integer({ min: 0, max: 10_000 }), capital_repair: fc.integer({ min: 0, max: 3_000 }), rent: fc.integer({ min: 0, max: 2_000 }) });
    fc.assert(
      fc.property(rates, fc.array(service, { minLength: 1, maxLength: 4 }), (r, services) => {
        const en = evaluateStandardSheet(buildStandardSheet({ rates: r, services }, params, standardFormulaTemplate));
        const fromRussian = evaluateStandardSheet(buildStandardSheet({ rates: r, services }, params, back.template));
        expect(fromRussian).toEqual(en);
      }),
      { numRuns: 20 },
    );
  });
});
