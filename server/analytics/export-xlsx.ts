import ExcelJS from 'exceljs';
import { sliceKeyText } from '../../formulas/analytics/slice-keys.ts';
import { printLandscape } from '../../formulas/table/xlsx-look.ts';
import { describeFilter } from './filter.ts';
import type { AnalyticsFilter, Money, SliceTable } from '../contract/analytics.ts';
import { DIMENSION_TITLES } from '../contract/analytics.ts';

const MONEY_FORMAT = '#,##0.00';
/** A month as a date cell shown by name («Октябрь 2025»), so the sheet sorts and filters by time. */
const MONTH_FORMAT = '[$-419]mmmm yyyy;@';
const MONEY_COLUMNS: [keyof Money, string][] = [
  ['declared', 'Заявлено, ₽'],
  ['agreed', 'Согласовано, ₽'],
  ['rejected', 'Не согласовано, ₽'],
  ['pending', 'Требует решения, ₽'],
];

/** Kopecks as roubles for a spreadsheet cell: the nearest double, which Excel shows back with the exact two decimals. */
const rubles = (kopecks: number): number => kopecks / 100;

/**
 * The slice table as one sheet: a title, the filters it was built with (so a printed or forwarded file says what
 * it shows), then the grouped rows and a totals row.
 */
export async function sliceWorkbook(table: SliceTable, filter: AnalyticsFilter, rsoName: string | null, builtAt: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Сверка';
  wb.created = builtAt;
  const ws = wb.addWorksheet('Аналитика');
  ws.addRow(['Аналитика расчета субсидий РСО']).font = { bold: true, size: 14 };
  ws.addRow([`Сформировано ${builtAt.toLocaleString('ru-RU', { timeZone: 'Asia/Yekaterinburg' })}`]);
  ws.addRow(['Фильтры']).font = { bold: true };
  for (const [name, value] of describeFilter(filter, rsoName)) ws.addRow([name, value]);
  ws.addRow([]);

  const header = ws.addRow([...table.group.map((d) => DIMENSION_TITLES[d]), ...MONEY_COLUMNS.map(([, t]) => t), 'Строк', 'Реестров']);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F6' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  const keyCount = table.group.length;
  const addMoneyRow = (keys: string[], m: Money): ExcelJS.Row => {
    const row = ws.addRow([...keys, ...MONEY_COLUMNS.map(([k]) => rubles(m[k])), m.rows, m.registries]);
    for (let i = 0; i < MONEY_COLUMNS.length; i++) row.getCell(keyCount + 1 + i).numFmt = MONEY_FORMAT;
    row.getCell(keyCount + MONEY_COLUMNS.length + 1).numFmt = '#,##0';
    row.getCell(keyCount + MONEY_COLUMNS.length + 2).numFmt = '#,##0';
    return row;
  };
  const monthAt = table.group.indexOf('month');
  for (const r of table.rows) {
    const row = addMoneyRow(r.keys.map((k, i) => sliceKeyText(table.group[i], k)), r);
    const month = monthAt >= 0 ? /^(\d{4})-(\d{2})$/.exec(r.keys[monthAt] ?? '') : null;
    if (month) {
      const cell = row.getCell(monthAt + 1);
      cell.value = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
      cell.numFmt = MONTH_FORMAT;
    }
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top' };
    });
    if (month) row.getCell(monthAt + 1).alignment = { horizontal: 'left', vertical: 'top' };
    for (let i = 0; i < keyCount; i++) if (i !== monthAt) row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
  }
  const total = addMoneyRow(['Итого', ...Array<string>(keyCount - 1).fill('')], table.totals);
  total.font = { bold: true };

  ws.columns.forEach((col, i) => {
    col.width = i < keyCount ? (table.group[i] === 'rso' ? 44 : 24) : 18;
  });
  // the header wraps: a row as tall as its longest title (Calibri 11: ~1.1 character widths a Cyrillic letter)
  const titles = (header.values as unknown[]).slice(1).map(String);
  header.height = Math.max(1, ...titles.map((t, i) => Math.ceil((t.length * 1.1) / ((ws.getColumn(i + 1).width ?? 10) - 1)))) * 15;
  // RSO names and settlements wrap: each row as tall as its longest key
  for (let r = header.number + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    for (let i = 0; i < keyCount; i++) {
      const v = row.getCell(i + 1).value;
      if (typeof v === 'string') lines = Math.max(lines, Math.ceil((v.length * 1.1) / ((ws.getColumn(i + 1).width ?? 10) - 1)));
    }
    if (lines > 1) row.height = lines * 15;
  }
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  printLandscape(ws, header);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

