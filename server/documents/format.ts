/** How documents write money, dates and periods: the way an official Russian letter does. */
import { fmtKopecks } from '../../formulas/checks/format.ts';
import { periodOf, periodTitle } from '../../formulas/registry/period.ts';

/**
 * Spaces inside a number, and between it and «руб.», do not break: a letter never wraps «22 774 / 444,90». A
 * no-break space (U+00A0), the one every font of a letter has (the narrow one, U+202F, is missing from many).
 */
export const NBSP = '\u00a0';
const unbreakable = (text: string): string => text.replace(/ /g, NBSP);

/** 123456789 → «1 234 567,89 руб.», no-break spaces inside */
export const rubText = (kopecks: number): string => `${unbreakable(fmtKopecks(kopecks))}${NBSP}руб.`;

/** 123456789 → «1 234 567,89» (a table cell whose header already says «руб.»), no-break spaces inside. */
export const rubNumber = (kopecks: number): string => unbreakable(fmtKopecks(kopecks));

/** ISO date (or timestamp) → «ДД.ММ.ГГГГ»; «—» when there is none. */
export function dateText(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '—';
}

/** `2026-08` → «август 2026» */
export function periodText(key: string): string {
  const [y, m] = key.split('-').map(Number);
  return periodTitle(periodOf(y ?? 0, m ?? 1));
}

/** Kopecks as a spreadsheet number of roubles: exact, since it divides an integer once. */
export const rubCell = (kopecks: number): number => kopecks / 100;

/**
 * Spreadsheet format of roubles. A format code is stored in the file in its invariant form: `#,##0.00` is what a
 * Russian Excel shows and edits as `# ##0,00` («1 234 567,89»); a literal space in the code would not group.
 */
export const MONEY_FORMAT = '#,##0.00';

/**
 * Spreadsheet format of a date shown as «ДД.ММ.ГГГГ» whatever the locale (the points are literal), and of a month
 * shown by its Russian name («Октябрь 2025»: Excel and LibreOffice capitalise the nominative month).
 */
export const DATE_FORMAT = 'dd.mm.yyyy;@';
export const MONTH_FORMAT = '[$-419]mmmm yyyy;@';

/** An ISO date (or timestamp) as a spreadsheet date: a JS Date at UTC midnight of that day (ExcelJS takes UTC). */
export function dateValue(iso: string | null | undefined): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** `2026-08` as a spreadsheet date: its first day. */
export const monthValue = (key: string): Date | null => dateValue(/^\d{4}-\d{2}$/.test(key) ? `${key}-01` : null);
