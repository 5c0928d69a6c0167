import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import { standardParams } from './params.ts';
import { buildStandardSheet, evaluateStandardSheet, hfValueToKopecks, templateProblems } from './sheet.ts';
import { computeStandards } from './standard.ts';
import type { ServiceLine } from './types.ts';

const params = standardParams(standardParamsTemplate);
const SERVICES = ['ХВС', 'ГВС', 'ВО', 'ТС', 'ЭЭ', 'Газ', 'ТКО', 'ЖБО'];

// Services as real ones come, with 4 decimals as house_services.csv writes them: heat per m² (up to
// 5,000 руб./Гкал × 0.05 Гкал/м²), gas heating per m² (100 руб. × 10 м³/м²), per person (100 руб. × 200 units)
const kind = (unit: 'чел' | 'м2', maxTariff: number, maxNorm: number): fc.Arbitrary<ServiceLine> => fc.record({
  service: fc.constantFrom(...SERVICES),
  tariff: fc.integer({ min: 0, max: maxTariff }),
  norm: fc.integer({ min: 0, max: maxNorm }),
  norm_unit: fc.constant(unit),
  heating_only: fc.boolean(),
});
const line = fc.oneof(kind('м2', 50_000_000, 500), kind('м2', 1_000_000, 100_000), kind('чел', 1_000_000, 2_000_000));
const rates = fc.record({ maintenance: fc.integer({ min: 0, max: 6000 }), capital_repair: fc.integer({ min: 0, max: 2000 }), rent: fc.integer({ min: 0, max: 1000 }) });

describe('the HyperFormula sheet of a group', () => {
  it('evaluates the DOMAIN.md example like the exact evaluator', () => {
    const group = { rates: { maintenance: 243, capital_repair: 0, rent: 0 }, services: [{ service: 'ТС', tariff: 6_470_600, norm: 170, norm_unit: 'м2' as const, heating_only: true }] };
    const sheet = buildStandardSheet(group, params, standardFormulaTemplate);
    const hf = evaluateStandardSheet(sheet);
    expect(hf.owner_no_kr['1']).toEqual({ heating: 8019 + 36300, non_heating: 8019 });
    const cell = sheet.standards.find((s) => s.category === 'tenant' && s.n === '2' && s.period === 'heating');
    expect(sheet.cells[cell!.row]![cell!.col]).toBe('=$B$3*($B$7+$B$5)+$B$3*SUMPRODUCT($B$10:$B$10,$C$10:$C$10,$E$10:$E$10)+SUMPRODUCT($B$10:$B$10,$C$10:$C$10,$F$10:$F$10)');
  });

  it('equals the exact evaluator on random groups, to the kopeck', () => {
    // HyperFormula computes in doubles. With whole S(n) the exact standard has at most 8 decimals; a standard
    // stays below 10^6 руб. (here at most 8 × 33,000), where a double's step is ~10^-10 and the formula's few
    // dozen operations err by far less than 10^-8. So the double printed to 8 places is the exact decimal,
    // and rounding that text half up lands on the exact evaluator's kopeck, ties included.
    fc.assert(
      fc.property(rates, fc.array(line, { maxLength: 8 }), (r, services) => {
        const exact = computeStandards(r, services, params);
        expect(evaluateStandardSheet(buildStandardSheet({ rates: r, services }, params, standardFormulaTemplate))).toEqual(exact);
      }),
      { numRuns: 100, seed: 42 },
    );
  });

  it('agrees on exact half kopecks, where a float ROUND would not', () => {
    // 1.0050 руб. × 1.0000 per person = 1.005 руб.: Math.round(1.005 * 100) is 100, half up gives 101
    const services: ServiceLine[] = [{ service: 'ХВС', tariff: 10_050, norm: 10_000, norm_unit: 'чел', heating_only: false }];
    const r = { maintenance: 0, capital_repair: 0, rent: 0 };
    expect(evaluateStandardSheet(buildStandardSheet({ rates: r, services }, params, standardFormulaTemplate)).tenant['1'].heating).toBe(101);
    expect(computeStandards(r, services, params).tenant['1'].heating).toBe(101);
    expect(hfValueToKopecks(1.005)).toBe(101);
    expect(hfValueToKopecks('#DIV/0!')).toBeNull();
  });

  it('finds what is wrong with a template an analyst saves', () => {
    expect(templateProblems(standardFormulaTemplate, params)).toEqual([]);
    expect(templateProblems({ ...standardFormulaTemplate, heating: '={S}*{HOUSNG}' }, params)[0]).toMatch(/неизвестный компонент \{HOUSNG\}/);
    expect(templateProblems({ ...standardFormulaTemplate, non_heating: '=1/0' }, params)[0]).toMatch(/ошибка вычисления/);
    expect(templateProblems({ ...standardFormulaTemplate, heating: '{S}' }, params)[0]).toMatch(/начинаться со знака/);
  });
});
