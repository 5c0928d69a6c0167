import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSE_CHECKS } from '../../formulas/standards/house-checks.ts';
import type { Database } from '../db/database.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { generateDemoRegion } from '../demo/generate.ts';
import { importReference } from '../reference/import-reference.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { regionState } from './region-state.ts';

/** The demo region's reference files pass the import path, and they carry every house-check finding. */
describe.each(testDatabases())('the demo region’s standards on $name', (target) => {
  let db: Database;
  const reports: unknown[] = [];
  beforeAll(async () => {
    db = await openMigrated(target);
    const dir = mkdtempSync(join(tmpdir(), 'sverka-demo-std-'));
    await generateDemoRegion({ outDir: dir, houses: 2000, seed: 72, months: 1 });
    // the order and files of the demo start (load-demo-region.ts)
    const files = [...(['organisations', 'houses', 'tariffs', 'gis_houses', 'house_services', 'mo_rates'] as ReferenceKind[]).map((k) => [k, `reference/${k}.csv`] as const),
      ['gis_houses', 'reference-update/gis_houses.csv'] as const, ['houses', 'reference-update/houses.csv'] as const];
    for (const [kind, fileName] of files) {
      const r = await importReference(db.sql, { kind, fileName, bytes: readFileSync(join(dir, fileName)), actorId: null });
      if (!r.ok) throw new Error(`${fileName}: ${JSON.stringify(r.problems.slice(0, 3))}`);
      if (fileName.startsWith('reference-update/')) reports.push(r.changes);
    }
  });
  afterAll(async () => {
    await db.close();
  });

  it('groups every house, computes standards, and finds each kind of discrepancy against ГИС ЖКХ and БПТР', async () => {
    const state = await regionState(db.sql);
    expect(state.set.houses.size).toBe(state.houses.length);
    const withStandards = state.set.groups.filter((g) => g.standards !== null);
    expect(withStandards.length).toBeGreaterThan(10);
    expect(withStandards.length).toBeLessThan(state.houses.length / 2);
    const counts = Object.fromEntries(HOUSE_CHECKS.map((c, bit) => [c, state.failed.filter((m) => (m & (1 << bit)) !== 0).length]));
    for (const check of ['house_type', 'area', 'residents', 'heating', 'bptr', 'duplicates', 'vo_norm'] as const) expect(counts[check], check).toBeGreaterThan(0);
    // every district has its МО rates in the demo: no house is left without a standard for that reason
    expect(counts.mo_rates).toBe(0);
  });

  it('loads the later houses and ГИС ЖКХ files as imports with change reports: fields, houses in and out, groups, checks', () => {
    expect(reports).toEqual([
      { houses_changed: expect.any(Number), added: expect.any(Number), removed: expect.any(Number), groups_changed: 0, checks_changed: expect.any(Number) },
      { houses_changed: expect.any(Number), added: expect.any(Number), removed: expect.any(Number), groups_changed: expect.any(Number), checks_changed: expect.any(Number) },
    ]);
    const [gis, houses] = reports as { houses_changed: number; added: number; removed: number; groups_changed: number; checks_changed: number }[];
    for (const n of [houses?.houses_changed, houses?.added, houses?.removed, houses?.groups_changed, houses?.checks_changed, gis?.houses_changed, gis?.checks_changed]) expect(n).toBeGreaterThan(0);
  });
});
