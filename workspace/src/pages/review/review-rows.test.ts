import { describe, expect, it } from 'vitest';
import type { RegistryRowsPayload } from '../../../../server/contract/registries.ts';
import { gridRows, NO_FILTER, passesExceptTab, registryRowsOf, rowsModel, scaled4, tabCounts } from './review-rows.ts';

/** Three rows, rules 1, 9 and a low-code warning: row 7 clean, row 8 fails #9, row 9 fails #1 and the warning. */
function payload(): RegistryRowsPayload {
  return {
    registryId: 5,
    checkRunId: 11,
    ruleIds: ['1', '9', 'odn_over_living'],
    ruleTitles: ['Наличие в ФИАС', 'Резкое изменение объемов', 'ОДН больше жилых'],
    ruleSeverities: ['error', 'error', 'warning'],
    reasons: ['', 'Среднее значение объема по данному дому 10,0000 куб. м (дельта +200%)'],
    count: 3,
    rowNo: [7, 8, 9],
    n: [1, 2, null],
    address: ['с. Абатское, ул. Ёлочная, д. 1', 'с. Абатское, ул. Садовая, д. 2', 'д. Ивановка, д. 3'],
    fiasId: ['A0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', ''],
    diffAttr: ['с -- по --', 'с -- по --', 'с -- по --'],
    territory: ['Абатский муниципальный район', 'Абатский муниципальный район', 'Ишимский муниципальный район'],
    supplySystem: ['', '', ''],
    commissioned: ['1989-01-01', '', ''],
    tariffKind: ['Однотарифный', 'Однотарифный', 'Однотарифный'],
    eot: ['48.8000', '48.8000', null],
    lt: ['41.7300', '41.7300', '41.7300'],
    vLiving: ['10.0000', '30.0000', '0.5'],
    vOdn: ['0.0000', null, '-1.25'],
    subsidy: [7070, 21210, null],
    expected: [7070, 21210, null],
    checkStatus: [1, 1, 1, 1, 2, 1, 2, 3, 2],
    checkReason: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  };
}

describe('review rows', () => {
  it('reads API decimals as exact integers of 10⁻⁴, never through floats', () => {
    expect(scaled4('1234.5678')).toBe(12_345_678);
    expect(scaled4('48.8')).toBe(488_000);
    expect(scaled4('-1.25')).toBe(-12_500);
    expect(scaled4('0.00001')).toBe(0);
    expect(scaled4('7')).toBe(70_000);
    expect(scaled4(null)).toBeNaN();
    expect(scaled4('')).toBeNaN();
    expect(scaled4('1,5')).toBeNaN();
  });

  it('names verdicts and counts failures per rule; a warning alone leaves the row clean', () => {
    const m = rowsModel(payload(), (id) => (id === 'odn_over_living' ? 'warning' : 'error'));
    expect(m.ruleNumbers).toEqual(['1', '9', '3']);
    expect(m.failedCounts).toEqual([1, 1, 1]);
    expect([0, 1, 2].map((i) => m.verdict(i))).toEqual(['Без ошибок', 'Есть ошибки #9', 'Есть ошибки #1; предупреждения #3']);
    expect([0, 1, 2].map((i) => m.clean(i))).toEqual([true, false, false]);
    expect(m.districts).toEqual(['Абатский муниципальный район', 'Ишимский муниципальный район']);
    expect(m.indexOf.get(9)).toBe(2);
    const warningOnly = rowsModel({ ...payload(), checkStatus: [1, 1, 2, 1, 1, 1, 1, 1, 1] }, () => 'warning');
    expect(warningOnly.verdict(0)).toBe('Предупреждения #3');
    expect(warningOnly.clean(0)).toBe(true);
  });

  it('filters by rule, district, address words (ё = е, any case) and counts the tabs over the other filters', () => {
    const m = rowsModel(payload());
    const rows = gridRows(m.payload, { registryId: 5, version: '1', status: [1, 0, 2], reasons: { 9: 'нет дома' } });
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['7', 1],
      ['8', 0],
      ['9', 2],
    ]);
    expect(tabCounts(m, rows, NO_FILTER)).toEqual([3, 1, 1, 1]);
    expect(tabCounts(m, rows, { ...NO_FILTER, district: 'Абатский муниципальный район' })).toEqual([2, 1, 1, 0]);
    expect(tabCounts(m, rows, { ...NO_FILTER, rule: 1 })).toEqual([1, 1, 0, 0]);
    expect(passesExceptTab(m, { ...NO_FILTER, address: 'ЕЛОЧНАЯ 1' }, 0)).toBe(true);
    expect(passesExceptTab(m, { ...NO_FILTER, address: 'елочная 2' }, 0)).toBe(false);
    expect(tabCounts(m, rows, { ...NO_FILTER, only: new Set([2]) })).toEqual([1, 0, 0, 1]);
    // before the decisions arrive a row has no status and counts only under «Все»
    expect(tabCounts(m, gridRows(m.payload, null), NO_FILTER)).toEqual([3, 0, 0, 0]);
  });

  it('turns the payload back into the check engine columns for the browser worker', () => {
    const r = registryRowsOf(payload());
    expect(r.count).toBe(3);
    expect([...r.fileRow]).toEqual([7, 8, 9]);
    expect(r.fiasId[0]).toBe('a0000000-0000-4000-8000-000000000001');
    expect([...r.eot]).toEqual([488_000, 488_000, Number.NaN]);
    expect([...r.vOdn]).toEqual([0, Number.NaN, -12_500]);
    // kopecks → 10⁻⁴ руб.
    expect([...r.subsidy]).toEqual([707_000, 2_121_000, Number.NaN]);
    expect([...r.n]).toEqual([1, 2, Number.NaN]);
  });
});
