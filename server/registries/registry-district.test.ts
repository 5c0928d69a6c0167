import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../formulas/table/normalize.ts';
import { registryDistrict } from './intake.ts';

describe('the district of a registry', () => {
  const directory = new Map(['Абатский муниципальный район', 'город Тюмень'].map((name) => [normalizeName(name), name]));

  it('names a district of the directory by its own name however the rows spell it', () => {
    expect(registryDistrict(['р-н Абатский', 'АБАТСКИЙ МУНИЦИПАЛЬНЫЙ РАЙОН', 'Абатский МР'], directory)).toBe('Абатский муниципальный район');
  });

  it('names the most frequent district «и др.» when the rows cover several', () => {
    expect(registryDistrict(['ГОРОД ТЮМЕНЬ', 'город  Тюмень', 'Абатский р-н'], directory)).toBe('город Тюмень и др.');
  });

  it('keeps a territory the directory does not know as written, and has none for empty rows', () => {
    expect(registryDistrict(['  Неизвестный район '], directory)).toBe('Неизвестный район');
    expect(registryDistrict(['', ' '], directory)).toBeNull();
  });
});
