import type ExcelJS from 'exceljs';

/**
 * How Sverka's exported sheets look and print (documents, lists, analytics): ExcelJS settings only, here so that
 * every server folder that writes a sheet takes the same ones.
 */

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

/**
 * How every exported sheet prints: landscape A4, all columns fitted to one page's width, the table's header row
 * on every page, «Страница N из M» in the footer.
 */
export function printLandscape(ws: ExcelJS.Worksheet, header: ExcelJS.Row): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${header.number}:${header.number}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&CСтраница &P из &N' };
}
