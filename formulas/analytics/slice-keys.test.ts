import { describe, expect, it } from 'vitest';
import { periodKeyTitle } from '../registry/period.ts';
import { sliceKeyText } from './slice-keys.ts';

describe('slice keys as people read them', () => {
  it('names months, and shows what is not a month key as it is', () => {
    expect(periodKeyTitle('2026-03')).toBe('март 2026');
    expect(periodKeyTitle('2025-12')).toBe('декабрь 2025');
    expect(periodKeyTitle('2026-13')).toBe('2026-13');
    expect(periodKeyTitle('')).toBe('');
  });

  it('names the empty district and settlement keys and leaves the other dimensions alone', () => {
    expect(sliceKeyText('month', '2026-01')).toBe('январь 2026');
    expect(sliceKeyText('district', '')).toBe('Район не указан');
    expect(sliceKeyText('settlement', '')).toBe('Дом не найден в реестре');
    expect(sliceKeyText('settlement', 'с. Ярково')).toBe('с. Ярково');
    expect(sliceKeyText('rso', '')).toBe('');
    expect(sliceKeyText(undefined, 'Итого')).toBe('Итого');
  });
});
