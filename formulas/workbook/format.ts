/** Values of a sheet as people read them in Russian: 1 234,56; dates 01.02.2026; errors by their Russian name. */
import { dateOfSerial } from '../formula/values.ts';
import type { Field } from './data.ts';

const MONEY = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 4 });

/** A number in Russian: «1 234,5»; money with kopecks: «1 234,50». */
export const formatNumber = (x: number, money = false): string => (money ? MONEY : NUMBER).format(x);

export function formatDate(serial: number): string {
  const { y, m, d } = dateOfSerial(serial);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}

/** A plain value (see `plainValue`) of a field as text. */
export function formatValue(field: Pick<Field, 'type' | 'money'>, v: number | string | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'ИСТИНА' : 'ЛОЖЬ';
  if (typeof v === 'number') return field.type === 'date' ? formatDate(v) : formatNumber(v, field.money === true);
  return v;
}
