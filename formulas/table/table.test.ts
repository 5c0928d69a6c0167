import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';
import { encodeCp1251 } from './cp1251.ts';
import { normalizeHeader, normalizeName } from './normalize.ts';
import { readGridFile } from './read-file.ts';
import { readTable } from './read-table.ts';
import type { TableSpec } from './spec.ts';

const spec: TableSpec = {
  kind: 'sample',
  title: 'Пример',
  key: ['fias_id'],
  columns: [
    { key: 'fias_id', title: 'Код дома по ФИАС', headers: [], type: { kind: 'fias' }, required: true },
    { key: 'address', title: 'Адрес дома', headers: ['Адрес'], type: { kind: 'text' }, required: true },
    { key: 'eot', title: 'ЭОТ, руб. (без НДС)', headers: ['ЭОТ'], type: { kind: 'decimal', scale: 4 }, required: true },
    { key: 'commissioned', title: 'Дата ввода в эксплуатацию', headers: [], type: { kind: 'date' }, required: false },
  ],
};

const GUID = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';

describe('header normalisation', () => {
  it('ignores case, ё/е, spaces, line breaks and trailing punctuation', () => {
    expect(normalizeHeader('Код дома\nпо  ФИАС:')).toBe(normalizeHeader('код дома по фиас'));
    expect(normalizeHeader('Потребление КУ на ОДН.')).toBe('потребление ку на одн');
    expect(normalizeHeader('Тариф, применяемый для начисления (без НДС)')).toBe(normalizeHeader('тариф,применяемый для начисления ( без ндс )'));
    expect(normalizeHeader('Расчёт')).toBe('расчет');
  });
  it('district names compare without «муниципальный район», «МР», «р-н», «район»', () => {
    const k = normalizeName('Абатский муниципальный район');
    for (const v of ['Абатский', 'абатский р-н', 'р-н. Абатский', 'Абатский МР', 'АБАТСКИЙ район']) expect(normalizeName(v)).toBe(k);
    expect(normalizeName('Ёлкинский')).toBe(normalizeName('Елкинский'));
    expect(normalizeName('Казанский')).not.toBe(k);
  });
});

describe('CSV', () => {
  it('reads UTF-8 with BOM and `;`', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Адрес;ЭОТ\r\n"ул. Звездная; д.1";48,80\r\n')]);
    expect(readCsv(bytes)).toEqual([['Адрес', 'ЭОТ'], ['ул. Звездная; д.1', '48,80']]);
  });
  it('reads Windows-1251 with `,`', () => {
    expect(readCsv(encodeCp1251('Адрес,ЭОТ\nул. Ёлочная,"48,80"\n'))).toEqual([['Адрес', 'ЭОТ'], ['ул. Ёлочная', '48,80']]);
  });
  it('keeps line breaks inside quoted cells', () => {
    expect(readCsv(new TextEncoder().encode('"Код дома\nпо ФИАС";x\n1;2\n'))[0]).toEqual(['Код дома\nпо ФИАС', 'x']);
  });
});

describe('reading a table against its template', () => {
  it('finds the header below a metadata block and reads columns in any order', () => {
    const grid = [
      ['Наименование РСО', 'ООО "Вода"'],
      ['ИНН РСО', '7202000010'],
      [],
      ['Дата ввода\nв эксплуатацию', 'ЭОТ', 'адрес:', 'КОД ДОМА ПО ФИАС'],
      ['1989', '48,80', 'ул. Звездная, д.1', GUID.toUpperCase()],
      [45170, 48.8, 'ул. Звездная, д.2', 'ae70d352-9dfa-4a00-a579-43df0a1cc0e2'],
    ];
    const { records, problems } = readTable(grid, spec, 'r.csv');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { __row: 5, fias_id: GUID, address: 'ул. Звездная, д.1', eot: 488000, commissioned: '1989-01-01' },
      { __row: 6, fias_id: 'ae70d352-9dfa-4a00-a579-43df0a1cc0e2', address: 'ул. Звездная, д.2', eot: 488000, commissioned: '2023-09-01' },
    ]);
  });
  it('finds a header on row 12 but not beyond row 30', () => {
    const header = ['Код дома по ФИАС', 'Адрес', 'ЭОТ'];
    const at12 = [...Array.from({ length: 11 }, () => ['']), header, [GUID, 'a', '1']];
    expect(readTable(at12, spec, 'f.csv').problems).toEqual([]);
    const at31 = [...Array.from({ length: 30 }, () => ['']), header, [GUID, 'a', '1']];
    expect(readTable(at31, spec, 'f.csv').problems[0]?.message).toMatch(/не найдена строка заголовков/);
  });
  it('names a missing required column', () => {
    const { problems } = readTable([['Код дома по ФИАС', 'Адрес'], [GUID, 'a']], spec, 'f.csv');
    expect(problems).toEqual([{ file: 'f.csv', row: 1, message: expect.stringMatching(/нет обязательных столбцов: «ЭОТ, руб\. \(без НДС\)» \(eot\)/) }]);
  });
  it('reports every bad cell with file, row and the column as written in the file', () => {
    const grid = [
      ['Код дома по ФИАС', 'Адрес', 'ЭОТ'],
      ['not-a-guid', 'a', '1'],
      [GUID, '', 'abc'],
      [GUID, 'b', '2'],
    ];
    const { problems } = readTable(grid, spec, 'f.csv');
    expect(problems).toEqual([
      { file: 'f.csv', row: 2, column: 'Код дома по ФИАС', message: expect.stringMatching(/GUID/) },
      { file: 'f.csv', row: 3, column: 'Адрес', message: 'пустое значение в обязательном столбце' },
      { file: 'f.csv', row: 3, column: 'ЭОТ', message: 'не число: «abc»' },
      { file: 'f.csv', row: 4, message: expect.stringMatching(/повтор записи строки 3/) },
    ]);
  });
});

describe('file type by content', () => {
  it('reads xlsx, turning date cells into ISO dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['Код дома по ФИАС', 'Адрес', 'ЭОТ', 'Дата ввода в эксплуатацию']);
    ws.addRow([GUID, 'a', 48.8, new Date(Date.UTC(1989, 0, 1))]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const grid = await readGridFile('whatever.csv', bytes);
    expect(grid.ok).toBe(true);
    if (grid.ok) expect(readTable(grid.value, spec, 'x.xlsx').records[0]).toMatchObject({ eot: 488000, commissioned: '1989-01-01' });
  });
  it('refuses legacy .xls and fake .xlsx with advice', async () => {
    const xls = await readGridFile('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    expect(xls).toEqual({ ok: false, message: expect.stringMatching(/сохраните файл как \.xlsx или \.csv/) });
    expect((await readGridFile('a.xlsx', new TextEncoder().encode('a;b'))).ok).toBe(false);
    expect((await readGridFile('a.csv', new Uint8Array())).ok).toBe(false);
  });
});

describe('xlsx reader', () => {
  it('reads shared, rich and special-character text, number formats that are and are not dates, and only the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Реестр');
    ws.addRow(['ООО "Тепло & Вода" <Абатск>', { richText: [{ text: 'Код дома ', font: { bold: true } }, { text: 'по ФИАС' }] }]);
    const r2 = ws.addRow([new Date(Date.UTC(2023, 8, 6)), 48.8, 45170, true]);
    r2.getCell(1).numFmt = 'dd.mm.yyyy';
    r2.getCell(2).numFmt = '0.00';
    ws.getCell('F4').value = 'далеко';
    wb.addWorksheet('Другой').addRow(['не читать']);
    const grid = await readGridFile('x.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(grid).toEqual({ ok: true, value: [
      ['ООО "Тепло & Вода" <Абатск>', 'Код дома по ФИАС'],
      ['2023-09-06', 48.8, 45170, true],
      [],
      [null, null, null, null, null, 'далеко'],
    ] });
  });
  it('refuses a broken archive with a message', async () => {
    const r = await readGridFile('x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(r.ok).toBe(false);
  });
});
