import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet, registrySpec, serviceSpecs } from '../../templates/index.ts';
import { checkRegistry, type RegistryCheckResult } from './check-registry.ts';
import { createCheckService } from './check-service.ts';
import { createSheetRuleRunner } from './custom-rules-sheet.ts';
import { createCustomRuleRunner, validateCustomRule } from './custom-rules.ts';
import { rowChecks } from './results.ts';
import { house, input, meta, organisation, registryRows, tariff, type TestRow } from './testing.ts';
import type { CustomRuleSpec } from './types.ts';

const G = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';
const odn: CustomRuleSpec = {
  id: 'odn_over_living',
  title: 'ОДН больше жилых',
  severity: 'warning',
  formula: '=AND([v_odn]>0, [v_odn]>[v_living])',
  message: 'Потребление на ОДН {v_odn} больше потребления в жилых помещениях {v_living}',
};
const rule = (formula: string): CustomRuleSpec => ({ ...odn, id: 'x', formula });

describe('low-code rules', () => {
  it('run beside the nine and show like them, with their severity', () => {
    const inp = input([
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '12,5', subsidy: '159,08' },
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '1', subsidy: '77,77' },
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '', subsidy: '70,70' },
    ], { houses: [house(G)] });
    const out = checkRegistry(inp, [odn]);
    expect(out.ruleIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'odn_over_living']);
    expect(out.severities.at(-1)).toBe('warning');
    expect(rowChecks(out, 0).odn_over_living).toEqual({ status: 'failed', reason: 'Потребление на ОДН 12,5000 больше потребления в жилых помещениях 10,0000' });
    expect(rowChecks(out, 1).odn_over_living?.status).toBe('passed');
    expect(rowChecks(out, 2).odn_over_living?.status).toBe('passed'); // an empty cell is 0 in a formula
    expect(rowChecks(out, 0)['8']?.status).toBe('passed'); // built-ins unchanged by the merge
  });

  it('can read the expected subsidy and text fields', () => {
    const inp = input([{ fias: G, territory: 'Казанский', eot: '48,80', lt: '41,73', vLiving: '10', subsidy: '80' }], { houses: [house(G)] });
    const out = checkRegistry(inp, [
      { ...odn, id: 'over', formula: '=[subsidy]>[expected_subsidy]*1.1', message: 'Заявлено {subsidy}, расчет {expected_subsidy}' },
      { ...odn, id: 'terr', formula: '=ISNUMBER(SEARCH("казан", [territory]))', message: '{territory}' },
    ]);
    expect(rowChecks(out, 0).over).toEqual({ status: 'failed', reason: 'Заявлено 80,00, расчет 70,70' });
    expect(rowChecks(out, 0).terr?.status).toBe('failed');
  });

  it('skip rows where the formula gives an error', () => {
    const out = checkRegistry(input([{ fias: G, vLiving: '0', eot: '1', lt: '1', subsidy: '0' }], { houses: [house(G)] }), [rule('=[v_odn]/[v_living]>2')]);
    expect(rowChecks(out, 0).x).toEqual({ status: 'skipped', reason: 'Формула не вычислена: #ДЕЛ/0!' });
  });

  it('report broken formulas with their position instead of throwing, and do not run them', () => {
    expect(validateCustomRule(odn)).toBeNull();
    expect(validateCustomRule(rule('=AND([v_odn]>0, [v_xxx]>1)'))).toEqual({ ruleId: 'x', position: 17, message: expect.stringMatching(/неизвестное поле \[v_xxx\]/) });
    expect(validateCustomRule(rule('=AND([v_odn]>0'))).toEqual({ ruleId: 'x', position: 5, message: 'не закрыта скобка' });
    expect(validateCustomRule(rule('=[v_odn]>0)'))).toEqual({ ruleId: 'x', position: 11, message: 'лишняя закрывающая скобка' });
    expect(validateCustomRule(rule('=AND([v_odn]>0 [v_living]>1)'))).toEqual({ ruleId: 'x', position: 16, message: 'пропущен оператор или разделитель «,» перед «[v_living]»' });
    expect(validateCustomRule(rule('[v_odn]>0'))?.position).toBe(1);
    expect(validateCustomRule(rule('="abc'))).toEqual({ ruleId: 'x', position: 2, message: 'не закрыта строка в кавычках' });
    const out = checkRegistry(input([{ fias: G }], { houses: [house(G)] }), [rule('=1+'), odn]);
    expect(out.formulaProblems).toEqual([{ ruleId: 'x', position: 4, message: 'формула обрывается: после «+» ожидается значение' }]);
    expect(out.ruleIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'odn_over_living']);
  });

  it('give each registry checked on the same service its own results, also a shorter one after a longer one', () => {
    const service = createCheckService();
    service.configure({ registry: registrySpec, services: serviceSpecs });
    service.setReference('v1', { houses: [house(G)], tariffs: [tariff()], organisations: [organisation()] });
    service.setHistory('v1', []);
    // $A$3 is the third row's ОДН: empty (0) in a two-row registry, whatever an earlier registry had there
    const third = { ...odn, id: 'third', formula: '=AND([v_odn]>0, $A$3>0)', message: 'третья строка' };
    service.setRuleSet({ ...defaultRuleSet, custom: [odn, third] });
    const row = (vOdn: string): TestRow => ({ fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn, subsidy: '70,70' });
    const long = ['12', '1', '15', '20', '0'].map(row);
    const short = ['1', '30'].map(row);
    service.open('long', { meta: meta(), rows: registryRows(long) });
    service.open('short', { meta: meta(), rows: registryRows(short) });
    const first = service.check('long');
    const second = service.check('short');
    const again = service.check('long');
    const statuses = (out: RegistryCheckResult, id: string) => Array.from({ length: out.expected.length }, (_, i) => rowChecks(out, i)[id]?.status);
    expect(statuses(first, 'odn_over_living')).toEqual(['failed', 'passed', 'failed', 'failed', 'passed']);
    expect(statuses(first, 'third')).toEqual(['failed', 'failed', 'failed', 'failed', 'passed']);
    expect(statuses(second, 'odn_over_living')).toEqual(['passed', 'failed']);
    expect(statuses(second, 'third')).toEqual(['passed', 'passed']);
    expect(rowChecks(second, 1).odn_over_living?.reason).toBe('Потребление на ОДН 30,0000 больше потребления в жилых помещениях 10,0000');
    // the same as checks that set HyperFormula up for themselves
    const alone = (rows: TestRow[]) => checkRegistry(input(rows, { houses: [house(G)] }), [odn, third]);
    const verdicts = (out: RegistryCheckResult) => ({ ruleIds: out.ruleIds, status: Array.from(out.status), reasons: Array.from(out.reasonIds, (k) => out.reasonTexts[k]) });
    expect(verdicts(second)).toEqual(verdicts(alone(short)));
    expect(verdicts(first)).toEqual(verdicts(alone(long)));
    expect(verdicts(again)).toEqual(verdicts(first));
  });

  it('keep each rule id on a broken formula checked before under another id', () => {
    const runner = createCustomRuleRunner();
    const rows = registryRows([{ fias: G }]);
    const a = runner.run([{ ...rule('=1+'), id: 'a' }], rows, new Float64Array(1));
    const b = runner.run([{ ...rule('=1+'), id: 'b' }], rows, new Float64Array(1));
    expect(a.problems).toEqual([{ ruleId: 'a', position: 4, message: 'формула обрывается: после «+» ожидается значение' }]);
    expect(b.problems).toEqual([{ ruleId: 'b', position: 4, message: 'формула обрывается: после «+» ожидается значение' }]);
  });

  it('give the same verdicts in a kept sheet, registry after registry, as in a sheet built for each registry', () => {
    const rules: CustomRuleSpec[] = [
      odn,
      { ...odn, id: 'div', formula: '=[v_odn]/[v_living]>2', message: '{v_odn} / {v_living}' },
      { ...odn, id: 'text', formula: '=IF([v_odn]>1, "да", 0)', message: '{v_odn}' },
      { ...odn, id: 'number', formula: '=[subsidy]-[expected_subsidy]', message: 'Заявлено {subsidy}, расчет {expected_subsidy}' },
      { ...odn, id: 'search', formula: '=ISNUMBER(SEARCH("казан", [territory]))', message: '{territory}' },
      { ...odn, id: 'abs', formula: '=AND([v_odn]>0, $A$3>0, $B$4<5)', message: '{v_odn}' },
      { ...odn, id: 'range', formula: '=[v_odn]>SUM($A$1:$A$2)', message: '{v_odn}' },
      { ...odn, id: 'broken', formula: '=AND([v_odn]>0', message: '' },
    ];
    const amount = fc.oneof(fc.constant(''), fc.constant('0'), fc.integer({ min: -50, max: 400 }).map((x) => `${x / 4}`.replace('.', ',')));
    const testRow = fc.record({ territory: fc.constantFrom('Казанский', 'Абатский'), vLiving: amount, vOdn: amount, subsidy: amount });
    const registry = fc.array(testRow, { minLength: 1, maxLength: 12 }).chain((rows) =>
      fc.tuple(fc.constant(rows), fc.array(fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 10_000 })), { minLength: rows.length, maxLength: rows.length })));
    fc.assert(
      fc.property(fc.array(registry, { minLength: 2, maxLength: 4 }), fc.subarray(rules, { minLength: 1, maxLength: 4 }), (registries, specs) => {
        const kept = createCustomRuleRunner();
        try {
          for (const [list, exp] of registries) {
            const rows = registryRows(list);
            const expected = Float64Array.from(exp);
            const fresh = createCustomRuleRunner({ keptSheetRows: 0 });
            try {
              expect(kept.run(specs, rows, expected)).toEqual(fresh.run(specs, rows, expected));
            } finally {
              fresh.destroy();
            }
          }
        } finally {
          kept.destroy();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('read Russian formulas as Russian Excel writes them, with the same verdicts as the English ones', () => {
    const rows = [
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '12,5', subsidy: '159,08', territory: 'Казанский' },
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '1', subsidy: '77,77', territory: 'Абатский' },
      { fias: G, eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '', subsidy: '70,70', territory: '' },
    ];
    const pairs: [string, string][] = [
      ['=AND([v_odn]>0, [v_odn]>[v_living])', '=И([v_odn]>0; [v_odn]>[v_living])'],
      ['=ABS([subsidy]-ROUND(([eot]-[lt])*([v_living]+[v_odn]),2))>0.005', '=ABS([subsidy]-ОКРУГЛ(([eot]-[lt])*([v_living]+[v_odn]);2))>0,005'],
      ['=IF(ISBLANK([territory]), TRUE, NOT(ISNUMBER(SEARCH("казан", [territory]))))', '=ЕСЛИ(ЕПУСТО([territory]); ИСТИНА; НЕ(ЕЧИСЛО(ПОИСК("казан"; [territory]))))'],
    ];
    const inp = input(rows, { houses: [house(G)] });
    const out = (formula: string) => checkRegistry(inp, [rule(formula)]);
    for (const [en, ru] of pairs) {
      expect(validateCustomRule(rule(ru))).toBeNull();
      const a = out(en);
      const b = out(ru);
      expect(b.formulaProblems).toEqual([]);
      expect(Array.from(b.status)).toEqual(Array.from(a.status));
      expect(rows.map((_, i) => rowChecks(b, i).x)).toEqual(rows.map((_, i) => rowChecks(a, i).x));
    }
    expect(rows.map((_, i) => rowChecks(out(pairs[0]?.[1] ?? ''), i).x?.status)).toEqual(['failed', 'passed', 'passed']);
    // 159,075 rounds half up to 159,08 exactly: no kopeck lost to floating point
    expect(rows.map((_, i) => rowChecks(out(pairs[1]?.[1] ?? ''), i).x?.status)).toEqual(['passed', 'passed', 'passed']);
    expect(rows.map((_, i) => rowChecks(out(pairs[2]?.[1] ?? ''), i).x?.status)).toEqual(['passed', 'failed', 'failed']);
    // the error a Russian Excel user makes: commas between arguments of a Russian function
    expect(validateCustomRule(rule('=И([v_odn]>0, [v_odn]>[v_living])'))).toEqual({ ruleId: 'x', position: 13, message: expect.stringMatching(/^неожиданная запятая: в русской записи аргументы функции разделяются точкой с запятой «;»/) });
  });

  it('give the verdicts a HyperFormula sheet gives, for the formulas both evaluate', () => {
    const formulas = [
      '=AND([v_odn]>0, [v_odn]>[v_living])',
      '=[v_odn]/[v_living]>2',
      '=IF([v_odn]>1, "да", 0)',
      '=[subsidy]-[expected_subsidy]',
      '=ISNUMBER(SEARCH("казан", [territory]))',
      '=OR([v_living]+[v_odn]>50, [subsidy]<0)',
      '=ROUND([subsidy], 1)>[expected_subsidy]',
      '=MAX([v_odn], [v_living])>=2*MIN([v_odn], [v_living])',
      '=NOT([eot]-[lt]=7.07)',
      '=IFERROR([subsidy]/[v_odn]>1, FALSE())',
      '=LEN([territory])>8',
      '=LEFT([territory], 3)="Каз"',
    ];
    const amount = fc.oneof(fc.constant(''), fc.constant('0'), fc.integer({ min: -50, max: 4000 }).map((x) => `${x / 4}`.replace('.', ',')));
    const testRow = fc.record({ territory: fc.constantFrom('Казанский', 'Абатский', ''), eot: fc.constantFrom('48,80', '41,73', ''), lt: fc.constantFrom('41,73', '0'), vLiving: amount, vOdn: amount, subsidy: amount });
    fc.assert(
      fc.property(fc.array(testRow, { minLength: 1, maxLength: 20 }), fc.constantFrom(...formulas), (list, formula) => {
        const rows = registryRows(list);
        const expected = Float64Array.from(list, (_, i) => (i % 3 === 0 ? Number.NaN : i * 1234));
        const fast = createCustomRuleRunner().run([rule(formula)], rows, expected).results[0];
        const sheet = createSheetRuleRunner({ keptSheetRows: 0 });
        try {
          const values = sheet.evaluate(0, formula, rows, expected);
          const status = values.map((v) => (v === true || (typeof v === 'number' && v !== 0) ? 2 : v === false || v === 0 ? 1 : 3));
          expect(Array.from(fast?.status ?? [])).toEqual(status);
        } finally {
          sheet.destroy();
        }
      }),
      { numRuns: 60 },
    );
  });
});
