/** Same seed and size → the same bytes in every file; another seed → another region. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestRegion, type TestRegion } from './testing.ts';

let a: TestRegion;
let b: TestRegion;
let other: TestRegion;
beforeAll(async () => {
  a = await generateTestRegion({ seed: 7 });
  b = await generateTestRegion({ seed: 7 });
  other = await generateTestRegion({ seed: 8 });
});
afterAll(() => [a, b, other].forEach((r) => r.remove()));

const bytes = (r: TestRegion, path: string): Buffer => readFileSync(join(r.dir, path));

describe('determinism', () => {
  it('writes byte-identical files for the same seed, in every format', () => {
    const paths = ['manifest.json', ...a.summary.files.map((f) => f.path)];
    expect(b.summary.files.map((f) => f.path)).toEqual(a.summary.files.map((f) => f.path));
    for (const p of paths) expect(bytes(b, p).equals(bytes(a, p)), p).toBe(true);
    const formats = new Set(a.summary.files.map((f) => f.registry?.format).filter(Boolean));
    expect([...formats].sort()).toEqual(['csv-cp1251', 'csv-utf8', 'csv-utf8-bom', 'xlsx']);
  });

  it('writes another region for another seed', () => {
    for (const p of ['reference/houses.csv', 'reference/organisations.csv', 'reference/tariffs.csv', 'registries/injected-errors.csv']) {
      expect(bytes(other, p).equals(bytes(a, p)), p).toBe(false);
    }
    expect(other.summary.counts.houses).toBe(a.summary.counts.houses);
  });
});
