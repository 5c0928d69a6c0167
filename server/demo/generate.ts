/**
 * The deterministic demo region: reference files, a year of registries with known mistakes, and the list of
 * those mistakes. Same seed and size → byte-identical files.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { halfYearsCovering, monthsEndingAt } from './calendar.ts';
import { CsvFileWriter } from './csv.ts';
import { buildGisHouses, writeGisHouses } from './gis-houses.ts';
import { writeHouseServices } from './house-services.ts';
import { UPDATE_DIR, writeHouseUpdate } from './house-update.ts';
import { buildHouses } from './houses.ts';
import { injectErrors, type InjectionContext } from './inject-errors.ts';
import type { ExpectedFailure, MonthRegistry } from './month-registry.ts';
import { writeManifest, type DemoFile, type DemoSummary } from './manifest.ts';
import { writeMoRates } from './mo-rates.ts';
import { buildSuppliers } from './organisations.ts';
import { demoParams, RULES, type RuleNumber } from './params.ts';
import { Rng } from './prng.ts';
import { writeHouses, writeOrganisations, writeTariffs } from './reference-files.ts';
import { buildRegion } from './region.ts';
import { registryFiles, writeRegistry, type WrittenRegistry } from './registry-files.ts';
import { planRegistries, RowBuilder, type RegistryRow } from './registry-rows.ts';
import { layoutSheet } from './registry-sheet.ts';
import { TariffExpectation } from './tariff-expectation.ts';
import { buildTariffs } from './tariffs.ts';
import { VolumeHistory } from './volume-history.ts';
import { VolumeModel } from './volumes.ts';

export type { DemoCounts, DemoFile, DemoFileKind, DemoSummary } from './manifest.ts';

export interface DemoOptions {
  /** Folder to write into; its `reference/`, `registries/` and `manifest.json` are replaced. */
  outDir: string;
  houses: number;
  seed: number;
  /** Registry months ending with the month before 2026-11; default 13. */
  months?: number;
  log?: (msg: string) => void;
}

const INJECTED_HEADER = ['file', 'row', 'n', 'fias_id', 'rule', 'caused_by', 'description'];

/**
 * Generates the demo region into `opts.outDir` and returns what was written. `injected-errors.csv` lists
 * every failure the nine checks should report: `caused_by` is empty for an injected mistake, the rule of
 * the mistake for a failure it causes elsewhere, and 0 for a failure nothing was injected for.
 */
export async function generateDemoRegion(opts: DemoOptions): Promise<DemoSummary> {
  if (!Number.isInteger(opts.houses) || opts.houses < 1) throw new Error(`houses must be a positive integer, got ${opts.houses}`);
  const params = demoParams;
  const monthCount = opts.months ?? params.calendar.months;
  if (!Number.isInteger(monthCount) || monthCount < 1) throw new Error(`months must be a positive integer, got ${monthCount}`);
  const log = opts.log ?? ((): void => undefined);
  const rng = new Rng('sverka-demo', opts.seed);
  const months = monthsEndingAt(params.calendar.lastMonth, monthCount);
  const lastMonth = months[months.length - 1];
  if (!lastMonth) throw new Error('no months to generate');

  for (const part of ['reference', UPDATE_DIR, 'registries', 'manifest.json']) rmSync(join(opts.outDir, part), { recursive: true, force: true });
  const refDir = join(opts.outDir, 'reference');
  mkdirSync(refDir, { recursive: true });
  mkdirSync(join(opts.outDir, 'registries'), { recursive: true });

  const districts = buildRegion(params, opts.houses, rng.fork('region'));
  const houses = buildHouses(districts, params, rng.fork('houses'));
  const suppliers = buildSuppliers(districts, houses, params, rng.fork('organisations'));
  const tariffs = buildTariffs(suppliers.organisations, halfYearsCovering(months), params, rng.fork('tariffs'));
  log(`дома: ${houses.length}, РСО: ${suppliers.organisations.length}, строк БПТР: ${tariffs.decisions.length}`);

  const files: DemoFile[] = [];
  const ref = (name: string, kind: DemoFile['kind'], bytes: number): void => void files.push({ path: `reference/${name}`, kind, bytes });
  ref('houses.csv', 'houses', writeHouses(refDir, houses));
  ref('organisations.csv', 'organisations', writeOrganisations(refDir, suppliers.organisations));
  ref('tariffs.csv', 'tariffs', writeTariffs(refDir, tariffs.decisions));
  const gis = buildGisHouses(houses, params, rng.fork('gis'));
  ref('gis_houses.csv', 'gis_houses', writeGisHouses(refDir, gis));
  const services = writeHouseServices(refDir, houses, suppliers, tariffs, lastMonth, params, opts.seed, rng.fork('services'));
  ref('house_services.csv', 'house_services', services.bytes);
  const houseErrors = new CsvFileWriter(join(refDir, 'injected-house-errors.csv'), ['fias_id', 'check', 'description']);
  for (const u of services.unlinked) houseErrors.row([u.fias, 'vo_norm', u.description]);
  ref('injected-house-errors.csv', 'injected_house_errors', houseErrors.close());
  ref('mo_rates.csv', 'mo_rates', writeMoRates(refDir, districts, params, rng.fork('mo-rates')));
  const update = writeHouseUpdate(opts.outDir, houses, gis, suppliers, params, rng.fork('update'));
  files.push(...update.files);

  const plans = planRegistries(houses, suppliers);
  const sloppiness = new Map(plans.map((p) => [p, rng.fork('sloppiness', p.org.inn, p.service).pick(params.registries.sloppiness)]));
  const rows = new RowBuilder(opts.seed, params, tariffs, new VolumeModel(opts.seed, params), houses.length);
  const fiasMap = new Map(houses.map((h) => [h.fiasId, h]));
  const base: Omit<InjectionContext, 'rng' | 'month'> = {
    params, tariffs, districts, suppliers, rows,
    knownFias: new Set(fiasMap.keys()),
    history: new VolumeHistory(months.length, houses.length),
    expectation: new TariffExpectation(tariffs, districts, fiasMap),
    disturbed: new Map(),
  };
  const injected = Object.fromEntries(RULES.map((r) => [r, 0])) as Record<RuleNumber, number>;
  const errors = new CsvFileWriter(join(opts.outDir, 'registries', 'injected-errors.csv'), INJECTED_HEADER);
  const fileContext = registryFiles();
  let registryCount = 0;
  let rowCount = 0;

  for (const month of months) {
    const registries: MonthRegistry[] = [];
    for (const plan of plans) {
      const list: RegistryRow[] = [];
      const build = rows.forRegistry(plan.org, plan.service, month);
      for (const h of plan.houses) {
        if (h.built > month.lastDay) continue; // services start once a house is in use
        const row = build(h);
        if (row) list.push(row);
      }
      if (list.length > 0) registries.push({ plan, month, rows: list, sloppiness: sloppiness.get(plan) ?? 1, historyKeys: [] });
    }
    const failures = injectErrors(registries, { ...base, rng: rng.fork('errors', month.key), month });

    const written = new Map<MonthRegistry, WrittenRegistry>();
    for (const registry of registries) {
      const layout = layoutSheet(registry, params, rng.fork('layout', month.key, registry.plan.org.inn, registry.plan.service));
      const w = await writeRegistry(opts.outDir, registry, layout, fileContext);
      written.set(registry, w);
      files.push({
        path: w.path, kind: 'registry', bytes: w.bytes,
        registry: { inn: registry.plan.org.inn, service: registry.plan.service, period: month.key, format: layout.format, rows: registry.rows.length },
      });
      rowCount += registry.rows.length;
    }
    await Promise.all([...written.values()].map((w) => w.saved));
    registryCount += registries.length;
    writeFailures(errors, failures, written, injected);
    for (const r of registries) base.history.record(r.rows, r.historyKeys, month.index);
    log(`${month.key}: реестров ${registries.length}, строк ${registries.reduce((a, r) => a + r.rows.length, 0)}, ошибок ${failures.length}`);
  }
  files.push({ path: 'registries/injected-errors.csv', kind: 'injected_errors', bytes: errors.close() });

  const summary: DemoSummary = {
    seed: opts.seed,
    size: opts.houses,
    months: months.map((m) => m.key),
    counts: {
      houses: houses.length,
      organisations: suppliers.organisations.length,
      tariffs: tariffs.decisions.length,
      registries: registryCount,
      registryRows: rowCount,
      unlinkedVoNorms: services.unlinked.length,
      plantedHouseChanges: update.planted.length,
    },
    injectedErrors: injected,
    files,
  };
  writeManifest(opts.outDir, summary);
  return summary;
}

/** Appends a month's expected failures, ordered by file, row and rule, and counts the injected ones. */
function writeFailures(
  out: CsvFileWriter, failures: readonly ExpectedFailure[], written: ReadonlyMap<MonthRegistry, WrittenRegistry>, injected: Record<RuleNumber, number>,
): void {
  const lines = failures.map((f) => {
    const w = written.get(f.registry);
    const at = w?.positions.get(f.row);
    if (!w || !at) throw new Error('an expected failure points to a row that was not written');
    return { f, path: w.path, at };
  });
  lines.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.at.sheetRow - b.at.sheetRow || a.f.rule - b.f.rule));
  for (const { f, path, at } of lines) {
    if (f.causedBy === null) injected[f.rule]++;
    out.row([path, String(at.sheetRow), String(at.n), f.row.fias, String(f.rule), f.causedBy === null ? '' : String(f.causedBy), f.description]);
  }
}
