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
