import { describe, expect, it } from 'vitest';
import { formatDate, formatMonthInput, parseRuDate, parseRuMonth } from './format.ts';

describe('Russian date input', () => {
  it('reads a day typed as ДД.ММ.ГГГГ (and shorter, or pasted ISO) as ISO, and only real days', () => {
    expect(parseRuDate('01.04.2026')).toBe('2026-04-01');
    expect(parseRuDate(' 1.4.2026 ')).toBe('2026-04-01');
    expect(parseRuDate('29/02/2024')).toBe('2024-02-29');
    expect(parseRuDate('2026-04-01')).toBe('2026-04-01');
    for (const bad of ['29.02.2026', '31.04.2026', '01.13.2026', '01.04.26', '01.0', '', 'сегодня', '04/01/2026x']) expect(parseRuDate(bad), bad).toBeNull();
    expect(formatDate(parseRuDate('5.6.2026'))).toBe('05.06.2026');
  });

  it('reads a month typed as ММ.ГГГГ', () => {
    expect(parseRuMonth('04.2026')).toBe('2026-04');
    expect(parseRuMonth('4.2026')).toBe('2026-04');
    expect(parseRuMonth('2026-04')).toBe('2026-04');
    for (const bad of ['13.2026', '00.2026', '04.26', '2026-4', '']) expect(parseRuMonth(bad), bad).toBeNull();
    expect(formatMonthInput('2026-04')).toBe('04.2026');
    expect(formatMonthInput('04.20')).toBe('04.20');
  });
});
