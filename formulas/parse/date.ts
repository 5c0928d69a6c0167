import { fail, ok, type Parsed } from '../problem.ts';

/** An ISO date (YYYY-MM-DD); `yearOnly` when the source gave just a year (stored as 1 January). */
export interface ReadDate {
  iso: string;
  yearOnly: boolean;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0);
  if (d > days) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Excel's 1900 date system, including its phantom 29 February 1900 (serial 60). */
export function excelSerialToIso(serial: number): string | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 2958465) return null;
  const days = whole > 60 ? whole - 1 : whole; // serials after the phantom day are shifted by one
  const ms = Date.UTC(1899, 11, 31) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The century of a two-digit year, as DOMAIN.md «Identifiers» says: YY is 20YY when 20YY is not after next year,
 * else 19YY («03.11.26» is 2026, «05.06.77» is 1977). `thisYear` is the year of the reading.
 */
export function centuryOf(yy: number, thisYear: number): number {
  return 2000 + yy <= thisYear + 1 ? 2000 + yy : 1900 + yy;
}

/**
 * Reads a date as users write it: ДД.ММ.ГГГГ (also Д.М.ГГГГ), ДД.ММ.ГГ as office programs save it (the century by
 * `centuryOf`, relative to `thisYear`, by default the current year), ISO YYYY-MM-DD (with an optional time part),
 * an Excel serial number, or a bare year.
 * A spreadsheet integer between 1000 and 2999 is read as a year, not as a serial: serials in that
 * range are days of 1902–1908, implausible here, while bare years of commissioning are common.
 */
export function parseDate(raw: string | number, thisYear = new Date().getUTCFullYear()): Parsed<ReadDate> {
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1000 && raw <= 2999) return ok({ iso: `${raw}-01-01`, yearOnly: true });
    const iso = excelSerialToIso(raw);
    return iso ? ok({ iso, yearOnly: false }) : fail(`не дата: «${raw}»`);
  }
  const s = raw.trim();
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s.*)?$/.exec(s);
  if (m) {
    const iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? ok({ iso, yearOnly: false }) : fail(`несуществующая дата «${s}»`);
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{2})(?:\s.*)?$/.exec(s);
  if (m) {
    const iso = isoOf(centuryOf(Number(m[3]), thisYear), Number(m[2]), Number(m[1]));
    return iso ? ok({ iso, yearOnly: false }) : fail(`несуществующая дата «${s}»`);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok({ iso, yearOnly: false }) : fail(`несуществующая дата «${s}»`);
  }
  m = /^(\d{4})(?:\s*г\.?)?$/.exec(s);
  if (m) return ok({ iso: `${m[1]}-01-01`, yearOnly: true });
  if (/^\d+([.,]\d+)?$/.test(s)) return parseDate(Number(s.replace(',', '.')));
  return fail(`не дата: «${s}»; ожидается ДД.ММ.ГГГГ, ДД.ММ.ГГ, ГГГГ-ММ-ДД или год`);
}
