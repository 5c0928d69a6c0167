import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readGridFile } from '../table/read-file.ts';
import { encodeCp1251 } from '../table/cp1251.ts';
import { SERVICES } from '../checks/testing.ts';
import { parsePeriod } from './period.ts';
import { readRegistry, type RegistryRead } from './read-registry.ts';
import type { RegistrySpec } from './types.ts';
import unified from '../../templates/registry/unified.json' with { type: 'json' };

const spec = unified as RegistrySpec;
const G = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';

const META = [
  ['Наименование РСО', 'ООО "Теплосервис с. Абатское"'],
  ['ИНН РСО', '7203000014'],
  ['Услуга', 'Холодное водоснабжение'],
  ['Отчетный период', 'август 2023'],
  ['Исх. № письма РСО', '157'],
  ['Дата письма РСО', '06.09.2023'],
  [],
];
const HEADER = ['№ п/п', 'Адрес дома', 'Код дома по ФИАС', 'Дом, признак дифференциации тарифов', 'Территория оказания услуги', 'Система снабжения ком. ресурсом', 'Дата ввода в эксплуатацию', 'Вид тарифа', 'ЭОТ, руб. (без НДС)', 'Тариф, применяемый для начисления (без НДС)', 'Потребление КУ в жилых помещениях', 'Потребление КУ на ОДН', 'Размер итоговой субсидии, руб.'];
const ROW = ['1', 'сбп. Троицкая, ул. Звездная, д.10', G.toUpperCase(), 'с -- по --', 'Абатский муниципальный район', '', '01.01.1986', 'Однотарифный', '48,80', '41,73', '10,00', '0,0000', '70,70'];

const csv = (rows: string[][], sep = ';'): string => rows.map((r) => r.map((c) => (/[;,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n');

async function read(name: string, bytes: Uint8Array): Promise<RegistryRead> {
  const grid = await readGridFile(name, bytes, spec);
  if (!grid.ok) throw new Error(grid.message);
  return readRegistry(grid.value, spec, SERVICES, name);
}

function expectGoodRow(r: RegistryRead): void {
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.problems).toEqual([]);
  expect(r.meta).toEqual({ rsoName: 'ООО "Теплосервис с. Абатское"', rsoInn: '7203000014', service: 'ХВС', period: expect.objectContaining({ key: '2023-08' }), letterNo: '157', letterDate: '2023-09-06' });
  expect(r.rows.count).toBe(1);
  expect(r.rows.fiasId[0]).toBe(G);
  expect(r.rows.eot[0]).toBe(488_000);
  expect(r.rows.lt[0]).toBe(417_300);
  expect(r.rows.vLiving[0]).toBe(100_000);
  expect(r.rows.subsidy[0]).toBe(707_000);
  expect(r.rows.fileRow[0]).toBe(META.length + 2);
}

describe('registry reader', () => {
  it('reads UTF-8 CSV with «;», with and without BOM', async () => {
    const text = csv([...META, HEADER, ROW]);
    expectGoodRow(await read('r.csv', new TextEncoder().encode(text)));
    expectGoodRow(await read('r.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])));
  });
  it('reads Windows-1251 CSV with «,»', async () => {
    expectGoodRow(await read('r.csv', encodeCp1251(csv([...META, HEADER, ROW], ','))));
  });
  it('reads xlsx with numbers as numbers, dates as dates and the header lower down', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Реестр');
    ws.addRow(['Реестр для расчета субсидии']);
    ws.addRow([]);
    for (const m of META) ws.addRow(m.length ? [m[0], m[0] === 'Дата письма РСО' ? new Date(Date.UTC(2023, 8, 6)) : m[1]] : []);
    ws.addRow(HEADER);
    ws.addRow([1, ROW[1], ROW[2], ROW[3], ROW[4], '', new Date(Date.UTC(1986, 0, 1)), ROW[7], 48.8, 41.73, 10, 0, 70.7]);
    const r = await read('r.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.ok && r.problems).toEqual([]);
    if (r.ok) {
      expect(r.rows.eot[0]).toBe(488_000);
      expect(r.rows.subsidy[0]).toBe(707_000);
      expect(r.rows.commissioned[0]).toBe('1986-01-01');
      expect(r.meta.letterDate).toBe('2023-09-06');
      expect(r.rows.fileRow[0]).toBe(META.length + 4);
    }
  });
  it('matches headers in any order and spelling: case, ё/е, line breaks, trailing punctuation', async () => {
    const order = [2, 0, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 1];
    const header = order.map((k) => HEADER[k]!);
    header[0] = 'КОД ДОМА\nПО ФИАС:';
    header[2] = 'размер итоговой субсидии, руб';
    header[4] = 'Потребление  КУ в жилых\r\nпомещениях.';
    const row = order.map((k) => ROW[k]!);
    expectGoodRow(await read('r.csv', new TextEncoder().encode(csv([...META, header, row]))));
  });
  it('reads numbers with a point, spaces and as text; keeps dates as written for the checks', async () => {
    const row = [...ROW];
    row[8] = '48.8';
    row[12] = '1 070,70';
    row[6] = '1986';
    const r = await read('r.csv', new TextEncoder().encode(csv([...META, HEADER, row])));
    expect(r.ok && [r.rows.eot[0], r.rows.subsidy[0], r.rows.commissioned[0]]).toEqual([488_000, 10_707_000, '1986']);
  });
  it('reports unreadable numbers with file, row and column, keeping the row', async () => {
    const row = [...ROW];
    row[9] = 'сорок';
    const r = await read('август.csv', new TextEncoder().encode(csv([...META, HEADER, row, ROW])));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.problems).toEqual([{ file: 'август.csv', row: 9, column: 'Тариф, применяемый для начисления (без НДС)', message: 'не число: «сорок»' }]);
      expect(r.rows.count).toBe(2);
      expect(Number.isNaN(r.rows.lt[0])).toBe(true);
    }
  });
  it('rejects files without a header, without a required column or without the ИНН', async () => {
    const noHeader = await read('a.csv', new TextEncoder().encode(csv([...META, ROW])));
    expect(noHeader).toEqual({ ok: false, problems: [{ file: 'a.csv', message: expect.stringMatching(/не найдена строка заголовков/) }] });
    const noSubsidy = await read('b.csv', new TextEncoder().encode(csv([...META, HEADER.slice(0, 12), ROW.slice(0, 12)])));
    expect(noSubsidy).toEqual({ ok: false, problems: [{ file: 'b.csv', row: 8, message: expect.stringMatching(/нет обязательных столбцов: «Размер итоговой субсидии, руб\.»/) }] });
    const noInn = await read('c.csv', new TextEncoder().encode(csv([...META.filter((m) => m[0] !== 'ИНН РСО'), HEADER, ROW])));
    expect(noInn).toEqual({ ok: false, problems: [{ file: 'c.csv', message: 'в шапке реестра нет «ИНН РСО»' }] });
    const badService = await read('d.csv', new TextEncoder().encode(csv([...META.map((m) => (m[0] === 'Услуга' ? ['Услуга', 'Вывоз снега'] : m)), HEADER, ROW])));
    expect(badService.ok).toBe(false);
  });
});

describe('reporting period', () => {
  it('reads «август 2023», «Мая 2024 г.», «08.2023», «2023-08»', () => {
    for (const [text, key] of [['август 2023', '2023-08'], ['Мая 2024 г.', '2024-05'], ['март 2024', '2024-03'], ['08.2023', '2023-08'], ['2023-08', '2023-08'], ['01.02.2024', '2024-02']]) {
      const p = parsePeriod(text!);
      expect(p.ok && p.value.key, text).toBe(key);
    }
    expect(parsePeriod('13.2023').ok).toBe(false);
    expect(parsePeriod('лето 2023').ok).toBe(false);
  });
});

describe('registry reader: what office programs write', () => {
  const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
  it('reads ДД.ММ.ГГ dates as LibreOffice saves them (letter date, commissioning)', async () => {
    const meta = META.map((m) => (m[0] === 'Дата письма РСО' ? [m[0], '06.09.23'] : m));
    const row = [...ROW];
    row[6] = '05.06.77';
    const r = await read('r.csv', enc(csv([...meta, HEADER, row])));
    expect(r.ok && r.problems).toEqual([]);
    if (r.ok) {
      expect(r.meta.letterDate).toBe('2023-09-06');
      expect(r.rows.commissioned[0]).toBe('05.06.77'); // kept as written; the checks read it as 1977-06-05
    }
    expect(parsePeriod('01.08.26').ok && parsePeriod('01.08.26')).toMatchObject({ value: { key: '2026-08' } });
  });
  it('reads the sheet that holds the header, whichever it is, and names the sheets when none does', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Пояснения').addRow(['Реестр на втором листе']);
    const data = wb.addWorksheet('Реестр');
    for (const m of META) data.addRow(m);
    data.addRow(HEADER);
    data.addRow(ROW);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expectGoodRow(await read('r.xlsx', bytes));
    const none = new ExcelJS.Workbook();
    none.addWorksheet('Лист1').addRow(['а']);
    none.addWorksheet('Итоги').addRow(['б']);
    const grid = await readGridFile('n.xlsx', new Uint8Array(await none.xlsx.writeBuffer()), spec);
    expect(grid).toEqual({ ok: false, message: expect.stringMatching(/^не удалось прочитать \.xlsx: ни на одном листе книги \(«Лист1», «Итоги»\) не найдена строка заголовков со столбцами «Код дома по ФИАС»/) });
  });
  it('reads a two-row header with merged group cells («Потребление КУ» over «в жилых помещениях» and «на ОДН»)', async () => {
    const top = HEADER.map((h) => (h.startsWith('Потребление КУ') ? '' : h));
    top[10] = 'Потребление КУ';
    const bottom = HEADER.map((h) => (h === 'Потребление КУ в жилых помещениях' ? 'в жилых помещениях' : h === 'Потребление КУ на ОДН' ? 'на ОДН' : ''));
    const r = await read('r.csv', enc(csv([...META, top, bottom, ROW])));
    expect(r.ok && r.problems).toEqual([]);
    if (r.ok) {
      expect(r.rows.vLiving[0]).toBe(100_000);
      expect(r.rows.vOdn[0]).toBe(0);
      expect(r.rows.fileRow[0]).toBe(META.length + 3);
    }
    // the same in xlsx, the group cell merged over its two columns
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Реестр');
    for (const m of META) ws.addRow(m);
    ws.addRow(top);
    ws.addRow(bottom);
    ws.mergeCells(META.length + 1, 11, META.length + 1, 12);
    ws.mergeCells(META.length + 1, 1, META.length + 2, 1);
    ws.addRow(ROW);
    const x = await read('r.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(x.ok && x.problems).toEqual([]);
    expect(x.ok && x.rows.vLiving[0]).toBe(100_000);
  });
  it('hints at the encoding when the text is mis-decoded Windows-1251 or UTF-8', async () => {
    const text = csv([...META, HEADER, ROW]);
    const utf8As1251 = new TextDecoder('windows-1251').decode(enc(text)); // UTF-8 opened as 1251 and saved so
    const a = await read('a.csv', enc(utf8As1251));
    expect(a).toEqual({ ok: false, problems: [{ file: 'a.csv', message: expect.stringContaining('UTF-8, прочитанный как Windows-1251 (строка 1: «РќР°РёРјРµРЅРѕРІР°РЅРёРµ Р\u00a0РЎРћ» — должно быть «Наименование РСО»)') }] });
    const latin = String.fromCharCode(...encodeCp1251(text)); // 1251 opened as Latin-1 and saved as UTF-8
    const b = await read('b.csv', enc(latin));
    expect(b).toEqual({ ok: false, problems: [{ file: 'b.csv', message: expect.stringContaining('Windows-1251, прочитанный как Latin-1 (строка 1: «Íàèìåíîâàíèå ÐÑÎ» — должно быть «Наименование РСО»)') }] });
    expect(a.ok || a.problems[0]?.message).toMatch(/^не найдена строка заголовков/);
  });
  it('refuses a column named twice, or a header naming two columns, with its row and column', async () => {
    const header = [...HEADER];
    header[1] = 'Код дома по ФИАС'; // the address column renamed: two «Код дома по ФИАС»
    const r = await read('d.csv', enc(csv([...META, header, ROW])));
    expect(r).toEqual({
      ok: false,
      problems: [{ file: 'd.csv', row: META.length + 1, column: 'Код дома по ФИАС', message: 'столбец «Код дома по ФИАС» повторяется (столбцы B и C): непонятно, какой из них читать; оставьте один' }],
    });
  });
  it('refuses NUL bytes (a damaged transfer) and binary files, naming the row and column', async () => {
    const text = enc(csv([...META, HEADER, ROW, ROW]));
    const cut = text.length - 20;
    const damaged = new Uint8Array(text.length + 2000);
    damaged.set(text.subarray(0, cut));
    damaged.set(text.subarray(cut), cut + 2000);
    expect(await readGridFile('n.csv', damaged)).toEqual({ ok: false, message: expect.stringMatching(/^строка 10, столбец 11: файл повреждён: нулевые байты \(U\+0000, 2000 шт\.\) вместо текста/) });
    expect(await readGridFile('скан.csv', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]))).toEqual({ ok: false, message: 'это не таблица, а документ PDF: пришлите реестр в .xlsx или .csv' });
  });
  it('reads Excel\'s «Текст Юникод» (UTF-16 with its BOM, tabs): its NUL bytes are text, not damage', async () => {
    const text = csv([...META, HEADER, ROW], '\t');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expectGoodRow(await read('r.txt', utf16));
  });
});
