import { parseDate } from '../parse/date.ts';
import { fail, ok, type Parsed } from '../problem.ts';

/** A reporting period: one calendar month. */
export interface Period {
  /** `YYYY-MM` */
  key: string;
  year: number;
  month: number;
  /** First and last day, ISO. */
  first: string;
  last: string;
}

const MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const MONTH_TITLES = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

export function periodOf(year: number, month: number): Period {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { key: `${year}-${mm}`, year, month, first: `${year}-${mm}-01`, last: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/** «август 2023» */
export const periodTitle = (p: Period): string => `${MONTH_TITLES[p.month - 1]} ${p.year}`;

/** `2026-03` → «март 2026», for periods that travel as keys (API, analytics); anything else is shown as it is. */
export function periodKeyTitle(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const title = m ? MONTH_TITLES[Number(m[2]) - 1] : undefined;
  return m && title ? `${title} ${m[1]}` : key;
}

/** The period `k` months before `p` (k may be negative). */
export function shiftPeriod(p: Period, k: number): Period {
  const idx = p.year * 12 + (p.month - 1) - k;
  return periodOf(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Reads `август 2023` (any case, «г.» allowed, genitive too), `08.2023`, `2023-08`, or a date inside the month. */
export function parsePeriod(raw: string | number): Parsed<Period> {
  const s = String(raw).trim().toLowerCase().replace(/ё/g, 'е').replace(/\s*г(ода?)?\.?$/, '').replace(/\s+/g, ' ');
  let m = /^([а-я]+) (\d{4})$/.exec(s);
  if (m) {
    const word = m[1] ?? '';
    // «ма» must match май/мая but not март: march is checked before it in the list.
    const idx = MONTHS.findIndex((stem) => word.startsWith(stem) && (stem !== 'ма' || /^ма[йя]$/.test(word)));
    if (idx >= 0) return ok(periodOf(Number(m[2]), idx + 1));
  }
  m = /^(\d{1,2})[./](\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return ok(periodOf(Number(m[2]), Number(m[1])));
  m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(periodOf(Number(m[1]), Number(m[2])));
  m = /^\d{1,2}\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return ok(periodOf(Number(m[2]), Number(m[1])));
  // a date cell as an office program saves it: «01.08.26», or the serial of an xlsx date cell
  if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(s) || (typeof raw === 'number' && raw > 3000)) {
    const d = parseDate(raw);
    if (d.ok) return ok(periodOf(Number(d.value.iso.slice(0, 4)), Number(d.value.iso.slice(5, 7))));
  }
  return fail(`не удалось прочитать отчетный период «${String(raw)}»; ожидается «август 2023», «08.2023» или «2023-08»`);
}
