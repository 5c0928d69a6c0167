/**
 * One row number everywhere a row is named: the grid, the row card, the history, the letter, the appendix and the
 * export. It is the file's «№ п/п», which the РСО knows its rows by, with the file line in brackets where the two
 * differ, so the regulator can still find the row in the file (a file without «№ п/п», or with a gap, a repeat or
 * a header block above the table). A row without «№ п/п» is named by its line alone.
 */
export function rowLabel(n: number | null | undefined, fileLine: number): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return `стр. ${fileLine}`;
  return n === fileLine ? String(n) : `${n} (стр. ${fileLine})`;
}

/** «Строка 12 (стр. 20)»: a row named in a sentence. */
export function rowPhrase(n: number | null | undefined, fileLine: number): string {
  return n === null || n === undefined || !Number.isFinite(n) ? `Строка в стр. ${fileLine} файла` : `Строка № ${rowLabel(n, fileLine)}`;
}
