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
  const grid = await readGridFile(name, bytes);
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
    expect(noSubsidy).toEqual({ ok: false, problems: [{ file: 'b.csv', message: expect.stringMatching(/нет обязательных столбцов: «Размер итоговой субсидии, руб\.»/) }] });
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
