import { periodOf, periodTitle } from '../../formulas/registry/period.ts';

/** How numbers and dates read in the workspace: Russian conventions everywhere. */
const integer = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const area = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

export const formatInteger = (n: number): string => integer.format(n);

const plurals = new Intl.PluralRules('ru-RU');
/** The word for a count, as Russian agrees it: 1 дом, 3 дома, 5 домов. */
export const countWord = (n: number, forms: { one: string; few: string; many: string }): string => {
  const rule = plurals.select(n);
  return rule === 'one' ? forms.one : rule === 'few' ? forms.few : forms.many;
};
export const HOUSE_WORDS = { one: 'дом', few: 'дома', many: 'домов' } as const;

/** A decimal the API sends as text ("1204.50"), shown with two decimals ("1 204,50"). */
export const formatDecimal = (text: string | null | undefined): string => (text ? area.format(Number(text)) : '');

/** An ISO date ("1989-01-01") as «01.01.1989». */
export const formatDate = (iso: string | null | undefined): string => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
};

/** A real calendar day (`2026-02-30` is not one). */
const realDay = (y: number, m: number, d: number): boolean => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/**
 * A date as a Russian user types it, «01.04.2026» (also «1.4.2026», «01/04/2026», or ISO pasted), as ISO
 * «2026-04-01»; null when it is not a whole real day.
 */
export function parseRuDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : ru ? [Number(ru[3]), Number(ru[2]), Number(ru[1])] : [0, 0, 0];
  if (!y || !realDay(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A month typed «04.2026» (or «4.2026», or ISO «2026-04») as `2026-04`; null when it is not one. */
export function parseRuMonth(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(t);
  const ru = /^(\d{1,2})[./-](\d{4})$/.exec(t);
  const [y, m] = iso ? [Number(iso[1]), Number(iso[2])] : ru ? [Number(ru[2]), Number(ru[1])] : [0, 0];
  if (!y || m < 1 || m > 12) return null;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** A month `2026-04` as «04.2026»; anything else as it came. */
export const formatMonthInput = (key: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[2]}.${m[1]}` : key;
};

/** An ISO timestamp in the user's local time: «24.11.2026, 13:42». */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/**
 * An exact amount of kopecks as roubles: 221480624 → «2 214 806,24 ₽» (no-break spaces, so it never wraps).
 * Dividing an integer by 100 once gives the nearest double, which prints back to the same two decimals.
 */
export const formatRubles = (kopecks: number): string => `${money.format(kopecks / 100)}\u00a0₽`;

/** Milliseconds as users read a duration: «37 мс», «1 240 мс». */
export const formatMs = (ms: number): string => `${integer.format(Math.max(1, Math.round(ms)))}\u00a0мс`;

/** A reporting period `YYYY-MM` as «март 2026»; anything else as it came. */
export const formatPeriod = (key: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? periodTitle(periodOf(Number(m[1]), Number(m[2]))) : key;
};
