import { describe, expect, it } from 'vitest';
import { standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import { standardParams } from './params.ts';
import { buildStandardSheet } from './sheet.ts';
import { createStandardSheetService, type SheetState } from './sheet-service.ts';
import { computeStandards } from './standard.ts';
import type { ServiceLine } from './types.ts';

const params = standardParams(standardParamsTemplate);
const rates = { maintenance: 2000, capital_repair: 1000, rent: 300 };
const lines: ServiceLine[] = [
  { service: 'ХВС', tariff: 417_300, norm: 51_000, norm_unit: 'чел', heating_only: false },
  { service: 'ТС', tariff: 25_000_000, norm: 220, norm_unit: 'м2', heating_only: true },
];
const asStandards = (s: SheetState) => {
  const out: Record<string, Record<string, Record<string, number | null>>> = {};
  for (const { ref, value } of s.standards) ((out[ref.category] ??= {})[ref.n] ??= {})[ref.period] = value;
  return out;
};

describe('the standards sheet service (what the Web Worker exposes)', () => {
  it('an edited tariff recalculates every dependent standard, as the exact evaluator computes them', () => {
    const sheet = buildStandardSheet({ rates, services: lines }, params, standardFormulaTemplate);
    const service = createStandardSheetService();
    expect(asStandards(service.open(sheet))).toEqual(computeStandards(rates, lines, params));
    const ts = sheet.services.find((s) => s.service === 'ТС');
    const edited = service.setCell(ts!.row, 1, 2600); // ТС 2500 → 2600 руб./Гкал
    const expected = computeStandards(rates, [lines[0]!, { ...lines[1]!, tariff: 26_000_000 }], params);
    expect(asStandards(edited)).toEqual(expected);
    // heating standards moved by S(n)·100·0,022; non-heating ones did not
    expect(expected.owner['1'].heating - computeStandards(rates, lines, params).owner['1'].heating).toBe(7260);
    expect(edited.values[ts!.row]?.[1]).toBe(2600);
    service.close();
  });

  it('a rate edit and a broken formula: the error is shown, not a zero', () => {
    const sheet = buildStandardSheet({ rates, services: lines }, params, standardFormulaTemplate);
    const service = createStandardSheetService();
    service.open(sheet);
    const after = service.setCell(sheet.rates.maintenance, 1, 21);
    expect(asStandards(after).owner_no_kr?.['1']?.non_heating).toBe(computeStandards({ ...rates, maintenance: 2100 }, lines, params).owner_no_kr['1'].non_heating);
    const cell = sheet.standards[0]!;
    const broken = service.setCell(cell.row, cell.col, '=1/0');
    expect(broken.standards[0]).toMatchObject({ value: null, error: '#DIV/0!' });
    service.close();
  });
});
