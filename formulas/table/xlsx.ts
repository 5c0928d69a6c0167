import ExcelJS from 'exceljs';
import type { Cell, Grid } from './grid.ts';

type CellValue = ExcelJS.CellValue;

/** Excel cell → grid cell: dates become ISO dates, rich text and formulas their text and result. */
function toCell(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return toCell((v as { result?: CellValue }).result ?? null);
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}

/** Reads the first worksheet of an .xlsx file into a grid. */
export async function readXlsx(bytes: Uint8Array): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const grid: Grid = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as CellValue[]; // 1-based: values[0] is always empty
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}
