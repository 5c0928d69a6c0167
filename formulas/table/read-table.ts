import { parseFiasId } from '../ids/fias.ts';
import { parseInn } from '../ids/inn.ts';
import { parseOgrn } from '../ids/ogrn.ts';
import { parseOktmo } from '../ids/oktmo.ts';
import { parseDate } from '../parse/date.ts';
import { parseInteger, parseScaled } from '../parse/decimal.ts';
import { fail, ok, type Parsed, type Problem } from '../problem.ts';
import { cellText, type Cell, type Grid } from './grid.ts';
import { normalizeHeader } from './normalize.ts';
import type { ColumnSpec, FieldType, TableSpec } from './spec.ts';

/** A read value: text, an exact scaled integer, an ISO date, or null for an empty optional cell. */
export type Value = string | number | null;
export type TableRecord = Record<string, Value> & { __row: number };

/** Where the header is and which column of the file holds each key. */
export interface HeaderMatch {
  /** 0-based index of the header row in the grid. */
  rowIndex: number;
  columns: Map<string, { index: number; header: string }>;
}

const HEADER_SCAN_ROWS = 30;

function variants(col: ColumnSpec): Set<string> {
  return new Set([col.key, col.title, ...col.headers].map(normalizeHeader));
}

/**
 * Finds the header row by its content in the first 30 rows: the row where most known headers match.
 * A file may start with a metadata block, and columns may come in any order.
 */
export function findHeader(grid: Grid, spec: TableSpec): Parsed<HeaderMatch> {
  const accepted = spec.columns.map((c) => ({ col: c, names: variants(c) }));
  let best: HeaderMatch | null = null;
  let bestScore = 0;
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const row = grid[r] ?? [];
    const columns = new Map<string, { index: number; header: string }>();
    row.forEach((cell, index) => {
      const text = cellText(cell);
      const norm = normalizeHeader(text);
      if (!norm) return;
      const hit = accepted.find((a) => a.names.has(norm) && !columns.has(a.col.key));
      if (hit) columns.set(hit.col.key, { index, header: text.replace(/\s+/g, ' ') });
    });
    if (columns.size > bestScore) {
      bestScore = columns.size;
      best = { rowIndex: r, columns };
    }
  }
  if (!best || bestScore < 2) {
    const expected = spec.columns.filter((c) => c.required).map((c) => `«${c.title}»`).join(', ');
    return fail(`не найдена строка заголовков (в первых ${HEADER_SCAN_ROWS} строках нет столбцов ${expected})`);
  }
  const missing = spec.columns.filter((c) => c.required && !best.columns.has(c.key));
  if (missing.length > 0) {
    const names = missing.map((c) => `«${c.title}» (${c.key})`).join(', ');
    return fail(`в строке заголовков ${best.rowIndex + 1} нет обязательных столбцов: ${names}`);
  }
  return ok(best);
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

/**
 * Reads every data row under the header into records keyed by column key, collecting every problem
 * with its row and column. Blank rows are skipped; duplicate record keys are refused.
 */
export function readTable(grid: Grid, spec: TableSpec, file: string): { records: TableRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const records = [...tableRecords(grid, spec, file, problems)];
  return { records, problems };
}

/**
 * `readTable` one record at a time, so a caller can write what is read while the rest is still being read (an
 * import streams into the database). Problems are pushed to `problems` as they are found, each with its row and
 * column; a record is yielded even when its row has a problem (the caller stops writing at the first one).
 */
export function* tableRecords(grid: Grid, spec: TableSpec, file: string, problems: Problem[]): Generator<TableRecord> {
  const header = findHeader(grid, spec);
  if (!header.ok) {
    problems.push({ file, message: header.message });
    return;
  }
  const { rowIndex, columns } = header.value;
  const seen = new Map<string, number>();
  let n = 0;
  for (let r = rowIndex + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every((c) => cellText(c) === '')) continue;
    const rec: TableRecord = { __row: r + 1 };
    for (const col of spec.columns) {
      const at = columns.get(col.key);
      const read = at ? readCell(row[at.index], col.type) : ok(null);
      const column = at?.header ?? col.title;
      if (!read.ok) problems.push({ file, row: r + 1, column, message: read.message });
      else if (read.value === null && col.required) problems.push({ file, row: r + 1, column, message: 'пустое значение в обязательном столбце' });
      rec[col.key] = read.ok ? read.value : null;
    }
    if (spec.key.length > 0) {
      const k = spec.key.map((key) => String(rec[key] ?? '')).join('\u0001');
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
