import { describe, expect, it } from 'vitest';
import { standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import { computeStandardSet } from './model.ts';
import { standardParams } from './params.ts';
import { computeStandards } from './standard.ts';
import { readFormulaTemplate } from './template-read.ts';
import { sameFormulas, standardsByTemplate } from './template-set.ts';
import { house, moRate, service } from './testing.ts';

const params = standardParams(standardParamsTemplate);
// two groups with a standard, one without МО rates, one with a doubled service
const input = {
  houses: [house(1), house(2), house(3, { municipal_district: 'Казанский' }), house(4)],
  services: [service(1, 'ХВС', 300_000, 50_000), service(1, 'ТС', 20_000_000, 200), service(2, 'ХВС', 310_000, 50_000), service(3, 'ХВС', 300_000, 50_000),
    service(4, 'ХВС', 300_000, 50_000), service(4, 'ХВС', 320_000, 50_000)],
  moRates: [moRate()],
};
const exact = computeStandardSet(input, params);

describe('standards by a version of the formula template', () => {
  it('keeps the exact evaluator’s set for the shipped formulas, however spaced', () => {
    const spaced = { ...standardFormulaTemplate, version: 3, description: 'другое', heating: standardFormulaTemplate.heating.replace(/\+/g, ' + ') };
    expect(sameFormulas(spaced, standardFormulaTemplate)).toBe(true);
    expect(standardsByTemplate(exact, spaced, standardFormulaTemplate, params)).toBe(exact);
  });

  it('evaluates an analyst’s formulas for every group with a standard, and keeps the reasons of the others', () => {
    // the owner pays capital repair twice over: owner's standards are those of capital repair 2 × 10 руб./м²
    const double = { ...standardFormulaTemplate, version: 2, housing: { ...standardFormulaTemplate.housing, owner: '{MAINTENANCE}+2*{CAPITAL_REPAIR}' } };
    expect(sameFormulas(double, standardFormulaTemplate)).toBe(false);
    const set = standardsByTemplate(exact, double, standardFormulaTemplate, params);
    expect(set.houses).toBe(exact.houses);
    const withStandard = exact.groups.filter((g) => g.standards !== null);
    expect(withStandard.length).toBe(2);
    for (const g of set.groups) {
      const before = exact.groups.find((x) => x.id === g.id);
      if (!before?.standards || !g.rates) {
        expect(g).toEqual(before);
        continue;
      }
      const doubled = computeStandards({ ...g.rates, capital_repair: 2 * g.rates.capital_repair }, g.key.services, params);
      expect(g.standards?.owner).toEqual(doubled.owner);
      expect(g.standards?.tenant).toEqual(before.standards.tenant);
      expect(g.standards?.owner['1'].heating).not.toBe(before.standards.owner['1'].heating);
    }
  });

  it('a formula that errs leaves the group without a standard and says which, instead of a zero', () => {
    const broken = { ...standardFormulaTemplate, version: 4, non_heating: '={S}*({HOUSING})/SUMPRODUCT({PER_M2},{ALL_YEAR})' };
    const set = standardsByTemplate(exact, broken, standardFormulaTemplate, params);
    // the group of house 2 has no per-m² service all year round: division by zero
    const g = set.groups.find((x) => x.id === exact.houses.get(house(2).fias_id));
    expect(g?.standards).toBeNull();
    expect(g?.reason).toBe('Формула шаблона v4 дала ошибку #DIV/0! (наниматель, n = 1, неотопительный период); стандарт не рассчитан');
  });
});

describe('a formula template read from JSON', () => {
  it('takes the shipped shape and a saved version as the server gives it', () => {
    expect(readFormulaTemplate(standardFormulaTemplate, params)).toEqual({ ok: true, template: standardFormulaTemplate });
    const saved = readFormulaTemplate({ version: 5, template: { ...standardFormulaTemplate, version: 5 }, comment: 'x' }, params);
    expect(saved.ok && saved.template.version).toBe(5);
  });

  it('names the field of every problem, in Russian', () => {
    const r = readFormulaTemplate({ housing: { tenant: 1, owner: '{MAINTENANCE}' }, heating: '={S}*{HOUSNG}' }, params);
    expect(r.ok ? [] : r.problems).toEqual([
      'housing.tenant: нужна формула (строка), получено 1',
      'housing.owner_no_kr: нужна формула (строка), получено ничего',
      'non_heating: нужна формула (строка), получено ничего',
    ]);
    const unknown = readFormulaTemplate({ ...standardFormulaTemplate, heating: '={S}*{HOUSNG}' }, params);
    expect(unknown.ok ? [] : unknown.problems).toEqual([expect.stringMatching(/^heating: неизвестный компонент \{HOUSNG\}/)]);
    expect(readFormulaTemplate([1], params)).toEqual({ ok: false, problems: ['ожидался JSON-объект шаблона с полями housing, heating, non_heating'] });
  });
});
