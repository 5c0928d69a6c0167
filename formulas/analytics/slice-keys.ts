import { periodKeyTitle } from '../registry/period.ts';

/**
 * A group key of an analytics slice as people read it, the same in the page's table and in its Excel export:
 * months by name, and the empty keys of houses without a district or not found in the houses registry named.
 */
export function sliceKeyText(dimension: string | undefined, key: string): string {
  switch (dimension) {
    case 'month':
      return periodKeyTitle(key);
    case 'district':
      return key || 'Район не указан';
    case 'settlement':
      return key || 'Дом не найден в реестре';
    default:
      return key;
  }
}
