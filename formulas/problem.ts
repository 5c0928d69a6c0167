/**
 * A problem found in user input. Parsers return every problem they find instead of throwing:
 * the user fixes the whole file at once, not one error per upload.
 */
export interface Problem {
  /** File name as the user uploaded it. */
  file: string;
  /** 1-based row number as a spreadsheet shows it; absent for file-level problems. */
  row?: number;
  /** Column header as written in the file (or the expected header when it is missing). */
  column?: string;
  /** Russian message for the user. */
  message: string;
}

/** «houses.csv, строка 12, столбец «oktmo»: …» — the one way a problem is shown to a person. */
export function formatProblem(p: Problem): string {
  const where = [p.file];
  if (p.row !== undefined) where.push(`строка ${p.row}`);
  if (p.column !== undefined) where.push(`столбец «${p.column}»`);
  return `${where.join(', ')}: ${p.message}`;
}

/** A value or the reason it could not be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
