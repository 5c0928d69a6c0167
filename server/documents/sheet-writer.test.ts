import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, STYLE, writeSheet } from './sheet-writer.ts';

describe('the .xlsx sheet writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes a workbook ExcelJS reads back: values, escaped text, formats, frozen header, autofilter', async () => {
    const bytes = writeSheet({
      name: 'Реестр',
      widths: [10, 30, 16],
      rows: [
        [{ v: 'Реестр № 1', s: STYLE.title }],
        [{ v: '№', s: STYLE.header }, { v: 'Адрес', s: STYLE.header }, { v: 'Сумма, руб.', s: STYLE.header }],
        [1, 'ул. «Ленина» & <Мира> "3"\u0001\u000b', { v: 1_234_567.89, s: STYLE.money }],
        [2, null, { v: 0.05, s: STYLE.money }],
        [{ v: 'Итого', s: STYLE.bold }, '', { v: 1_234_567.94, s: STYLE.boldMoney }],
      ],
      headerRow: 2,
      filterTo: 4,
      headerHeight: 40,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Реестр');
    expect(ws).toBeDefined();
    if (!ws) return;
    expect(ws.getCell('B3').value).toBe('ул. «Ленина» & <Мира> "3"');
    expect(ws.getCell('C3').value).toBe(1_234_567.89);
    expect(ws.getCell('C3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B4').value).toBeNull();
    expect(ws.getCell('A5').font?.bold).toBe(true);
    expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:C4');
    expect(ws.getColumn(2).width).toBe(30);
  });
});
