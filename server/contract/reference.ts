/**
 * The reference-data part of the HTTP API as data: what the routes under `/api/reference` and `/api/houses`
 * return (the Справочники page and the browser's check worker).
 *
 * Routes (all need a session; roles in brackets):
 *   GET  /reference/summary                  ReferenceSummary [any role]
 *   GET  /reference/version                  ReferenceVersion [any role]
 *   GET  /reference/snapshot                 ReferenceSnapshot: what the nine checks read, by version [any role]
 *   POST /reference/import/:kind             multipart `file` → ImportResult; a refused file is 422 with every problem [admin, analyst]
 *   GET  /houses?offset&limit&sort&dir&q&municipality&houseType   HouseRowsPage [any role]
 *   GET  /houses/municipalities              Municipalities [any role]
 *   GET  /reference/changes/:id?district&field&group=1&offset&limit   ChangeReportPage: «Изменения характеристик домов» of a houses or gis_houses import [any role]
 *   GET  /reference/changes/:id/export.xlsx?district&field&group=1    the same report as a sheet [any role]
 */
import type { ReferenceData } from '../../formulas/checks/reference-index.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import type { CheckStatus, HouseCheckId } from '../../formulas/standards/house-checks.ts';
import type { FieldChange, HouseChangeSummary } from '../../formulas/standards/house-changes.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';

export interface ImportBatch {
  id: number;
  kind: ReferenceKind;
  file_name: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records a houses or gis_houses file no longer had, removed with it. */
  removed: number;
  actor: string | null;
  imported_at: string;
  /** The change report of a houses or gis_houses import over an earlier version (`GET /reference/changes/:id`). */
  changes: ChangeReportSummary | null;
}

export interface ReferenceSummary {
  counts: { houses: number; tariffs: number; organisations: number; municipalities: number };
  /** the latest 50 import batches, newest first */
  batches: ImportBatch[];
}

export interface ReferenceVersion {
  version: string;
}

/** The reference data as the checks consume it, with the version stamp a client caches it under. */
export interface ReferenceSnapshot extends ReferenceData {
  /** Changes whenever an import changes anything: the latest import batch id. */
  version: string;
}

/** A file imported: its version stamp (the import batch) and what it did to the table. */
export interface ImportResult {
  ok: true;
  kind: ReferenceKind;
  fileName: string;
  version: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records a houses or gis_houses file no longer has, removed with it. */
  removed: number;
  /** What changed against the earlier houses or gis_houses version; null for other kinds and first imports. */
  changes: ChangeReportSummary | null;
}

/** Columns `GET /houses` sorts by. */
export const HOUSE_ROW_SORTS = ['address', 'municipality', 'settlement', 'house_type', 'commissioned', 'area', 'residents', 'fias_id', 'oktmo', 'version'] as const;
export type HouseRowSort = (typeof HOUSE_ROW_SORTS)[number];

export interface HouseRow {
  fias_id: string;
  address: string;
  municipality: string;
  oktmo: string;
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  commissioned: string | null;
  area: string | null;
  residents: number | null;
  heating_type: string | null;
  version: number;
}

export interface HouseRowsPage {
  rows: HouseRow[];
  total: number;
}

export interface Municipality {
  id: number;
  name: string;
  oktmo: string | null;
  /** houses in the register */
  houses: number;
}

export interface Municipalities {
  municipalities: Municipality[];
}

// «Изменения характеристик домов» (DOMAIN.md «Changes of house data»)

export type HouseDataKind = 'houses' | 'gis_houses';

/** A check of one house whose status moved between the two versions. */
export interface CheckChange {
  id: HouseCheckId;
  title: string;
  before: { status: CheckStatus; reason: string };
  after: { status: CheckStatus; reason: string };
}

/** One house of the report. */
export interface HouseChangeRow {
  fias_id: string;
  /** As the later version has it (the earlier one for a removed house); '' for a house only ГИС ЖКХ knows. */
  address: string;
  municipal_district: string;
  added: boolean;
  removed: boolean;
  changes: FieldChange[];
  group_changed: boolean;
  /** Standards group ids before and after (keys into `groups` for a house that moved). */
  group_before: string | null;
  group_after: string | null;
  checks: CheckChange[];
}

export interface ChangeReportSummary extends HouseChangeSummary {
  /** Houses with at least one house check whose verdict changed. */
  checks_changed: number;
}

export interface ChangeReportBatch {
  id: number;
  kind: HouseDataKind;
  file_name: string;
  imported_at: string;
  actor: string | null;
  rows: number;
  previous_rows: number;
}

export interface ChangeReportPage {
  batch: ChangeReportBatch;
  summary: ChangeReportSummary;
  /** Every field a house of this report changed, for the filter: `houses.area` → «Площадь». */
  fields: { key: string; title: string }[];
  /** Districts of the report's houses, sorted. */
  districts: string[];
  /** Houses under the filter. */
  total: number;
  rows: HouseChangeRow[];
  /** The groups the page's moved houses left and joined, with their standards. */
  groups: Record<string, StandardGroup>;
}

/**
 * How far a long import is (issue 18): data rows of the file, rows checked, rows written to the staging table; then
 * the merge. `waiting`: another import of the same kind runs, this one takes its turn after it.
 */
export interface ImportProgress {
  phase: 'waiting' | 'reading' | 'merging';
  read: number;
  validated: number;
  written: number;
  message?: string;
}

/** Imports running or waiting now (`GET /reference/imports`): the page polls it while its upload runs. */
export interface ImportsInProgress {
  imports: { kind: ReferenceKind; file_name: string; progress: ImportProgress }[];
}
