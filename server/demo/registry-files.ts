/**
 * Writes one registry as a file: CSV in UTF-8 (with or without BOM) or Windows-1251, or .xlsx with a sheet
 * «Реестр». Returns where each row landed, so expected failures can name the sheet row.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeCp1251 } from '../../formulas/table/cp1251.ts';
import { csvLine } from './csv.ts';
import type { MonthRegistry } from './month-registry.ts';
import { cellText, rowCells, writeCsvRow, type SheetCell, type SheetLayout } from './registry-sheet.ts';
import { ByteSink, EncodedFields } from './byte-sink.ts';
import type { RegistryRow } from './registry-rows.ts';
import { repackZip } from './zip-repack.ts';

export interface WrittenRegistry {
  /** Relative to the output folder, with `/`: `registries/2026-08/7203123456_ТС.csv`. */
  path: string;
  bytes: number;
  /** Sheet row (1-based) and № п/п of every row. */
  positions: Map<RegistryRow, { sheetRow: number; n: number }>;
  /** Settles when the file is on disk: files are written in the background while the next one is built. */
  saved: Promise<void>;
}

const EOL = '\r\n'; // Excel writes CSV with CRLF
const BOM = '\ufeff';

/** `registries/2026-08/7203123456_ТС.csv` */
export function registryPath(registry: MonthRegistry, layout: SheetLayout): string {
  const ext = layout.format === 'xlsx' ? 'xlsx' : 'csv';
  return `registries/${registry.month.key}/${registry.plan.org.inn}_${registry.plan.service}.${ext}`;
}

/**
 * What one generation's registry writing keeps between files: texts already quoted and encoded (addresses
 * and names repeat in every month's files), one byte buffer reused for every CSV, the folders already made.
 */
export interface RegistryFiles {
  utf8: EncodedFields;
  cp1251: EncodedFields;
  sink: ByteSink;
  madeDirs: Set<string>;
}

export function registryFiles(): RegistryFiles {
  return {
    utf8: new EncodedFields((t) => Buffer.from(t, 'utf8')),
    cp1251: new EncodedFields(encodeCp1251),
    sink: new ByteSink(1 << 20),
    madeDirs: new Set(),
  };
}

/** The CSV's bytes, a view into the shared sink: valid until the next file is built. */
function csvBytes(registry: MonthRegistry, layout: SheetLayout, files: RegistryFiles): Uint8Array {
  const cp1251 = layout.format === 'csv-cp1251';
  const encode = (text: string): Uint8Array => (cp1251 ? encodeCp1251(text) : Buffer.from(text, 'utf8'));
  const fields = cp1251 ? files.cp1251 : files.utf8;
  const sink = files.sink;
  let head = layout.format === 'csv-utf8-bom' ? BOM : '';
  if (layout.title) head += csvLine([layout.title], EOL) + EOL;
  for (const [label, value] of layout.meta) head += csvLine([label, cellText(value)], EOL);
  head += EOL + csvLine(layout.headers, EOL);
  sink.length = 0;
  sink.bytes(encode(head));
  const eol = encode(EOL);
  const rows = registry.rows;
  for (let i = 0; i < rows.length; i++) {
    writeCsvRow(sink, fields, rows[i] as RegistryRow, i + 1, layout.columns);
    sink.bytes(eol);
  }
  return sink.result();
}

const asExcel = (c: SheetCell): ExcelJS.CellValue => {
  if (typeof c === 'string' || typeof c === 'number') return c;
  const [y, m, d] = c.date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
};

async function xlsxBytes(registry: MonthRegistry, layout: SheetLayout): Promise<Buffer> {
  const letterDate = layout.meta.find(([, v]) => typeof v === 'object');
  const stamp = letterDate && typeof letterDate[1] === 'object' ? letterDate[1].date : registry.month.lastDay;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sverka demo';
  wb.created = wb.modified = new Date(`${stamp}T09:00:00Z`);
  const ws = wb.addWorksheet('Реестр');
  const add = (cells: SheetCell[]): ExcelJS.Row => {
    const row = ws.addRow(cells.map(asExcel));
    cells.forEach((c, i) => {
      if (typeof c === 'object') row.getCell(i + 1).numFmt = 'dd.mm.yyyy';
    });
    return row;
  };
  if (layout.title) {
    add([layout.title]);
    ws.addRow([]);
  }
  for (const [label, value] of layout.meta) add([label, value]);
  ws.addRow([]);
  add(layout.headers).alignment = { wrapText: true, vertical: 'top' };
  registry.rows.forEach((row, i) => add(rowCells(row, i + 1, layout.columns, true)));
  ws.columns.forEach((col, i) => (col.width = layout.columns[i] === 'address' ? 60 : 18));
  const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
  return repackZip(stored, stamp);
}

/**
 * Writes the registry under `outDir` in its layout's format. The bytes are ready when this returns; the
 * file itself is written by the thread pool (`saved`), so disk work overlaps with building the next file.
 */
export async function writeRegistry(outDir: string, registry: MonthRegistry, layout: SheetLayout, files: RegistryFiles): Promise<WrittenRegistry> {
  const path = registryPath(registry, layout);
  const full = join(outDir, path);
  if (!files.madeDirs.has(dirname(full))) {
    mkdirSync(dirname(full), { recursive: true });
    files.madeDirs.add(dirname(full));
  }
  // The CSV sink is reused for the next file: the background write gets its own copy.
  const bytes = layout.format === 'xlsx' ? await xlsxBytes(registry, layout) : csvBytes(registry, layout, files).slice();
  const saved = writeFile(full, bytes);
  // Awaited with the month's other files; marked handled now so an early failure is not an unhandled rejection.
  saved.catch(() => undefined);
  const positions = new Map<RegistryRow, { sheetRow: number; n: number }>();
  registry.rows.forEach((row, i) => positions.set(row, { sheetRow: layout.firstDataRow + i, n: i + 1 }));
  return { path, bytes: bytes.length, positions, saved };
}
