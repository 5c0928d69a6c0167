import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { columnName, STYLE, writeSheet, type Cell } from './sheet-writer.ts';

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

  it('keeps each text once, read back in every cell, from rows given one at a time; prints landscape on one page width', async () => {
    function* rows(): Generator<Cell[]> {
      yield [{ v: '№', s: STYLE.header }, { v: 'Проверка', s: STYLE.header }];
      for (let i = 1; i <= 1_000; i++) yield [i, i % 3 ? 'Пройдена' : ' Не пройдена '];
    }
    const bytes = writeSheet({ name: 'Проверки', widths: [8, 20], rows: rows(), headerRow: 1, filterTo: 1_001, landscapeFitToWidth: true });
    const sst = strFromU8(unzipSync(bytes)['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(sst).toContain('count="1002" uniqueCount="4"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('Проверки');
    expect(ws?.rowCount).toBe(1_001);
    expect([ws?.getCell('B2').value, ws?.getCell('B4').value, ws?.getCell('A1001').value, ws?.getCell('B1001').value]).toEqual(['Пройдена', ' Не пройдена ', 1_000, 'Пройдена']);
    expect(ws?.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });
});
