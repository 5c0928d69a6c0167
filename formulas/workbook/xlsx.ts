/**
 * A sheet to .xlsx with its formula columns as live Excel formulas: each row's formula refers to the cells of
 * that row (`=C2-D2`), so the file recalculates when a value is changed in Excel. Formulas are written in
 * English, as the file format keeps them; Russian Excel shows them as its own (ЕСЛИ, «;»). Fields a formula reads
 * but the sheet does not show are written too, after the shown ones. The value computed here goes with each
 * formula as its cached result.
 */
import ExcelJS from 'exceljs';
import { lex } from '../formula/lexer.ts';
import { compileRowFormula, fieldKey, type Reader } from '../formula/row-formula.ts';
import { BLANK, FormulaError, type Value } from '../formula/values.ts';
import type { Field } from './data.ts';
import type { SheetResult } from './evaluate.ts';
import type { SheetDef } from './types.ts';

const EPOCH = Date.UTC(1899, 11, 30);

function columnLetter(k: number): string {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const excelSheetName = (title: string): string => title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Лист';

/** Adds the sheet to `book` (a worksheet named by its title). */
export function addSheetToWorkbook(book: ExcelJS.Workbook, sheet: SheetDef, result: SheetResult): ExcelJS.Worksheet {
  const formulaNames = new Map(sheet.formulas.map((f) => [fieldKey(f.name), f]));
  const shown = result.fields;
  const columns: Field[] = [...shown];
  const canonical = new Map<string, string>();
  for (const f of sheet.formulas) {
    const field = result.known.find((k) => fieldKey(k.name) === fieldKey(f.name));
    if (!field) continue; // a formula with a problem: not in the sheet's result
    const c = compileRowFormula(f.formula, result.known.map((k) => k.name), { prefer: 'ru' });
    if (!c.ok) continue;
    canonical.set(field.name, c.formula.canonical);
    for (const used of c.formula.fields) {
      const u = result.known.find((k) => k.name === used);
      if (u && !columns.includes(u)) columns.push(u);
    }
  }
  const letterOf = new Map(columns.map((f, k) => [fieldKey(f.name), columnLetter(k)]));
  const ws = book.addWorksheet(excelSheetName(sheet.title));
  ws.addRow(columns.map((f) => f.title));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((f, k) => {
    const col = ws.getColumn(k + 1);
    col.width = Math.min(Math.max(f.title.length + 2, 10), 40);
    if (f.type === 'date') col.numFmt = 'dd.mm.yyyy';
    else if (f.money) col.numFmt = '#,##0.00';
  });
  const rowsOf = (excelRow: number) =>
    new Map([...canonical].map(([name, formula]) => [name, cellFormula(formula, (field) => `${letterOf.get(fieldKey(field)) ?? '#REF!'}${excelRow}`)]));
  const readers = columns.map((f) => result.read.get(f.name) as Reader);
  for (let j = 0; j < result.rows.length; j++) {
    const i = result.rows[j] as number;
    const excelRow = j + 2;
    const formulas = canonical.size > 0 ? rowsOf(excelRow) : new Map<string, string>();
    ws.addRow(
      columns.map((f, k) => {
        const v = (readers[k] as Reader)(i);
        const formula = formulas.get(f.name);
        if (formula !== undefined && formulaNames.has(fieldKey(f.name))) return { formula, result: cellResult(v) } as ExcelJS.CellFormulaValue;
        return cellValue(f, v);
      }),
    );
  }
  return ws;
}

/** A canonical formula with its field tokens replaced by cell references, without the leading «=». */
export function cellFormula(canonical: string, cellOf: (field: string) => string): string {
  const lexed = lex(canonical, 'en');
  if (!lexed.ok) return canonical.replace(/^=/, '');
  return lexed.tokens
    .map((t) => (t.kind === 'field' ? cellOf(t.text.slice(1, -1)) : t.text))
    .join('')
    .replace(/^\s*=/, '');
}

function cellValue(f: Field, v: Value): ExcelJS.CellValue {
  if (v === BLANK) return null;
  if (v instanceof FormulaError) return { error: v.name('en') } as ExcelJS.CellErrorValue;
  if (f.type === 'date' && typeof v === 'number') return new Date(EPOCH + v * 86_400_000);
  return v as number | string | boolean;
}

function cellResult(v: Value): number | string | boolean | ExcelJS.CellErrorValue | undefined {
  if (v === BLANK) return undefined;
  if (v instanceof FormulaError) return { error: v.name('en') } as ExcelJS.CellErrorValue;
  return v as number | string | boolean;
}

/** A workbook's sheets as one .xlsx. */
export async function workbookXlsx(sheets: readonly { sheet: SheetDef; result: SheetResult }[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Сверка';
  for (const s of sheets) addSheetToWorkbook(book, s.sheet, s.result);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
