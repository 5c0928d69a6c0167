/**
 * A sheet as read from CSV or xlsx: rows of cells, dates already turned into ISO strings.
 * The one shape every tabular reader produces and every schema consumes.
 */
export type Cell = string | number | boolean | null;
export type Grid = Cell[][];

/** Cell as trimmed text; numbers keep their JS text form (parsers re-read them exactly). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c.trim() : String(c);
}

export const isBlank = (c: Cell | undefined): boolean => cellText(c) === '';

/**
 * The most cells a read table may have: a 200,000-house directory is ~2.4 million, a 30,000-row registry under
 * one million. A file past it is refused before its grid exhausts memory (a sheet of a million rows with one
 * cell in column XFD would be 16 billion).
 */
export const MAX_GRID_CELLS = 10_000_000;

export const tooManyCells = (max: number): { ok: false; message: string } => ({
  ok: false,
  message: `в таблице больше ${max.toLocaleString('ru-RU')} ячеек: такой файл не принимается, разделите его`,
});
