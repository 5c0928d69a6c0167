/**
 * Months, tariff half-years and the date texts the files use. Dates are ISO strings and day arithmetic is
 * done in UTC, so the output never depends on the machine's time zone or clock.
 */

/** One reporting month of the demo. */
export interface Month {
  /** 0-based position in the generated range. */
  index: number;
  /** `2026-08` */
  key: string;
  year: number;
  /** 1–12 */
  month: number;
  firstDay: string;
  lastDay: string;
}

/** A tariff period: 01.01–30.06 or 01.07–31.12. */
export interface HalfYear {
  year: number;
  /** 1 = January–June, 2 = July–December. */
  half: 1 | 2;
  from: string;
  to: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date `days` after (or before) the given one. */
export function addDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** `2015-01-01` → `01.01.2015`, as Russian files write dates. */
export function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** The `count` months ending with `last` (`2026-10`), oldest first. */
export function monthsEndingAt(last: string, count: number): Month[] {
  const lastYear = Number(last.slice(0, 4));
  const lastMonth = Number(last.slice(5, 7));
  const out: Month[] = [];
  for (let i = 0; i < count; i++) {
    const back = count - 1 - i;
    const total = lastYear * 12 + (lastMonth - 1) - back;
    const year = Math.floor(total / 12);
    const month = (total % 12) + 1;
    out.push({
      index: i,
      key: `${year}-${pad2(month)}`,
      year,
      month,
      firstDay: isoDate(year, month, 1),
      lastDay: isoDate(year, month, daysInMonth(year, month)),
    });
  }
  return out;
}

/** Tariff half-years that cover the months, oldest first. */
export function halfYearsCovering(months: readonly Month[]): HalfYear[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const out: HalfYear[] = [];
  let year = first.year;
  let half: 1 | 2 = first.month <= 6 ? 1 : 2;
  for (;;) {
    const from = half === 1 ? isoDate(year, 1, 1) : isoDate(year, 7, 1);
    if (from > last.firstDay) break;
    out.push({ year, half, from, to: half === 1 ? isoDate(year, 6, 30) : isoDate(year, 12, 31) });
    if (half === 1) half = 2;
    else {
      half = 1;
      year++;
    }
  }
  return out;
}

/** The reporting period as РСО write it: `август 2026`, `08.2026` or `2026-08`. */
export function periodText(m: Month, style: number, monthNames: readonly string[]): string {
  switch (style % 3) {
    case 0:
      return `${monthNames[m.month - 1] ?? ''} ${m.year}`;
    case 1:
      return `${pad2(m.month)}.${m.year}`;
    default:
      return m.key;
  }
}
