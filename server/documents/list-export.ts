import ExcelJS from 'exceljs';
import type { Sql } from '../db/database.ts';
import type { RegistryListItem } from '../contract/registries.ts';
import { describeRegistryFilter } from '../registries/list-filter.ts';
import { listRegistries, type ListQuery } from '../registries/queries.ts';
import { DATE_FORMAT, dateText, dateValue, MONEY_FORMAT, MONTH_FORMAT, monthValue, rubCell } from './format.ts';
import { wrappedLines } from './sheet-writer.ts';
import { freezeAndFilter, printLandscape, styleHeader } from '../../formulas/table/xlsx-look.ts';

/** The seed's columns of «Администрирование и контроль реестров», with the declared and agreed sums apart. */
const COLUMNS: { title: string; width: number; value: (r: RegistryListItem, i: number) => string | number | Date | null; format?: string; wrap?: boolean }[] = [
  { title: '№ п/п', width: 7, value: (_, i) => i + 1 },
  { title: 'Наименование района', width: 28, value: (r) => r.municipalDistrict, wrap: true },
  { title: 'Наименование РСО', width: 40, value: (r) => r.rsoName, wrap: true },
  { title: 'Комментарий', width: 28, value: (r) => r.comment, wrap: true },
  { title: 'Период нач. субсидии', width: 16, value: (r) => monthValue(r.period), format: MONTH_FORMAT },
  { title: 'Исх. № / дата письма РСО', width: 24, value: (r) => letter(r.letterOutNo, r.letterOutDate) },
  { title: 'Отметка об исполнении', width: 22, value: (r) => r.executionMark },
  { title: 'Срок проверки', width: 13, value: (r) => dateValue(r.checkDeadline), format: DATE_FORMAT },
  { title: 'Заявлено, руб.', width: 17, value: (r) => rubCell(r.declaredSum), format: MONEY_FORMAT },
  { title: 'Согласовано, руб.', width: 17, value: (r) => rubCell(r.agreedSum), format: MONEY_FORMAT },
  { title: 'Исполнитель', width: 28, value: (r) => r.executor?.fullName ?? null },
  { title: 'Вх. № / дата письма РСО', width: 24, value: (r) => letter(r.letterInNo, r.letterInDate) },
  { title: 'Услуга', width: 10, value: (r) => r.service },
  { title: 'Статус', width: 22, value: (r) => r.status },
];

function letter(no: string | null, date: string | null): string | null {
  if (!no && !date) return null;
  return [no, date ? dateText(date) : null].filter(Boolean).join(' ');
}

/** The most registries one export writes: years of a large region. */
const EXPORT_LIMIT = 100_000;

/**
 * What the registries list shows (`GET /registries/export.xlsx?<the list's filters>`): the same query, the
 * seed's columns, the filters written above the table so a forwarded file says what it holds, and the totals.
 */
export async function registryListWorkbook(sql: Sql, q: ListQuery, builtAt: string): Promise<Buffer> {
  const list = await listRegistries(sql, q, { limit: EXPORT_LIMIT });
  const [executor] = typeof q.executor === 'number' ? await sql<{ name: string }[]>`select full_name as name from users where id = ${q.executor}` : [];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Сверка';
  const ws = wb.addWorksheet('Реестры');
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow(['Список реестров']).font = { bold: true, size: 14 };
  ws.addRow([`Сформировано ${dateText(builtAt)}`]);
  const filters = describeRegistryFilter(q, executor?.name);
  if (q.min !== undefined) filters.push(`Заявлено от: ${rubCell(q.min).toFixed(2)} руб.`);
  if (q.max !== undefined) filters.push(`Заявлено до: ${rubCell(q.max).toFixed(2)} руб.`);
  ws.addRow([`Фильтры: ${filters.join('; ')}`]);
  ws.addRow([`Реестров: ${list.rows.length}`]);
  ws.addRow([]);
  const header = ws.addRow(COLUMNS.map((c) => c.title));
  styleHeader(header);
  header.height = Math.max(...COLUMNS.map((c) => wrappedLines(c.title, c.width))) * 15;
  list.rows.forEach((r, i) => {
    const row = ws.addRow(COLUMNS.map((c) => c.value(r, i)));
    let lines = 1;
    COLUMNS.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      if (c.format) cell.numFmt = c.format;
      cell.alignment = { vertical: 'top', ...(c.format === DATE_FORMAT || c.format === MONTH_FORMAT ? { horizontal: 'left' } : {}) };
      if (c.wrap) {
        cell.alignment = { wrapText: true, vertical: 'top' };
        const text = cell.value;
        if (typeof text === 'string') lines = Math.max(lines, wrappedLines(text, c.width));
      }
    });
    // a stored height as tall as the wrapped text: neither Excel nor LibreOffice grows a row when printing
    if (lines > 1) row.height = lines * 15;
  });
  const last = header.number + list.rows.length;
  const declared = list.rows.reduce((s, r) => s + r.declaredSum, 0);
  const agreed = list.rows.reduce((s, r) => s + r.agreedSum, 0);
  const total = ws.addRow(COLUMNS.map((c) => (c.title === '№ п/п' ? 'Итого' : c.title === 'Заявлено, руб.' ? rubCell(declared) : c.title === 'Согласовано, руб.' ? rubCell(agreed) : null)));
  total.font = { bold: true };
  COLUMNS.forEach((c, k) => {
    if (c.format === MONEY_FORMAT) total.getCell(k + 1).numFmt = MONEY_FORMAT;
  });
  freezeAndFilter(ws, header, COLUMNS.length, last);
  printLandscape(ws, header);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
