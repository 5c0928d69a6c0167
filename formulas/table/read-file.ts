import { fail, ok, type Parsed } from '../problem.ts';
import { readCsv } from './csv.ts';
import type { Grid } from './grid.ts';
import { readXlsx } from './xlsx.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an uploaded table: .xlsx by its zip signature, legacy .xls refused with advice, anything else as CSV.
 * The content decides, not the name: users rename files.
 */
export async function readGridFile(fileName: string, bytes: Uint8Array): Promise<Parsed<Grid>> {
  if (bytes.length === 0) return fail('файл пуст');
  if (startsWith(bytes, OLE_MAGIC)) return fail('формат .xls (Excel 97–2003) не поддерживается: сохраните файл как .xlsx или .csv');
  if (startsWith(bytes, ZIP_MAGIC)) {
    try {
      return ok(readXlsx(bytes));
    } catch (e) {
      return fail(`не удалось прочитать .xlsx: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (/\.(xlsx|xlsm)$/i.test(fileName)) return fail('файл назван .xlsx, но не является книгой Excel');
  return ok(readCsv(bytes));
}
