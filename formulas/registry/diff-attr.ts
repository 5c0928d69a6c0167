import { parseDate } from '../parse/date.ts';
import { fail, ok, type Parsed } from '../problem.ts';

/** The declared commissioning range of «Дом, признак дифференциации тарифов»; null ends are open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/**
 * Reads `с ДД.ММ.ГГГГ по ДД.ММ.ГГГГ` with `--` for an open end. `с -- по --` and an empty cell mean
 * "not differentiated" and read as null.
 */
export function parseDiffAttr(raw: string): Parsed<DateRange | null> {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '' || s === '--' || s === '-') return ok(null);
  const m = /^с (\S+) по (\S+)$/.exec(s);
  if (!m) return fail(`признак дифференциации «${raw}» не в формате «с ДД.ММ.ГГГГ по ДД.ММ.ГГГГ»`);
  const end = (t: string): Parsed<string | null> => {
    if (/^-+$/.test(t)) return ok(null);
    const d = parseDate(t);
    return d.ok ? ok(d.value.iso) : fail(`в признаке дифференциации «${raw}»: ${d.message}`);
  };
  const from = end(m[1] ?? '');
  if (!from.ok) return from;
  const to = end(m[2] ?? '');
  if (!to.ok) return to;
  if (from.value === null && to.value === null) return ok(null);
  return ok({ from: from.value, to: to.value });
}

export const inRange = (iso: string, r: DateRange): boolean => (r.from === null || iso >= r.from) && (r.to === null || iso <= r.to);
