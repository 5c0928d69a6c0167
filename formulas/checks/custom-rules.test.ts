import { describe, expect, it } from 'vitest';
import { checkRegistry } from './check-registry.ts';
import { validateCustomRule } from './custom-rules.ts';
import { rowChecks } from './results.ts';
import { house, input } from './testing.ts';
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
    expect(out.ruleIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'odn_over_living']);
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
    expect(rowChecks(out, 0).x).toEqual({ status: 'skipped', reason: 'Формула не вычислена: #DIV/0!' });
  });

  it('report broken formulas with their position instead of throwing, and do not run them', () => {
    expect(validateCustomRule(odn)).toBeNull();
    expect(validateCustomRule(rule('=AND([v_odn]>0, [v_xxx]>1)'))).toEqual({ ruleId: 'x', position: 17, message: expect.stringMatching(/неизвестное поле \[v_xxx\]/) });
    expect(validateCustomRule(rule('=AND([v_odn]>0'))).toEqual({ ruleId: 'x', position: 5, message: 'не закрыта скобка' });
    expect(validateCustomRule(rule('=[v_odn]>0)'))).toEqual({ ruleId: 'x', position: 11, message: 'лишняя закрывающая скобка' });
    expect(validateCustomRule(rule('=AND([v_odn]>0 [v_living]>1)'))).toEqual({ ruleId: 'x', position: 16, message: 'синтаксическая ошибка: неожиданное «B1»' });
    expect(validateCustomRule(rule('[v_odn]>0'))?.position).toBe(1);
    expect(validateCustomRule(rule('="abc'))).toEqual({ ruleId: 'x', position: 2, message: 'не закрыта строка в кавычках' });
    const out = checkRegistry(input([{ fias: G }], { houses: [house(G)] }), [rule('=1+'), odn]);
    expect(out.formulaProblems).toEqual([{ ruleId: 'x', position: 4, message: 'синтаксическая ошибка: формула обрывается' }]);
    expect(out.ruleIds).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'odn_over_living']);
  });
});
