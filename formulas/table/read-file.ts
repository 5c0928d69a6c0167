import { fail, ok, type Parsed } from '../problem.ts';
import { controlCharacterIn } from '../text/control-characters.ts';
import { csvRowPieces, decodeText, readCsvWithin } from './csv.ts';
import { MAX_GRID_CELLS, tooManyCells, type Cell, type Grid } from './grid.ts';
import { findHeader } from './read-table.ts';
import type { TableSpec } from './spec.ts';
import { readXlsxSheets } from './xlsx.ts';
import { ZIP_LIMITS } from './zip.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Files people attach by mistake instead of a table: a scan, a letter. */
const BINARY_MAGIC = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'документ PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'изображение PNG' },
  { magic: [0xff, 0xd8, 0xff], what: 'изображение JPEG' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'архив RAR' },
  { magic: [0x1f, 0x8b], what: 'архив gzip' },
];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an uploaded table: .xlsx by its zip signature, legacy .xls refused with advice, anything else as CSV.
 * The content decides, not the name: users rename files. Bounded: an archive within the zip limits, a grid of at
 * most `MAX_GRID_CELLS` cells, and no control characters in its text (Postgres refuses NUL in text; the others
 * are never typed by a person): NUL bytes are a damaged transfer, and a truncated file is never read as whole.
 * With `spec`, a workbook is read from the first sheet that holds the spec's header, whichever it is; when none
 * does, the message names the sheets.
 */
export async function readGridFile(fileName: string, bytes: Uint8Array, spec?: TableSpec): Promise<Parsed<Grid>> {
  const kind = fileKind(fileName, bytes);
  if (!kind.ok) return kind;
  let grid: Parsed<Grid>;
  try {
    grid = kind.value === 'xlsx' ? readWorkbook(bytes, spec) : readCsvWithin(bytes, MAX_GRID_CELLS);
  } catch {
    // the readers return what they find wrong; a throw here is the runtime giving up (a string past its
    // length limit): the user still gets Russian, never the library's English
    grid = fail(kind.value === 'xlsx' ? 'файл повреждён или слишком велик' : 'файл не читается как текст CSV');
  }
  if (!grid.ok) return kind.value === 'xlsx' ? fail(`не удалось прочитать .xlsx: ${grid.message}`) : grid;
  for (let r = 0; r < grid.value.length; r++) {
    const control = controlCharacterOfRow(grid.value[r] ?? [], r);
    if (control) return fail(control);
  }
  return grid;
}

/** A file refused while its rows were being read (`readGridRows`): what `readGridFile` would have said of it. */
export class UnreadableRows extends Error {}

/**
 * `readGridFile` a row at a time: a CSV file is parsed a piece at a time as the rows are taken (its whole grid is
 * never held: an import of 200,000 houses checks and writes while it reads), a workbook is read whole. The bounds
 * and the control-character check are the same, met at the row that breaks them: the iteration then throws
 * `UnreadableRows` with the message `readGridFile` gives.
 */
export async function readGridRows(fileName: string, bytes: Uint8Array, spec?: TableSpec): Promise<Parsed<Iterable<Cell[]>>> {
  const kind = fileKind(fileName, bytes);
  if (!kind.ok) return kind;
  if (kind.value === 'xlsx') return readGridFile(fileName, bytes, spec);
  let text: string;
  try {
    text = decodeText(bytes);
  } catch {
    return fail('файл не читается как текст CSV');
  }
  return ok(checkedRows(csvRowPieces(text)));
}

function* checkedRows(pieces: Iterable<Cell[][]>): Generator<Cell[]> {
  let r = 0;
  let cells = 0;
  for (const piece of pieces) {
    for (const row of piece) {
      cells += row.length;
      if (cells > MAX_GRID_CELLS) throw new UnreadableRows(tooManyCells(MAX_GRID_CELLS).message);
      const control = controlCharacterOfRow(row, r);
      if (control) throw new UnreadableRows(control);
      r++;
      yield row;
    }
  }
}

/** What the content says the file is (users rename files): a workbook, CSV text, or a refusal with advice. */
function fileKind(fileName: string, bytes: Uint8Array): Parsed<'xlsx' | 'csv'> {
  if (bytes.length === 0) return fail('файл пуст');
  if (startsWith(bytes, OLE_MAGIC)) return fail('формат .xls (Excel 97–2003) не поддерживается: сохраните файл как .xlsx или .csv');
  const binary = BINARY_MAGIC.find((m) => startsWith(bytes, m.magic));
  if (binary) return fail(`это не таблица, а ${binary.what}: пришлите реестр в .xlsx или .csv`);
  const xlsx = startsWith(bytes, ZIP_MAGIC);
  if (!xlsx && /\.(xlsx|xlsm)$/i.test(fileName)) return fail('файл назван .xlsx, но не является книгой Excel');
  return ok(xlsx ? 'xlsx' : 'csv');
}

/** The sheet of a workbook that holds the header (the first sheet without a spec or when it is the only one). */
function readWorkbook(bytes: Uint8Array, spec: TableSpec | undefined): Parsed<Grid> {
  const sheets = readXlsxSheets(bytes, ZIP_LIMITS, MAX_GRID_CELLS);
  if (!sheets.ok) return sheets;
  const first = sheets.value[0]!;
  if (!spec || sheets.value.length === 1) return first.read();
  for (const sheet of sheets.value) {
    const grid = sheet.read();
    if (!grid.ok) return fail(`лист «${sheet.name}»: ${grid.message}`);
    const header = findHeader(grid.value, spec);
    // a header found, even with a problem of its own (a missing or repeated column), is this sheet's to report
    if (header.ok || header.row !== undefined) return grid;
  }
  const names = sheets.value.map((s) => `«${s.name}»`).join(', ');
  const expected = spec.columns.filter((c) => c.required).map((c) => `«${c.title}»`).join(', ');
  return fail(`ни на одном листе книги (${names}) не найдена строка заголовков со столбцами ${expected}`);
}

/** The first control character of row `r` (0-based), as a Russian message; null when there is none. */
function controlCharacterOfRow(row: Cell[], r: number): string | null {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string') continue;
    const control = controlCharacterIn(v);
    if (control === 'U+0000') {
      const nuls = v.split('\u0000').length - 1;
      return `строка ${r + 1}, столбец ${c + 1}: файл повреждён: нулевые байты (U+0000, ${nuls} шт.) вместо текста (обрыв или сбой при передаче); повреждённый реестр не проверяется как целый: пришлите файл заново`;
    }
    if (control) return `строка ${r + 1}, столбец ${c + 1}: недопустимый управляющий символ ${control}; уберите его из файла`;
  }
  return null;
}
