import { parseFiasId } from '../ids/fias.ts';
import { parseInn } from '../ids/inn.ts';
import { parseOgrn } from '../ids/ogrn.ts';
import { parseOktmo } from '../ids/oktmo.ts';
import { parseDate } from '../parse/date.ts';
import { parseInteger, parseScaled } from '../parse/decimal.ts';
import { fail, ok, type Parsed, type Problem } from '../problem.ts';
import { encodingHint } from './mojibake.ts';
import { cellText, type Cell, type Grid } from './grid.ts';
import { normalizeHeader } from './normalize.ts';
import type { ColumnSpec, FieldType, TableSpec } from './spec.ts';

/** A read value: text, an exact scaled integer, an ISO date, or null for an empty optional cell. */
export type Value = string | number | null;
export type TableRecord = Record<string, Value> & { __row: number };

/** Where the header is and which column of the file holds each key. */
export interface HeaderMatch {
  /** 0-based index of the header row in the grid (the lower row of a two-row header). */
  rowIndex: number;
  columns: Map<string, { index: number; header: string }>;
}

/** Why no header was taken; `row` (1-based) and `column` when one place is to blame (a repeated column). */
export type HeaderFailure = { ok: false; message: string; row?: number; column?: string };

const HEADER_SCAN_ROWS = 30;

function variants(col: ColumnSpec): Set<string> {
  return new Set([col.key, col.title, ...col.headers].map(normalizeHeader));
}

/** «A», «B», … «AA»: a column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The texts a header cell may be read as. One row: the cell. Two rows (a group cell merged over sub-columns, as
 * «Потребление КУ» over «в жилых помещениях» and «на ОДН»): the lower cell, then «group lower»; a column merged
 * down both rows keeps its text in the upper cell. A merged cell keeps its text in its first column only, so a
 * group runs right from its cell while the upper cells stay empty and the lower ones are not.
 */
function headerTexts(grid: Grid, r: number, twoRow: boolean): string[][] {
  const lower = grid[r] ?? [];
  if (!twoRow) return lower.map((c) => [cellText(c)]);
  const upper = grid[r - 1] ?? [];
  const out: string[][] = [];
  let group: string | null = null;
  for (let c = 0; c < Math.max(lower.length, upper.length); c++) {
    const top = cellText(upper[c]);
    const bottom = cellText(lower[c]);
    if (bottom === '') {
      group = null;
      out.push([top]);
      continue;
    }
    if (top !== '') group = top;
    out.push(group === null ? [bottom] : [bottom, `${group} ${bottom}`]);
  }
  return out;
}

interface RowMatch extends HeaderMatch {
  /** A cell naming a column already taken, or naming two columns at once: such a header is refused. */
  clash: { message: string; column: string } | null;
}

function matchRow(texts: string[][], rowIndex: number, accepted: { col: ColumnSpec; names: Set<string> }[]): RowMatch {
  const columns = new Map<string, { index: number; header: string }>();
  let clash: RowMatch['clash'] = null;
  texts.forEach((candidates, index) => {
    for (const text of candidates) {
      const norm = normalizeHeader(text);
      if (!norm) continue;
      const hits = accepted.filter((a) => a.names.has(norm));
      if (hits.length === 0) continue;
      const header = oneLine(text);
      const first = hits[0]!;
      if (hits.length > 1) {
        clash ??= { column: header, message: `столбец ${columnLetter(index)} «${header}» подходит к нескольким столбцам шаблона (${hits.map((h) => `«${h.col.title}»`).join(', ')}): переименуйте его` };
      } else if (columns.has(first.col.key)) {
        const before = columns.get(first.col.key)!;
        clash ??= {
          column: header,
          message: `столбец «${first.col.title}» повторяется (столбцы ${columnLetter(before.index)} и ${columnLetter(index)}): непонятно, какой из них читать; оставьте один`,
        };
      } else columns.set(first.col.key, { index, header });
      break;
    }
  });
  return { rowIndex, columns, clash };
}

/**
 * Finds the header row by its content in the first 30 rows: the row (or pair of rows, for a two-row header with
 * merged group cells) where most known headers match. A file may start with a metadata block, and columns may
 * come in any order. A column named twice, or a header naming two template columns, is refused with its row and
 * column: picking one silently would check the wrong data. When no row is a header, a text that looks
 * mis-decoded (mojibake) gets an encoding hint.
 */
export function findHeader(grid: Grid, spec: TableSpec): { ok: true; value: HeaderMatch } | HeaderFailure {
  const accepted = spec.columns.map((c) => ({ col: c, names: variants(c) }));
  let best: RowMatch | null = null;
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    for (const twoRow of r > 0 ? [false, true] : [false]) {
      const m = matchRow(headerTexts(grid, r, twoRow), r, accepted);
      if (m.columns.size > (best?.columns.size ?? 0)) best = m;
    }
  }
  if (!best || best.columns.size < 2) {
    const expected = spec.columns.filter((c) => c.required).map((c) => `«${c.title}»`).join(', ');
    const hint = encodingHint(grid.slice(0, HEADER_SCAN_ROWS));
    return { ok: false, message: `не найдена строка заголовков (в первых ${HEADER_SCAN_ROWS} строках нет столбцов ${expected})${hint ? `; ${hint}` : ''}` };
  }
  if (best.clash) return { ok: false, row: best.rowIndex + 1, column: best.clash.column, message: best.clash.message };
  const found = best;
  const missing = spec.columns.filter((c) => c.required && !found.columns.has(c.key));
  if (missing.length > 0) {
    const names = missing.map((c) => `«${c.title}» (${c.key})`).join(', ');
    return { ok: false, row: found.rowIndex + 1, message: `в строке заголовков ${found.rowIndex + 1} нет обязательных столбцов: ${names}` };
  }
  return ok({ rowIndex: found.rowIndex, columns: found.columns });
}

/** Reads one cell by its column type. Empty cells are null; the caller decides if that is allowed. */
export function readCell(cell: Cell | undefined, type: FieldType): Parsed<Value> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  switch (type.kind) {
    case 'text':
      return ok(text.replace(/\s+/g, ' '));
    case 'fias':
      return parseFiasId(text);
    case 'oktmo':
      return parseOktmo(typeof cell === 'number' ? String(cell).padStart(text.length > 8 ? 11 : 8, '0') : text);
    case 'inn':
      return parseInn(text);
    case 'ogrn':
      return parseOgrn(text);
    case 'date': {
      const d = parseDate(typeof cell === 'number' ? cell : text);
      return d.ok ? ok(d.value.iso) : d;
    }
    case 'integer':
      return parseInteger(typeof cell === 'number' ? cell : text);
    case 'decimal':
      return parseScaled(typeof cell === 'number' ? cell : text, type.scale);
    case 'enum': {
      if (type.values.includes(text)) return ok(text); // the common case, without normalising
      const norm = normalizeHeader(text);
      const hit = type.values.find((v) => normalizeHeader(v) === norm);
      return hit ? ok(hit) : fail(`недопустимое значение «${text}»; допустимы: ${type.values.join(', ')}`);
    }
    default:
      return exhaustive(type);
  }
}

function exhaustive(x: never): never {
  throw new Error(`unknown field type ${JSON.stringify(x)}`);
}

/** The problem of a header that was not taken, with its row and column where it has them. */
export function headerProblem(file: string, f: HeaderFailure): Problem {
  return { file, ...(f.row !== undefined && { row: f.row }), ...(f.column !== undefined && { column: f.column }), message: f.message };
}

/**
 * Reads every data row under the header into records keyed by column key, collecting every problem
 * with its row and column. Blank rows are skipped; duplicate record keys are refused.
 */
export function readTable(grid: Grid, spec: TableSpec, file: string): { records: TableRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const records = [...tableRecords(grid, spec, file, problems)];
  return { records, problems };
}

/** A column the file does not have reads as empty. */
const NOTHING = ok(null);

/**
 * `readTable` one record at a time, so a caller can write what is read while the rest is still being read (an
 * import streams into the database). Problems are pushed to `problems` as they are found, each with its row and
 * column; a record is yielded even when its row has a problem (the caller stops writing at the first one).
 */
export function* tableRecords(rows: Iterable<Cell[]>, spec: TableSpec, file: string, problems: Problem[]): Generator<TableRecord> {
  // the header is within the first rows; the rest are read as they come (a CSV file's rows are parsed lazily)
  const it = rows[Symbol.iterator]();
  const head: Grid = [];
  while (head.length < HEADER_SCAN_ROWS) {
    const next = it.next();
    if (next.done) break;
    head.push(next.value);
  }
  const header = findHeader(head, spec);
  if (!header.ok) {
    problems.push(headerProblem(file, header));
    return;
  }
  const { rowIndex, columns } = header.value;
  // where each column of the spec is in the file, worked out once (a 200,000-row file reads it two million times)
  const plan = spec.columns.map((col) => {
    const at = columns.get(col.key);
    return { key: col.key, type: col.type, required: col.required, index: at ? at.index : -1, column: at?.header ?? col.title };
  });
  const [onlyKey, ...moreKeys] = spec.key;
  const keyOf = (rec: TableRecord): string => (moreKeys.length === 0 ? String(rec[onlyKey ?? ''] ?? '') : spec.key.map((key) => String(rec[key] ?? '')).join('\u0001'));
  const seen = new Map<string, number>();
  let n = 0;
  let r = rowIndex;
  const after = function* (): Generator<Cell[]> {
    yield* head.slice(rowIndex + 1);
    for (let next = it.next(); !next.done; next = it.next()) yield next.value;
  };
  for (const row of after()) {
    r++;
    if (row.every((c) => cellText(c) === '')) continue;
    const rec: TableRecord = { __row: r + 1 };
    for (const col of plan) {
      const read = col.index >= 0 ? readCell(row[col.index], col.type) : NOTHING;
      if (!read.ok) problems.push({ file, row: r + 1, column: col.column, message: read.message });
      else if (read.value === null && col.required) problems.push({ file, row: r + 1, column: col.column, message: 'пустое значение в обязательном столбце' });
      rec[col.key] = read.ok ? read.value : null;
    }
    if (onlyKey !== undefined) {
      const k = keyOf(rec);
      const first = seen.get(k);
      if (first !== undefined) {
        problems.push({ file, row: r + 1, message: `повтор записи строки ${first} (${spec.key.join(', ')}: ${spec.key.map((key) => rec[key] ?? '—').join(', ')})` });
      } else seen.set(k, r + 1);
    }
    n++;
    yield rec;
  }
  if (n === 0 && problems.length === 0) problems.push({ file, message: 'в файле нет строк с данными под заголовком' });
}
