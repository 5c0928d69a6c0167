/**
 * Pure helpers of the grids' Excel habits: the tab-separated text Ctrl+C puts on the clipboard, and reading a
 * number back from a cell's Russian text for the status bar's sum. No DOM, no ag-grid: unit-tested.
 */

/** One cell as Excel reads it from TSV: quoted when it holds a tab, a line break or a quote (quotes doubled). */
export function tsvCell(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as tab-separated lines, `\r\n` between them as Excel writes and reads them. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\r\n');
}

/**
 * A number as a cell shows it in Russian («1 234,56», «1 234,56 ₽», «−5», «12,5 %» is not a number): the value,
 * or null for text. Digit groups may be split by spaces, no-break or thin spaces; the decimal mark is a comma
 * (a point is taken too: a value copied from elsewhere).
 */
export function russianNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/\s*(₽|руб\.?)$/u, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[−–]/, '-');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/** Decimal places of a number's Russian text («1 234,50» → 2): the sum is shown with as many as its terms. */
export function placesOf(text: string): number {
  const m = /[.,](\d+)\s*(₽|руб\.?)?$/u.exec(text.trim());
  return m?.[1]?.length ?? 0;
}

const formatters = new Map<number, Intl.NumberFormat>();

/** «1 234,56»: ru-RU grouping with no-break spaces, `places` decimals. */
export function russianText(value: number, places: number): string {
  let f = formatters.get(places);
  if (!f) {
    f = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: places, maximumFractionDigits: places });
    formatters.set(places, f);
  }
  return f.format(value);
}

/** Count and sum of a selection's cells as the status bar says them; numbers summed exactly in units of the finest place. */
export function selectionSummary(texts: readonly string[]): { cells: number; numbers: number; sum: string | null } {
  let places = 0;
  const values: { v: number; p: number }[] = [];
  for (const t of texts) {
    const v = russianNumber(t);
    if (v === null) continue;
    const p = Math.min(placesOf(t), 6);
    places = Math.max(places, p);
    values.push({ v, p });
  }
  if (values.length === 0) return { cells: texts.length, numbers: 0, sum: null };
  // integers of 10^-places: no binary rounding drift over thousands of cells
  const scale = 10 ** places;
  let units = 0;
  for (const x of values) units += Math.round(x.v * scale);
  return { cells: texts.length, numbers: values.length, sum: russianText(units / scale, places) };
}
