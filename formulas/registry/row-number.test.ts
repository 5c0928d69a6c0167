import { describe, expect, it } from 'vitest';
import { rowLabel, rowPhrase } from './row-number.ts';

describe('rowLabel', () => {
  it('is the file’s № п/п, with the file line where it differs', () => {
    expect(rowLabel(3, 3)).toBe('3');
    expect(rowLabel(3, 11)).toBe('3 (стр. 11)');
    expect(rowLabel(null, 11)).toBe('стр. 11');
    expect(rowLabel(Number.NaN, 7)).toBe('стр. 7');
  });
  it('names a row in a sentence', () => {
    expect(rowPhrase(3, 11)).toBe('Строка № 3 (стр. 11)');
    expect(rowPhrase(null, 11)).toBe('Строка в стр. 11 файла');
  });
});
