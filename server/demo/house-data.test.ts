/**
 * The demo's house data against formulas/standards: the ВО norm house check fails exactly the houses
 * `injected-house-errors.csv` lists, and the change report between `reference/` and `reference-update/` finds
 * exactly the changes `planted-changes.csv` lists — nothing missed, nothing extra (a retyped address is no change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GisHouse, House, HouseService, MoRate, ReferenceKind, ReferenceRecords } from '../../formulas/reference/types.ts';
import { readReference } from '../../formulas/reference/read-reference.ts';
import { diffHouseData } from '../../formulas/standards/house-changes.ts';
import { checkHouse } from '../../formulas/standards/house-checks.ts';
import { indexMoRates } from '../../formulas/standards/mo-rates.ts';
import { standardParams } from '../../formulas/standards/params.ts';
import { readCsv } from '../../formulas/table/csv.ts';
import { referenceSpecs, standardParamsTemplate } from '../../templates/index.ts';
import { generateTestRegion, readCsvRecords, type TestRegion } from './testing.ts';

let region: TestRegion;
beforeAll(async () => {
  region = await generateTestRegion({ seed: 13, months: 1, houses: 3_000 });
});
afterAll(() => region.remove());

function read<K extends ReferenceKind>(dir: string, kind: K): ReferenceRecords[K][] {
  const r = readReference(kind, referenceSpecs[kind], readCsv(readFileSync(join(region.dir, dir, `${kind}.csv`))), `${kind}.csv`);
  expect(r.problems).toEqual([]);
  return r.records;
}

describe('the demo house data', () => {
  it('fails the ВО norm check on exactly the planted houses, and passes it on most houses with sewerage', () => {
    const houses = read('reference', 'houses');
    const services = read('reference', 'house_services');
    const gis = new Map(read('reference', 'gis_houses').map((g) => [g.fias_id, g]));
    const rates = indexMoRates(read('reference', 'mo_rates'));
    const byHouse = new Map<string, HouseService[]>();
    for (const s of services) byHouse.set(s.fias_id, [...(byHouse.get(s.fias_id) ?? []), s]);
    const bptrIds = new Set(read('reference', 'tariffs').map((t) => t.decision_id));
    const failed = new Set<string>();
    let passed = 0;
    for (const h of houses) {
      const c = checkHouse({ house: h, gis: gis.get(h.fias_id), services: byHouse.get(h.fias_id) ?? [], bptrIds, hasMoRates: rates.find(h.municipal_district, h.settlement, h.house_type) !== null, areaTolerance: 100 })
        .find((x) => x.id === 'vo_norm');
      if (c?.status === 'failed') failed.add(h.fias_id);
      if (c?.status === 'passed') passed++;
    }
    const planted = new Set(readCsvRecords(region.dir, 'reference/injected-house-errors.csv').filter((r) => r.check === 'vo_norm').map((r) => r.fias_id ?? ''));
    expect(planted.size).toBeGreaterThan(0);
    expect([...planted].filter((f) => !failed.has(f))).toEqual([]);
    expect([...failed].filter((f) => !planted.has(f))).toEqual([]);
    expect(passed).toBeGreaterThan(planted.size * 20);
  });

  it('has a later version whose change report is exactly the planted changes', () => {
    const params = standardParams(standardParamsTemplate);
    const diff = diffHouseData(
      { houses: read('reference', 'houses') as House[], gis: read('reference', 'gis_houses') as GisHouse[] },
      { houses: read('reference-update', 'houses') as House[], gis: read('reference-update', 'gis_houses') as GisHouse[] },
      { services: read('reference-update', 'house_services') as HouseService[], moRates: read('reference-update', 'mo_rates') as MoRate[] },
      params,
    );
    const planted = readCsvRecords(region.dir, 'reference-update/planted-changes.csv');
    const plantedFields = new Set(planted.filter((p) => p.change === 'field').map((p) => `${p.fias_id}|${p.source}|${p.field}|${p.before}|${p.after}`));
    const foundFields = new Set(diff.houses.flatMap((h) => h.changes.map((c) => `${h.fias_id}|${c.source}|${c.field}|${c.before}|${c.after}`)));
    expect([...plantedFields].filter((k) => !foundFields.has(k))).toEqual([]);
    expect([...foundFields].filter((k) => !plantedFields.has(k))).toEqual([]);
    for (const change of ['added', 'removed', 'group'] as const) {
      const want = new Set(planted.filter((p) => p.change === change).map((p) => p.fias_id));
      const got = new Set(diff.houses.filter((h) => (change === 'group' ? h.group_changed : h[change])).map((h) => h.fias_id));
      expect([...want].sort(), change).toEqual([...got].sort());
      expect(want.size, change).toBeGreaterThan(0);
    }
    expect(diff.summary.houses_changed).toBeGreaterThan(50);
    // every kind of change is there: residents in both files, a re-measured area, heating and type moving a group
    for (const kind of ['gis_houses|residents', 'houses|residents', 'gis_houses|area', 'houses|heating_type', 'houses|house_type']) {
      expect([...foundFields].some((k) => k.includes(`|${kind}|`)), kind).toBe(true);
    }
  });
});
