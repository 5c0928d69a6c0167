import ExcelJS from 'exceljs';
import { dateText, MONEY_FORMAT, periodText, rubCell } from './format.ts';
import type { Stamp } from './docx.ts';
import type { RegistryFacts, RejectedRow } from './registry-facts.ts';
import { freezeAndFilter, labelRow, styleHeader } from './xlsx.ts';

const COLUMNS: { title: string; width: number }[] = [
  { title: '№ строки', width: 10 },
  { title: '№ п/п', width: 8 },
  { title: 'Адрес дома', width: 60 },
  { title: 'Код дома по ФИАС', width: 38 },
  { title: 'Заявленная сумма субсидии, руб.', width: 18 },
  { title: 'Расчетная сумма субсидии, руб.', width: 18 },
  { title: 'Причина отказа в согласовании', width: 70 },
];

/**
 * Приложение к письму: the rejected rows with their reasons and the registry's totals. Sums are numbers of
 * roubles (kopecks / 100, exact to the kopeck) with a money format, so the sheet can be summed and filtered.
 */
export async function renderAppendix(f: RegistryFacts, rejected: RejectedRow[], stamp: Stamp): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Сверка';
  const ws = wb.addWorksheet('Приложение', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow([`Приложение № ${stamp.number} от ${dateText(stamp.date)}`]).font = { bold: true, size: 14 };
  ws.addRow([`Несогласованные строки реестра № ${f.id} за ${periodText(f.period)}`]).font = { bold: true };
  labelRow(ws, 'РСО', `${f.rsoName}, ИНН ${f.rsoInn}`);
  labelRow(ws, 'Услуга', f.service);
  labelRow(ws, 'Письмо РСО', `№ ${f.letterOutNo ?? 'б/н'} от ${dateText(f.letterOutDate)}`);
  for (const [label, kopecks, rows] of [
    ['Заявлено', f.declaredSum, f.rowsTotal],
    ['Согласовано', f.agreedSum, f.rowsAgreed],
    ['Не согласовано', f.rejectedSum, f.rowsRejected],
    ['Требует решения', f.pendingSum, f.rowsPending],
  ] as const) {
    const row = labelRow(ws, label, rubCell(kopecks));
    row.getCell(2).numFmt = MONEY_FORMAT;
    row.getCell(3).value = `строк: ${rows}`;
  }
  ws.addRow([]);
  const header = ws.addRow(COLUMNS.map((c) => c.title));
  styleHeader(header);
  for (const r of rejected) {
    const row = ws.addRow([r.rowNo, r.n, r.address, r.fiasId, r.subsidy === null ? null : rubCell(r.subsidy), r.expected === null ? null : rubCell(r.expected), r.reason]);
    row.getCell(5).numFmt = MONEY_FORMAT;
    row.getCell(6).numFmt = MONEY_FORMAT;
    row.getCell(7).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  }
  const last = header.number + rejected.length;
  const total = ws.addRow(['Итого', rejected.length, '', '', rubCell(rejected.reduce((s, r) => s + (r.subsidy ?? 0), 0)), null, '']);
  total.font = { bold: true };
  total.getCell(5).numFmt = MONEY_FORMAT;
  freezeAndFilter(ws, header, COLUMNS.length, last);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
