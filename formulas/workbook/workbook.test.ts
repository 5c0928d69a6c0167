import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { todaySerial } from '../formula/row-formula.ts';
import { chartData, chartOption } from './chart.ts';
import { evaluateSheet, evaluateWorkbook, plainValue, type SheetResult } from './evaluate.ts';
import { pivot, pivotFields } from './pivot.ts';
import { readWorkbook } from './schema.ts';
import { registryRowsData, sheetOf } from './testing.ts';
import type { DataSet } from './data.ts';
import { workbookXlsx } from './xlsx.ts';

const ctx = { today: todaySerial('2026-05-15') };

const data: DataSet = registryRowsData([
  { row_no: 1, rso_name: 'Водоканал', district: 'Абатский', service: 'ВО', eot: 48.8, lt: 41.73, v: 10.1, v_water: 5, subsidy: 71.41, avg_12m: 6 },
  { row_no: 2, rso_name: 'Водоканал', district: 'Казанский', service: 'ВО', eot: 48.8, lt: 41.73, v: 3.2, v_water: 3.2, subsidy: 22.62, avg_12m: 3 },
  { row_no: 3, rso_name: 'Тепло', district: 'Абатский', service: 'ТС', eot: 2500.5, lt: 2000.25, v: 0.1, subsidy: 50.03, avg_12m: null },
  { row_no: 4, rso_name: 'Тепло', district: null, service: 'ТС', eot: 2500.5, lt: 2000.25, v: 0.2, subsidy: 100.05, avg_12m: 0.1 },
  { row_no: 5, rso_name: 'Водоканал', district: 'Абатский', service: 'ВО', eot: 48.8, lt: 41.73, v: null, v_water: 2, subsidy: 0.01, avg_12m: 2 },
]);

const values = (r: SheetResult, field: string) => Array.from(r.rows, (i) => plainValue((r.read.get(field) as (i: number) => never)(i)));

describe('formula columns', () => {
  it('give the same values written in Russian and in English', () => {
    const ru = evaluateSheet(sheetOf({ id: 'ru', formulas: [
      { name: 'diff', formula: '=[eot]-[lt]' },
      { name: 'growth', formula: '=ЕСЛИ([v]>1,5*[avg_12m]; "рост"; "")' },
      { name: 'money', formula: '=ОКРУГЛ([diff]*[v]; 2)' },
      { name: 'far', formula: '=И([v_water]>0; [v]>1,2*[v_water])' },
      { name: 'txt', formula: '=ТЕКСТ([subsidy]; "# ##0,00")&" ₽"' },
    ] }), data, ctx);
    const en = evaluateSheet(sheetOf({ id: 'en', formulas: [
      { name: 'diff', formula: '=[eot]-[lt]' },
      { name: 'growth', formula: '=IF([v]>1.5*[avg_12m], "рост", "")' },
      { name: 'money', formula: '=ROUND([diff]*[v], 2)' },
      { name: 'far', formula: '=AND([v_water]>0, [v]>1.2*[v_water])' },
      { name: 'txt', formula: '=TEXT([subsidy], "#,##0.00")&" ₽"' },
    ] }), data, ctx);
    expect(ru.problems).toEqual([]);
    expect(en.problems).toEqual([]);
    for (const f of ['diff', 'growth', 'money', 'far', 'txt']) expect(values(ru, f)).toEqual(values(en, f));
    expect(values(ru, 'diff')).toEqual([7.07, 7.07, 500.25, 500.25, 7.07]);
    expect(values(ru, 'money')).toEqual([71.41, 22.62, 50.03, 100.05, 0]);
    expect(values(ru, 'growth')).toEqual(['рост', '', 'рост', 'рост', '']);
    expect(values(ru, 'far')).toEqual([true, false, false, false, false]);
    expect(values(ru, 'txt')[0]).toBe('71,41 ₽');
  });

  it('report a problem with its position, and a later column cannot see it', () => {
    const r = evaluateSheet(sheetOf({ id: 's', formulas: [{ name: 'bad', formula: '=[eot]-[нет]' }, { name: 'next', formula: '=[bad]+1' }, { name: 'eot', formula: '=1' }] }), data, ctx);
    expect(r.problems.map((p) => [p.index, p.position])).toEqual([[0, 8], [1, 2], [2, undefined]]);
    expect(r.problems[0]?.message).toMatch(/позиция 8: неизвестное поле \[нет\]/);
    expect(r.problems[2]?.message).toMatch(/уже есть/);
  });
});

describe('filters and sorts', () => {
  it('filter on formula columns and numbers written the Russian way, sort with blanks last', () => {
    const r = evaluateSheet(sheetOf({
      id: 's',
      formulas: [{ name: 'diff', formula: '=[eot]-[lt]' }],
      filters: [{ field: 'diff', op: '<', value: '100,5' }, { field: 'rso_name', op: 'contains', value: 'водо' }],
      sorts: [{ field: 'v', desc: true }],
    }), data, ctx);
    expect(values(r, 'row_no')).toEqual([1, 2, 5]);
    const r2 = evaluateSheet(sheetOf({ id: 's', filters: [{ field: 'district', op: 'empty' }] }), data, ctx);
    expect(values(r2, 'row_no')).toEqual([4]);
    const r3 = evaluateSheet(sheetOf({ id: 's', sorts: [{ field: 'district' }, { field: 'subsidy', desc: true }] }), data, ctx);
    expect(values(r3, 'row_no')).toEqual([1, 3, 5, 2, 4]);
    const bad = evaluateSheet(sheetOf({ id: 's', filters: [{ field: 'v', op: '>', value: 'много' }, { field: 'nope', op: 'empty' }] }), data, ctx);
    expect(bad.problems.map((p) => p.message)).toEqual(['фильтр по [v]: «много» — не число', 'фильтр: неизвестное поле [nope]']);
  });
});

describe('pivot', () => {
  it('sums exactly to the kopeck, counts, averages, min, max, with the rows behind each cell', () => {
    const sheet = sheetOf({ id: 's', formulas: [{ name: 'half', formula: '=[subsidy]/2' }] });
    const r = evaluateSheet(sheet, data, ctx);
    const p = pivot(
      { groupBy: ['rso_name', 'district'], values: [{ field: 'subsidy', agg: 'sum' }, { field: 'v', agg: 'count' }, { field: 'v', agg: 'avg' }, { field: 'half', agg: 'sum' }, { field: 'eot', agg: 'max' }, { field: 'v', agg: 'min' }] },
      r.rows,
      pivotFields(r, data),
    );
    expect(p.groups.map((g) => [...g.keys, ...g.values])).toEqual([
      ['Водоканал', 'Абатский', 71.42, 1, 10.1, 35.71, 48.8, 10.1],
      ['Водоканал', 'Казанский', 22.62, 1, 3.2, 11.31, 48.8, 3.2],
      ['Тепло', 'Абатский', 50.03, 1, 0.1, 25.015, 2500.5, 0.1],
      ['Тепло', null, 100.05, 1, 0.2, 50.025, 2500.5, 0.2],
    ]);
    expect(p.groups[0]?.rows).toEqual([0, 4]);
    expect(p.total.values[0]).toBe(244.12);
    expect(p.total.values[3]).toBe(122.06);
    // regrouped by one field: the same rows, other cells
    const q = pivot({ groupBy: ['service'], values: [{ field: 'subsidy', agg: 'sum' }] }, r.rows, pivotFields(r, data));
    expect(q.groups.map((g) => [g.keys[0], g.values[0], g.rows])).toEqual([['ВО', 94.04, [0, 1, 4]], ['ТС', 150.08, [2, 3]]]);
  });

  it('draws a chart of the pivot with Russian numbers', () => {
    const r = evaluateSheet(sheetOf({ id: 's' }), data, ctx);
    const p = pivot({ groupBy: ['service', 'rso_name'], values: [{ field: 'subsidy', agg: 'sum' }] }, r.rows, pivotFields(r, data));
    const d = chartData(p, { type: 'stacked' }, (n) => r.known.find((f) => f.name === n) ?? null);
    expect(d.categories).toEqual(['ВО', 'ТС']);
    expect(d.series).toEqual([{ name: 'Водоканал', values: [94.04, null] }, { name: 'Тепло', values: [null, 150.08] }]);
    const o = chartOption(d, { type: 'stacked' }) as { yAxis: { axisLabel: { formatter: (x: number) => string } }; series: { stack?: string }[] };
    expect(o.yAxis.axisLabel.formatter(1234.5)).toBe('1\u00a0234,50');
    expect(o.series[0]?.stack).toBe('total');
  });
});

describe('workbook', () => {
  it('reads another sheet’s result and reports a cycle', () => {
    const def = {
      version: 1 as const, title: 'Книга', sheets: [
        sheetOf({ id: 'a', formulas: [{ name: 'diff', formula: '=[eot]-[lt]' }], filters: [{ field: 'service', op: '=', value: 'ВО' }], columns: ['row_no', 'v'] }),
        sheetOf({ id: 'b', source: { kind: 'sheet', sheet: 'a' }, formulas: [{ name: 'cost', formula: '=[diff]*[v]' }] }),
        sheetOf({ id: 'c', source: { kind: 'sheet', sheet: 'd' } }),
        sheetOf({ id: 'd', source: { kind: 'sheet', sheet: 'c' } }),
      ],
    };
    const w = evaluateWorkbook(def, new Map([['a', data]]), ctx);
    const b = w.sheets.get('b') as SheetResult;
    expect(b.fields.map((f) => f.name)).toEqual(['row_no', 'v', 'diff', 'cost']);
    expect(values(b, 'cost')).toEqual([71.407, 22.624, 0]);
    expect([...w.problems.keys()].sort()).toEqual(['c', 'd']);
    expect(w.problems.get('c')?.[0]?.message).toMatch(/сам на себя/);
  });

  it('reads a definition with Russian problems naming the place', () => {
    expect(readWorkbook({ version: 1, title: 'x', sheets: [sheetOf({ id: 'a' })] }).ok).toBe(true);
    const bad = readWorkbook({ version: 1, title: 'x', sheets: [{ ...sheetOf({ id: 'a' }), filters: [{ field: 'v', op: 'like' }] }] }, 'book.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^book\.json: листы\[0\]\.фильтры\[0\]\.op: /);
    if (!bad.ok) expect(bad.message).toMatch(/[а-я]/);
  });

  it('exports formula columns as live Excel formulas that ExcelJS reads back as formulas', async () => {
    const sheet = sheetOf({ id: 's', title: 'ВО', columns: ['row_no', 'district'], formulas: [{ name: 'diff', formula: '=[eot]-[lt]' }, { name: 'flag', formula: '=ЕСЛИ([diff]*[v]>50; "много"; "")' }] });
    const r = evaluateSheet(sheet, data, ctx);
    const bytes = await workbookXlsx([{ sheet, result: r }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = book.getWorksheet('ВО') as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Строка', 'Район', 'diff', 'flag', 'ЭОТ', 'ЛТ', 'Объём']);
    const c2 = ws.getCell('C2').value as ExcelJS.CellFormulaValue;
    expect(c2.formula).toBe('E2-F2');
    expect(c2.result).toBe(7.07);
    const d3 = ws.getCell('D3').value as ExcelJS.CellFormulaValue;
    expect(d3.formula).toBe('IF(C3*G3>50, "много", "")');
    expect(ws.getCell('E2').value).toBe(48.8);
  });
});
