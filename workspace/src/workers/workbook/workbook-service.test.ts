import { describe, expect, it } from 'vitest';
import { wireOfRows } from '../../../../formulas/workbook/data.ts';
import { SOURCE_FIELDS } from '../../../../formulas/workbook/sources.ts';
import type { WorkbookDef } from '../../../../formulas/workbook/types.ts';
import { createWorkbookService } from './workbook-service.ts';

const rows = [
  { rso_name: 'Водоканал', district: 'Абатский', eot: 488_000, lt: 417_300, v: 101_000, subsidy: 7_141 },
  { rso_name: 'Водоканал', district: 'Казанский', eot: 488_000, lt: 417_300, v: 32_000, subsidy: 2_262 },
  { rso_name: 'Тепло', district: 'Абатский', eot: 25_005_000, lt: 20_002_500, v: 1_000, subsidy: 5_003 },
];
const def: WorkbookDef = {
  version: 1, title: 'т', sheets: [
    { id: 'a', title: 'a', source: { kind: 'registry_rows' }, columns: ['rso_name', 'district'], formulas: [{ name: 'cost', formula: '=ОКРУГЛ(([eot]-[lt])*[v]; 2)' }], filters: [], sorts: [{ field: 'cost', desc: true }], pivot: { groupBy: ['rso_name'], values: [{ field: 'cost', agg: 'sum' }, { field: 'subsidy', agg: 'sum' }] }, chart: { type: 'bar' } },
    { id: 'b', title: 'b', source: { kind: 'sheet', sheet: 'a' }, columns: [], formulas: [{ name: 'x', formula: '=[cost]*2' }], filters: [], sorts: [] },
  ],
};

describe('the workbook worker’s service', () => {
  it('keeps each source once, evaluates the sheets, pivots and charts, and gives the rows behind a group', () => {
    const s = createWorkbookService();
    const wire = wireOfRows(SOURCE_FIELDS.registry_rows, rows);
    expect(s.load('a', JSON.stringify(def.sheets[0]?.source), wire)).toBe(true);
    expect(s.load('a', JSON.stringify(def.sheets[0]?.source), wire)).toBe(false);
    const e = s.evaluate(def, '2026-05-15', 2);
    const [a, b] = e.sheets;
    expect(a?.problems).toEqual([]);
    // (48,80 − 41,73) × 10,1 = 71,407 → 71,41; × 3,2 = 22,624 → 22,62; (2 500,50 − 2 000,25) × 0,1 = 50,025 → 50,03
    expect(a?.rows).toEqual([['Водоканал', 'Абатский', 71.41], ['Тепло', 'Абатский', 50.03]]);
    expect(a?.rowCount).toBe(3);
    expect(a?.pivot?.groups).toEqual([{ keys: ['Водоканал'], values: [94.03, 94.03], rows: 2 }, { keys: ['Тепло'], values: [50.03, 50.03], rows: 1 }]);
    expect(a?.pivot?.chart?.categories).toEqual(['Водоканал', 'Тепло']);
    expect(b?.rows.map((r) => r.at(-1))).toEqual([142.82, 100.06]);
    expect(b?.rowCount).toBe(3);
    expect(s.drill('a', 0, 10)).toEqual({ fields: a?.fields, rows: [['Водоканал', 'Абатский', 71.41], ['Водоканал', 'Казанский', 22.62]], count: 2 });
    // a sheet whose source is not loaded says so instead of showing nothing
    const other = s.evaluate({ ...def, sheets: [{ ...(def.sheets[0] as WorkbookDef['sheets'][number]), source: { kind: 'houses' } }] }, '2026-05-15', 10);
    expect(other.sheets[0]?.problems[0]?.message).toMatch(/данные источника не загружены/);
  });
});
