/**
 * Helpers for the generator's tests: a small region in a temporary folder, and its files read back the way
 * the application reads uploads (formulas/ readers), so the tests judge the files, not the generator's memory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegistry } from '../../formulas/registry/read-registry.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import type { RegistryMeta, RegistryRows } from '../../formulas/registry/types.ts';
import { readCsv } from '../../formulas/table/csv.ts';
import { cellText } from '../../formulas/table/grid.ts';
import { readGridFile } from '../../formulas/table/read-file.ts';
import { registrySpec, serviceSpecs } from '../../templates/index.ts';
import { generateDemoRegion, type DemoFile, type DemoSummary } from './generate.ts';

export const testServices = serviceDictionary(serviceSpecs);

export interface TestRegion {
  dir: string;
  summary: DemoSummary;
  remove(): void;
}

/** Generates a small region (2,000 houses unless told) into a fresh temporary folder. */
export async function generateTestRegion(opts: { houses?: number; months?: number; seed?: number } = {}): Promise<TestRegion> {
  const dir = mkdtempSync(join(tmpdir(), 'sverka-demo-'));
  const summary = await generateDemoRegion({ outDir: dir, houses: opts.houses ?? 2_000, seed: opts.seed ?? 42, months: opts.months ?? 3 });
  return { dir, summary, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A CSV of the demo as records keyed by its header row. */
export function readCsvRecords(dir: string, path: string): Record<string, string>[] {
  const [header = [], ...rows] = readCsv(readFileSync(join(dir, path)));
  const keys = header.map((c) => cellText(c));
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, cellText(r[i])])));
}

export interface ReadBackRegistry {
  file: DemoFile;
  meta: RegistryMeta;
  rows: RegistryRows;
}

/** Every registry of the region, read with the application's registry reader; unreadable ones throw. */
export async function readRegistries(region: TestRegion): Promise<ReadBackRegistry[]> {
  const out: ReadBackRegistry[] = [];
  for (const file of region.summary.files.filter((f) => f.kind === 'registry')) {
    const grid = await readGridFile(file.path, readFileSync(join(region.dir, file.path)));
    if (!grid.ok) throw new Error(`${file.path}: ${grid.message}`);
    const read = readRegistry(grid.value, registrySpec, testServices, file.path);
    if (!read.ok) throw new Error(`${file.path}: ${read.problems.map((p) => p.message).join('; ')}`);
    if (read.problems.length > 0) throw new Error(`${file.path}: ${read.problems.map((p) => `${p.row}: ${p.message}`).join('; ')}`);
    out.push({ file, meta: read.meta, rows: read.rows });
  }
  return out;
}

/** A line of registries/injected-errors.csv. */
export interface ExpectedFailureLine {
  file: string;
  row: number;
  n: number;
  fias: string;
  rule: number;
  /** null for the injected mistake itself. */
  causedBy: number | null;
  description: string;
}

export function readExpectedFailures(dir: string): ExpectedFailureLine[] {
  return readCsvRecords(dir, 'registries/injected-errors.csv').map((r) => ({
    file: r.file ?? '',
    row: Number(r.row),
    n: Number(r.n),
    fias: r.fias_id ?? '',
    rule: Number(r.rule),
    causedBy: r.caused_by ? Number(r.caused_by) : null,
    description: r.description ?? '',
  }));
}
