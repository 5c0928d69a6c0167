/** Number formats of the analytics pages: short amounts for axes, shares, months; exact sums come from format.ts. */
const compact = new Intl.NumberFormat('ru-RU', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** Kopecks as a short amount for chart axes: 123456789012 → «1,2 млрд ₽». Tooltips and tables show the exact sum. */
export const formatRublesShort = (kopecks: number): string => `${compact.format(kopecks / 100)}\u00a0₽`;

/** A share 0..1 as percent: 0.3333 → «33,3 %». */
export const formatPercent = (share: number): string => `${percent.format(share * 100)}\u00a0%`;

/** A decimal string of a volume, grouped the Russian way: "12345.678" → «12 345,68». */
export const formatVolume = (text: string): string => decimal.format(Number(text));

const SHORT = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/** `2026-03` → «мар 26», for crowded axes. */
export const monthShort = (period: string): string => `${SHORT[Number(period.slice(5, 7)) - 1] ?? period} ${period.slice(2, 4)}`;
