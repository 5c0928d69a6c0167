import { describe, expect, it } from 'vitest';
import { standardParams } from '../../../../formulas/standards/params.ts';
import { computeStandards } from '../../../../formulas/standards/standard.ts';
import type { ServiceLine } from '../../../../formulas/standards/types.ts';
import { standardFormulaTemplate, standardParamsTemplate } from '../../../../templates/index.ts';
import { standardsAt } from './standards-api.ts';
import { createStandardsService } from './standards-service.ts';

const params = standardParams(standardParamsTemplate);

/** DOMAIN.md's example: maintenance 2.43 руб./м², heating 647.06 руб./Гкал × 0.017 Гкал/м², heating only. */
const HEATING: ServiceLine = { service: 'ТС', tariff: 6_470_600, norm: 170, norm_unit: 'м2', heating_only: true };
const WATER: ServiceLine = { service: 'ХВС', tariff: 421_200, norm: 47_800, norm_unit: 'чел', heating_only: false };
const example = { id: 'example', rates: { maintenance: 243, capital_repair: 0, rent: 0 }, services: [HEATING] };
const withWater = { id: 'water', rates: { maintenance: 2_510, capital_repair: 1_120, rent: 340 }, services: [HEATING, WATER] };
const noServices = { id: 'bare', rates: { maintenance: 1_999, capital_repair: 801, rent: 125 }, services: [] };

describe('standards service (HyperFormula over every group)', () => {
  it('gives DOMAIN.md example figures for the owner without КР, and the exact evaluator figures for every standard', () => {
    const service = createStandardsService();
    const run = service.evaluate([example, withWater, noServices], standardFormulaTemplate, params);
    expect(run.ids).toEqual(['example', 'water', 'bare']);
    expect(run.formulas).toBe(3 * 18);
    const first = standardsAt(run.values, 0);
    // housing 2.43 × S(n) + heating 647.06 × 0.017 × S(n) in the heating period only
    expect(first?.owner_no_kr['1']).toEqual({ heating: 8_019 + 36_300, non_heating: 8_019 });
    expect(first?.owner_no_kr['2']).toEqual({ heating: 5_103 + 23_100, non_heating: 5_103 });
    expect(first?.owner_no_kr['3']).toEqual({ heating: 4_374 + 19_800, non_heating: 4_374 });
    [example, withWater, noServices].forEach((g, i) => expect(standardsAt(run.values, i)).toEqual(computeStandards(g.rates, g.services, params)));
  });

  it('recalculates a group after an edited tariff and norm to what the exact evaluator gives for the new lines', () => {
    const service = createStandardsService();
    service.evaluate([example, withWater], standardFormulaTemplate, params);
    const tariff = service.edit('water', 'ХВС', { tariff: 455_000 });
    expect(tariff.standards).toEqual(computeStandards(withWater.rates, [HEATING, { ...WATER, tariff: 455_000 }], params));
    const norm = service.edit('water', 'ТС', { norm: 205 });
    expect(norm.standards).toEqual(computeStandards(withWater.rates, [{ ...HEATING, norm: 205 }, { ...WATER, tariff: 455_000 }], params));
    // the other group is untouched
    expect(service.edit('example', 'ТС', {}).standards).toEqual(computeStandards(example.rates, example.services, params));
    expect(() => service.edit('water', 'ГВС', { tariff: 1 })).toThrow(/no service ГВС/);
  });

  it('groups with the same rates and lines share a row until one of them is edited; the other keeps its standards', () => {
    const service = createStandardsService();
    // the same rates and lines under other ids (another district or heating type), and wider and narrower groups
    const twin = { ...withWater, id: 'twin' };
    const run = service.evaluate([withWater, example, twin, noServices], standardFormulaTemplate, params);
    const exact = computeStandards(withWater.rates, withWater.services, params);
    expect(standardsAt(run.values, 0)).toEqual(exact);
    expect(standardsAt(run.values, 2)).toEqual(exact);
    const edited = service.edit('twin', 'ХВС', { tariff: 455_000 });
    expect(edited.standards).toEqual(computeStandards(withWater.rates, [HEATING, { ...WATER, tariff: 455_000 }], params));
    expect(service.edit('water', 'ХВС', {}).standards).toEqual(exact);
    // a second edit of the group that moved works on its own row
    expect(service.edit('twin', 'ТС', { norm: 205 }).standards).toEqual(computeStandards(withWater.rates, [{ ...HEATING, norm: 205 }, { ...WATER, tariff: 455_000 }], params));
    expect(service.edit('water', 'ТС', {}).standards).toEqual(exact);
  });

  it('marks a standard NaN where an analyst’s template errs, instead of a silent zero', () => {
    const service = createStandardsService();
    const broken = { ...standardFormulaTemplate, heating: '={S}*({HOUSING})/0' };
    const run = service.evaluate([example], broken, params);
    expect(standardsAt(run.values, 0)).toBeNull();
    expect(Number.isNaN(run.values[1])).toBe(false); // non-heating, slot 1, still computes
  });
});
