import type ExcelJS from 'exceljs';

/** The look every exported sheet shares: a bold shaded header row that wraps, frozen under it, with a filter. */
export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
}

/** Freezes the sheet under `header` and puts an autofilter over the header and the `lastRow` rows below it. */
export function freezeAndFilter(ws: ExcelJS.Worksheet, header: ExcelJS.Row, columns: number, lastRow: number): void {
  ws.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
  ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: Math.max(lastRow, header.number), column: columns } };
}
