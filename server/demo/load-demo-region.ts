import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../formulas/problem.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import type { Config } from '../config.ts';
import type { Sql } from '../db/database.ts';
import { generateDemoRegion } from './generate.ts';
import { startDemoProgress } from './demo-registries.ts';
import { importReference } from '../reference/import-reference.ts';

/**
 * Order matters only for people reading the import history: organisations, houses, their tariffs, then what
 * the standards need (ГИС ЖКХ extract, the houses' services, МО rates).
 */
const FILES: [ReferenceKind, string][] = [
  ['organisations', 'reference/organisations.csv'],
  ['houses', 'reference/houses.csv'],
  ['tariffs', 'reference/tariffs.csv'],
  ['gis_houses', 'reference/gis_houses.csv'],
  ['house_services', 'reference/house_services.csv'],
  ['mo_rates', 'reference/mo_rates.csv'],
  // the later version of the house data, loaded over the first (ГИС ЖКХ, then the register brought up to date with
  // it): the import history lists their change reports
  ['gis_houses', 'reference-update/gis_houses.csv'],
  ['houses', 'reference-update/houses.csv'],
];

/** Where the demo region's files are generated. */
export const demoDirOf = (config: Pick<Config, 'dataDir' | 'demoHouses' | 'demoSeed'>): string => join(config.dataDir, `demo-${config.demoSeed}-${config.demoHouses}`);

/**
 * First start of a demo: generate the region's files and load them through the same import path a user's
 * upload takes, so the demo proves that path rather than bypassing it. The registries come after the server
 * listens (`registerDemoRegistries`, in the background): this only marks the database as receiving the demo.
 */
export async function loadDemoRegionIfEmpty(sql: Sql, config: Pick<Config, 'dataDir' | 'demoHouses' | 'demoSeed'>, log: (m: string) => void): Promise<void> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from houses`;
  if ((row?.n ?? 0) > 0) return;
  const dir = demoDirOf(config);
  const started = Date.now();
  if (!existsSync(join(dir, 'manifest.json'))) {
    log(`генерация демо-региона: ${config.demoHouses} домов…`);
    await generateDemoRegion({ outDir: dir, houses: config.demoHouses, seed: config.demoSeed });
  }
  await startDemoProgress(sql, dir);
  for (const [kind, file] of FILES) {
    const fileName = join(dir, file);
    // a demo generated before the later version existed has none: the region loads without it
    if (!existsSync(fileName) && file.startsWith('reference-update/')) continue;
    const outcome = await importReference(sql, { kind, fileName: file, bytes: readFileSync(fileName), actorId: null });
    if (!outcome.ok) throw new Error(`демо-файл ${file} не загружен:\n${outcome.problems.slice(0, 20).map(formatProblem).join('\n')}`);
    log(`загружено ${file}: ${outcome.rows} строк`);
  }
  log(`справочники демо-региона загружены за ${((Date.now() - started) / 1000).toFixed(1)} с`);
}
