/**
 * manifest.json: what was generated — seed, size, counts and every file with its kind. Written last, so its
 * presence means the folder is complete. No timestamps: the same seed gives the same manifest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleNumber } from './params.ts';
import type { FileFormat } from './registry-sheet.ts';

export type DemoFileKind =
  | 'houses' | 'organisations' | 'tariffs' | 'gis_houses' | 'house_services' | 'mo_rates' | 'registry' | 'injected_errors'
  | 'injected_house_errors'
  /** reference-update/: the later version of the house data and what a change report must find in it */
  | 'houses_update' | 'gis_houses_update' | 'house_services_update' | 'mo_rates_update' | 'planted_changes';

/** One generated file; registries also say whose, which service, which month and in what format. */
export interface DemoFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  kind: DemoFileKind;
  bytes: number;
  registry?: { inn: string; service: string; period: string; format: FileFormat; rows: number };
}

/** How much was generated. */
export interface DemoCounts {
  houses: number;
  organisations: number;
  /** Rows of tariffs.csv (decisions × periods × commissioning ranges). */
  tariffs: number;
  registries: number;
  registryRows: number;
  /** Houses whose ВО norm is planted off ХВС + ГВС (reference/injected-house-errors.csv). */
  unlinkedVoNorms: number;
  /** Lines of reference-update/planted-changes.csv. */
  plantedHouseChanges: number;
}

/** What `generateDemoRegion` made. */
export interface DemoSummary {
  seed: number;
  /** The requested size (houses). */
  size: number;
  /** `2025-10` … `2026-10` */
  months: string[];
  counts: DemoCounts;
  /** Injected mistakes per rule (not counting the failures they cause). */
  injectedErrors: Record<RuleNumber, number>;
  files: DemoFile[];
}

/** Writes manifest.json into the output folder. */
export function writeManifest(outDir: string, summary: DemoSummary): void {
  const manifest = { generator: 'sverka demo region', formatVersion: 1, ...summary };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
