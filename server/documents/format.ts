/** How documents write money, dates and periods: the way an official Russian letter does. */
import { fmtKopecks } from '../../formulas/checks/format.ts';
import { periodOf, periodTitle } from '../../formulas/registry/period.ts';

/** 123456789 → «1 234 567,89 руб.» */
export const rubText = (kopecks: number): string => `${fmtKopecks(kopecks)} руб.`;

/** 123456789 → «1 234 567,89» (a table cell whose header already says «руб.»). */
export const rubNumber = (kopecks: number): string => fmtKopecks(kopecks);

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
