/**
 * ТЕКСТ(значение; формат), the basic part: number formats with 0 and #, thousands grouping, decimals,
 * percent and quoted text around them; date formats in Russian or English letters (ДД.ММ.ГГГГ, dd.mm.yyyy,
 * ММММ ГГГГ). The result reads Russian whichever spelling the formula was written in: a decimal comma and
 * spaces between thousands, so the Russian and English formula give the same text.
 */
import { multiply, pow10, round } from './exact.ts';
import { dateOfSerial } from './values.ts';

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const DATE_CODE = /[ГМДymd]/i;
const PLACEHOLDER = /[0#?]/;

/** Quoted text and \-escaped characters of a format, as they are printed. */
const literal = (part: string): string => part.replace(/"([^"]*)"|\\(.)/g, (_, q: string | undefined, c: string | undefined) => q ?? c ?? '');

function formatDate(serial: number, format: string): string {
  const { y, m, d } = dateOfSerial(serial);
  const two = (n: number) => String(n).padStart(2, '0');
  return format.replace(/"[^"]*"|\\.|ГГГГ|ГГ|ММММ|ММ|М|ДД|Д|yyyy|yy|mmmm|mm|m|dd|d/gi, (code) => {
    if (code.startsWith('"') || code.startsWith('\\')) return literal(code);
    switch (code.toLowerCase()) {
      case 'гггг':
      case 'yyyy':
        return String(y).padStart(4, '0');
      case 'гг':
      case 'yy':
        return two(y % 100);
      case 'мммм':
      case 'mmmm':
        return MONTHS[m - 1] ?? '';
      case 'мм':
      case 'mm':
        return two(m);
      case 'м':
      case 'm':
        return String(m);
      case 'дд':
      case 'dd':
        return two(d);
      default:
        return String(d);
    }
  });
}

/**
 * Where the decimal separator of a number format is: the last «.» or «,» when both occur; a lone one is
 * grouping only in «#,##0» (three placeholders after it and # before), else decimal («0,00» and «0.00»).
 */
function decimalAt(core: string): number {
  const dot = core.lastIndexOf('.');
  const comma = core.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return Math.max(dot, comma);
  const at = Math.max(dot, comma);
  if (at < 0) return -1;
  const sep = core[at] as string;
  if (core.indexOf(sep) !== at) return -1; // «#,###,##0»: grouping only
  if (core.startsWith('#') && /^[0#?]{3}$/.test(core.slice(at + 1))) return -1;
  return at;
}

const group = (int: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

function formatNumber(x: number, format: string): string {
  const first = format.search(PLACEHOLDER);
  if (first < 0) return literal(format);
  let last = first;
  for (let k = first; k < format.length; k++) if (PLACEHOLDER.test(format[k] ?? '') || /[.,\s]/.test(format[k] ?? '')) last = k;
  while (last > first && !PLACEHOLDER.test(format[last] ?? '')) last--;
  const prefix = format.slice(0, first);
  const suffix = format.slice(last + 1);
  const core = format.slice(first, last + 1);
  const percent = (prefix + suffix).includes('%');
  const at = decimalAt(core);
  const intPart = at < 0 ? core : core.slice(0, at);
  const fracPart = at < 0 ? '' : core.slice(at + 1).replace(/[^0#?]/g, '');
  const grouping = /[0#?][\s,.\u00a0][0#?]/.test(intPart);
  const minInt = (intPart.match(/0/g) ?? []).length;
  const value = round(percent ? multiply(x, 100) : x, fracPart.length, 'half');
  const neg = value < 0;
  const abs = Math.abs(value);
  // the rounded value is a short decimal, so this integer of 10^-scale is exact
  const scale = fracPart.length;
  const m = Math.round(abs * pow10(scale));
  const digits = String(m).padStart(scale + 1, '0');
  let int = digits.slice(0, digits.length - scale).replace(/^0+/, '');
  int = int.padStart(minInt, '0');
  let frac = digits.slice(digits.length - scale);
  const required = fracPart.replace(/#|\?/g, '').length;
  while (frac.length > required && frac.endsWith('0')) frac = frac.slice(0, -1);
  const number = `${grouping ? group(int) : int}${frac ? `,${frac}` : ''}`;
  return `${neg && /[1-9]/.test(int + frac) ? '-' : ''}${literal(prefix)}${number}${literal(suffix)}`;
}

/** The text of ТЕКСТ(x; format). */
export function formatText(x: number, format: string): string {
  const section = format.split(';')[0] ?? '';
  const bare = section.replace(/"[^"]*"|\\./g, '');
  if (/^(General|Основной|@)$/i.test(bare.trim())) return String(x).replace('.', ',');
  if (!PLACEHOLDER.test(bare) && DATE_CODE.test(bare)) return formatDate(x, section);
  return formatNumber(x, section);
}
