import { describe, expect, it } from 'vitest';
import { centuryOf, excelSerialToIso, parseDate } from './date.ts';
import { parseInteger, parseScaled, scaledToDecimal } from './decimal.ts';

const v = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T | string => (r.ok ? r.value : `ERR ${r.message}`);

describe('exact decimals', () => {
  it('reads decimal comma and point, thousands separators of every kind', () => {
    expect(v(parseScaled('48,80', 2))).toBe(4880);
    expect(v(parseScaled('48.8', 4))).toBe(488000);
    expect(v(parseScaled('2 214 806,24', 2))).toBe(221480624);
    expect(v(parseScaled('2\u00a0214\u202f806,24', 2))).toBe(221480624);
    expect(v(parseScaled('−69', 0))).toBe(-69);
    expect(v(parseScaled(',5', 2))).toBe(50);
  });
  it('reads spreadsheet floats without float error', () => {
    expect(v(parseScaled(0.1 + 0.2, 2))).toBe(30);
    expect(v(parseScaled(41.73, 4))).toBe(417300);
    expect(v(parseScaled(1e-7, 4))).toBe(0);
  });
  it('rounds extra digits half up', () => {
    expect(v(parseScaled('3,22225', 4))).toBe(32223);
    expect(v(parseScaled('3,22224', 4))).toBe(32222);
    expect(v(parseScaled('-0,005', 2))).toBe(-1);
  });
  it('refuses text that is not a number', () => {
    for (const s of ['', 'abc', '1,2,3', '12-3', '1e5']) expect(parseScaled(s, 2).ok).toBe(false);
  });
  it('integers refuse fractions', () => {
    expect(v(parseInteger('12'))).toBe(12);
    expect(v(parseInteger('12,0'))).toBe(12);
    expect(parseInteger('12,5').ok).toBe(false);
  });
  it('writes scaled integers back as SQL decimals', () => {
    expect(scaledToDecimal(4880, 2)).toBe('48.80');
    expect(scaledToDecimal(-5, 4)).toBe('-0.0005');
    expect(scaledToDecimal(7, 0)).toBe('7');
  });
});

describe('dates', () => {
  it('reads ДД.ММ.ГГГГ, ISO, Excel serials and bare years', () => {
    expect(v(parseDate('01.01.1989'))).toEqual({ iso: '1989-01-01', yearOnly: false });
    expect(v(parseDate('1.9.2023'))).toEqual({ iso: '2023-09-01', yearOnly: false });
    expect(v(parseDate('2023-08-31'))).toEqual({ iso: '2023-08-31', yearOnly: false });
    expect(v(parseDate('2023-08-31T00:00:00.000Z'))).toEqual({ iso: '2023-08-31', yearOnly: false });
    expect(v(parseDate(45170))).toEqual({ iso: '2023-09-01', yearOnly: false });
    expect(v(parseDate('45170'))).toEqual({ iso: '2023-09-01', yearOnly: false });
    expect(v(parseDate('1989'))).toEqual({ iso: '1989-01-01', yearOnly: true });
    expect(v(parseDate(1989))).toEqual({ iso: '1989-01-01', yearOnly: true });
    expect(v(parseDate('1989 г.'))).toEqual({ iso: '1989-01-01', yearOnly: true });
  });
  it('reads ДД.ММ.ГГ as office programs save it: 20YY unless after next year, else 19YY', () => {
    expect(v(parseDate('03.11.26', 2026))).toEqual({ iso: '2026-11-03', yearOnly: false });
    expect(v(parseDate('05.06.77', 2026))).toEqual({ iso: '1977-06-05', yearOnly: false });
    expect(v(parseDate('01.01.27', 2026))).toMatchObject({ iso: '2027-01-01' }); // next year is still this century
    expect(v(parseDate('01.01.28', 2026))).toMatchObject({ iso: '1928-01-01' });
    expect(v(parseDate('1.9.00', 2026))).toMatchObject({ iso: '2000-09-01' });
    expect(parseDate('31.02.26', 2026).ok).toBe(false);
    expect(centuryOf(99, 2098)).toBe(2099);
  });
  it('handles Excel\'s phantom 29 February 1900', () => {
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
  });
  it('refuses impossible dates and text', () => {
    expect(parseDate('31.09.2023').ok).toBe(false); // the seed slide's «31.09.2023» does not exist
    expect(parseDate('29.02.2023').ok).toBe(false);
    expect(v(parseDate('29.02.2024'))).toEqual({ iso: '2024-02-29', yearOnly: false });
    expect(v(parseDate('01.01.89', 2026))).toMatchObject({ iso: '1989-01-01' }); // refused before office programs' ДД.ММ.ГГ was read
    expect(parseDate('вчера').ok).toBe(false);
  });
});
