/**
 * The registries as files: read back with the application's reader, the subsidy column is exact except on
 * rows listed for check 8, every kind of mistake is present at a realistic rate, and the metadata is right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiasId } from '../../formulas/ids/fias.ts';
import { parseInn } from '../../formulas/ids/inn.ts';
import { divRoundHalfUp } from '../../formulas/money.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import { RULES } from './params.ts';
import {
  generateTestRegion, readCsvRecords, readExpectedFailures, readRegistries, type ExpectedFailureLine, type ReadBackRegistry, type TestRegion,
} from './testing.ts';

let region: TestRegion;
let registries: ReadBackRegistry[];
let expected: ExpectedFailureLine[];
// Five months: check 9 needs three months of history before a jump can be injected.
beforeAll(async () => {
  region = await generateTestRegion({ seed: 5, months: 5 });
  registries = await readRegistries(region);
  expected = readExpectedFailures(region.dir);
});
afterAll(() => region.remove());

const listed = (rule: number, injectedOnly = false): Set<string> =>
  new Set(expected.filter((e) => e.rule === rule && (!injectedOnly || e.causedBy === null)).map((e) => `${e.file}#${e.row}`));

describe('registries', () => {
  it('have the declared ИНН, service, period and row count', () => {
    expect(registries.length).toBe(region.summary.counts.registries);
    let rows = 0;
    for (const r of registries) {
      expect(parseInn(r.meta.rsoInn).ok).toBe(true);
      expect(r.meta.rsoInn).toBe(r.file.registry?.inn);
      expect(r.meta.service).toBe(r.file.registry?.service);
      expect(r.meta.period.key).toBe(r.file.registry?.period);
      expect(r.file.path).toBe(`registries/${r.meta.period.key}/${r.meta.rsoInn}_${r.meta.service}.${r.file.registry?.format === 'xlsx' ? 'xlsx' : 'csv'}`);
      expect(r.rows.count).toBe(r.file.registry?.rows);
      rows += r.rows.count;
    }
    expect(rows).toBe(region.summary.counts.registryRows);
  });

  it('state the exact subsidy, (ЭОТ − ЛТ) × (V жил + V ОДН) rounded half up, except on rows listed for check 8', () => {
    const wrongSum = listed(8);
    let checked = 0;
    for (const r of registries) {
      for (let i = 0; i < r.rows.count; i++) {
        // The reader gives integers of 10^-4: tariffs × volumes is 10^-8 руб., kopecks are 10^-2.
        const product = BigInt((r.rows.eot[i] ?? 0) - (r.rows.lt[i] ?? 0)) * BigInt((r.rows.vLiving[i] ?? 0) + (r.rows.vOdn[i] ?? 0));
        const exact = divRoundHalfUp(product, 1_000_000n) * 100n;
        const stated = BigInt(r.rows.subsidy[i] ?? Number.NaN);
        const key = `${r.file.path}#${r.rows.fileRow[i]}`;
        if (wrongSum.has(key)) expect(stated === exact, key).toBe(false);
        else expect(stated, key).toBe(exact);
        checked++;
      }
    }
    expect(checked).toBe(region.summary.counts.registryRows);
  });

  it('carry every kind of mistake on 0.5%–10% of the rows (check 10: of the ВО rows)', () => {
    const all = region.summary.counts.registryRows;
    const sewerage = registries.filter((r) => r.meta.service === 'ВО').reduce((n, r) => n + r.rows.count, 0);
    for (const rule of RULES) {
      const rows = rule === 10 ? sewerage : all;
      const share = listed(rule, true).size / rows;
      expect(share, `check ${rule}: ${(share * 100).toFixed(2)}%`).toBeGreaterThanOrEqual(0.005);
      expect(share, `check ${rule}: ${(share * 100).toFixed(2)}%`).toBeLessThanOrEqual(0.1);
      expect(region.summary.injectedErrors[rule]).toBe(listed(rule, true).size);
    }
  });

  it('list only failures that an injected mistake explains', () => {
    expect(expected.filter((e) => e.causedBy === 0)).toEqual([]);
    for (const e of expected.filter((x) => x.causedBy !== null)) {
      expect(expected.some((x) => x.causedBy === null && x.rule === e.causedBy), `${e.file}#${e.row}`).toBe(true);
    }
  });

  it('name known houses of the right district, except where a mistake is listed', () => {
    const houses = new Map(readCsvRecords(region.dir, 'reference/houses.csv').map((h) => [h.fias_id ?? '', h]));
    const badFias = listed(1);
    const badTerritory = listed(2);
    for (const r of registries) {
      for (let i = 0; i < r.rows.count; i++) {
        const key = `${r.file.path}#${r.rows.fileRow[i]}`;
        const id = parseFiasId(r.rows.fiasId[i] ?? '');
        const house = id.ok ? houses.get(id.value) : undefined;
        expect(house === undefined, key).toBe(badFias.has(key));
        if (!house) continue;
        const sameDistrict = normalizeName(r.rows.territory[i] ?? '') === normalizeName(house.municipal_district ?? '');
        expect(sameDistrict, key).toBe(!badTerritory.has(key));
      }
    }
  });

  it('vary header spelling, territory spelling and file format as real РСО files do', () => {
    const spellings = new Set(registries.flatMap((r) => r.rows.territory));
    expect([...spellings].some((t) => / р-н$/.test(t))).toBe(true);
    expect([...spellings].some((t) => / муниципальный район$/.test(t))).toBe(true);
    const formats = region.summary.files.filter((f) => f.registry).map((f) => f.registry?.format);
    const share = (f: string): number => formats.filter((x) => x === f).length / formats.length;
    expect(share('xlsx')).toBeGreaterThan(0.01);
    expect(share('xlsx')).toBeLessThan(0.12);
    expect(share('csv-cp1251')).toBeGreaterThan(0.04);
    expect(share('csv-cp1251')).toBeLessThan(0.2);
  });
});
