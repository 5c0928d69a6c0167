import { fail, type Parsed } from '../problem.ts';
import { controlCharacterIn } from '../text/control-characters.ts';
import { readCsvWithin } from './csv.ts';
import { MAX_GRID_CELLS, type Grid } from './grid.ts';
import { readXlsx } from './xlsx.ts';
import { ZIP_LIMITS } from './zip.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an uploaded table: .xlsx by its zip signature, legacy .xls refused with advice, anything else as CSV.
 * The content decides, not the name: users rename files. Bounded: an archive within the zip limits, a grid of at
 * most `MAX_GRID_CELLS` cells, and no control characters in its text (Postgres refuses NUL in text; the others
 * are never typed by a person).
 */
export async function readGridFile(fileName: string, bytes: Uint8Array): Promise<Parsed<Grid>> {
  if (bytes.length === 0) return fail('файл пуст');
  if (startsWith(bytes, OLE_MAGIC)) return fail('формат .xls (Excel 97–2003) не поддерживается: сохраните файл как .xlsx или .csv');
  const xlsx = startsWith(bytes, ZIP_MAGIC);
  if (!xlsx && /\.(xlsx|xlsm)$/i.test(fileName)) return fail('файл назван .xlsx, но не является книгой Excel');
  let grid: Parsed<Grid>;
  try {
    grid = xlsx ? readXlsx(bytes, ZIP_LIMITS, MAX_GRID_CELLS) : readCsvWithin(bytes, MAX_GRID_CELLS);
  } catch {
    // the readers return what they find wrong; a throw here is the runtime giving up (a string past its
    // length limit): the user still gets Russian, never the library's English
    grid = fail(xlsx ? 'файл повреждён или слишком велик' : 'файл не читается как текст CSV');
  }
  if (!grid.ok) return xlsx ? fail(`не удалось прочитать .xlsx: ${grid.message}`) : grid;
  const control = firstControlCharacter(grid.value);
  return control ? fail(control) : grid;
}

/** Where the first control character of the grid is, as a Russian message; null when there is none. */
function firstControlCharacter(grid: Grid): string | null {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string') continue;
      const control = controlCharacterIn(v);
      if (control) return `строка ${r + 1}, столбец ${c + 1}: недопустимый управляющий символ ${control}; уберите его из файла`;
    }
  }
  return null;
}
