/**
 * The regional standards part of the HTTP API as data: what the routes under `/api/standards` return. The
 * workspace imports these types (type-only); the server's functions and routes return values of them. Money is
 * kopecks; tariffs and norms in group keys are integers of 10⁻⁴, in house rows exact decimal text.
 *
 * Routes (all need a session; roles in brackets):
 *   GET  /standards/houses?offset&limit&sort&dir&district&settlement&street&service&tariff&norm&error   RegistryHousesPage [any role]
 *   GET  /standards/houses/:fias                       HouseCard [any role]
 *   GET  /standards/groups?offset&limit&district&settlement&with_reason=1   GroupsPage [any role]
 *   GET  /standards/groups/:id                          GroupDetail [any role]
 *   POST /standards/groups/:id/services  { changes: [{service, tariff?, norm?}], comment } → GroupEditResult [analyst, admin]
 *   GET  /standards/edits?limit                         GroupEditsPage [any role]
 *   GET  /standards/mo-rates                            MoRatesPage [any role]
 *   POST /standards/mo-rates/apply  { municipal_district, settlement?, house_type?, maintenance?, capital_repair?, rent?, reason } → RatesApplied [analyst, admin]
 *   GET  /standards/template                            TemplateVersion [any role]
 *   GET  /standards/template/versions                   TemplateVersions [any role]
 *   POST /standards/template   { …formulas, comment }   TemplateSaved [analyst]
 *
 * Every command that moves money or a standard (a group's tariff or norm, МО rates, the template) carries its
 * основание (`comment`, `reason`): without one the server answers 422 with a Russian message, whatever the form did.
 *   GET  /standards/versions                            StandardSetList [any role]
 *   POST /standards/versions   { effective_from, title } → SetPublished [analyst, admin]
 *   GET  /standards/versions/:id/groups?offset&limit    SetGroupsPage [any role]
 *   GET  /standards/diff?from&to&all&offset&limit       DiffPage [any role]
 *   POST /standards/forecast   { factors?, offset?, limit? } → ForecastPage [any role]
 */
import type { HouseCheckId } from '../../formulas/standards/house-checks.ts';
import type { GroupDiff } from '../../formulas/standards/diff.ts';
import type { StandardFormulaTemplate, StandardSheet } from '../../formulas/standards/sheet.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';

export const HOUSE_SORTS = ['address', 'municipal_district', 'settlement', 'house_type', 'area', 'residents', 'group', 'errors'] as const;
export type HouseSort = (typeof HOUSE_SORTS)[number];

export interface HouseServiceRow {
  service: string;
  /** руб., exact decimal text */
  tariff: string;
  decision_id: string | null;
  norm: string;
  norm_unit: 'чел' | 'м2';
  heating_only: boolean;
  /** ✔ the decision is in БПТР; ⚠ no id or an id БПТР does not know. */
  bptr: '✔' | '⚠';
}

/** One house of the standards' house registry: ours against ГИС ЖКХ, its services, its group, its failed checks. */
export interface RegistryHouse {
  fias_id: string;
  address: string;
  municipal_district: string;
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  gis_house_type: 'МКД' | 'ЖД' | null;
  /** m², decimal text */
  area: string | null;
  gis_area: string | null;
  residents: number | null;
  gis_residents: number | null;
  heating_type: string | null;
  gis_heating_types: string | null;
  in_gis: boolean;
  services: HouseServiceRow[];
  group_id: string | null;
  failed: HouseCheckId[];
}

export interface RegistryHousesPage {
  rows: RegistryHouse[];
  total: number;
}

export interface HouseCard {
  house: RegistryHouse;
  commissioned: string | null;
  oktmo: string;
  checks: { id: HouseCheckId; title: string; status: 'passed' | 'failed' | 'skipped'; reason: string }[];
  group: StandardGroup | null;
}

export interface GroupsPage {
  rows: StandardGroup[];
  /** groups matching the filter */
  total: number;
  /** houses and groups of the region */
  houses: number;
  groups: number;
}

/** A group and its HyperFormula sheet by the template its standards were computed with (null: no rates). */
export interface GroupDetail {
  group: StandardGroup;
  sheet: StandardSheet | null;
  template_version: number;
}

export interface SavedChange {
  service: string;
  field: 'tariff' | 'norm';
  /** Decimal text with 4 places, as stored. */
  old: string;
  new: string;
}

export interface GroupEditResult {
  edit: number;
  houses: number;
  rows: number;
  changes: SavedChange[];
  /** The group the houses are in now (the same key as another group's merges them into it). */
  group_id: string | null;
}

/** A saved sheet edit as its audit record tells it: who, when, which group, what changed from what to what. */
export interface GroupEditRecord {
  edit: number;
  at: string;
  by: string | null;
  group_id: string;
  key: { municipal_district: string; settlement: string; house_type: string; heating_type: string } | null;
  changes: SavedChange[];
  houses: number;
  comment: string | null;
}

export interface GroupEditsPage {
  rows: GroupEditRecord[];
}

/** An МО's housing rates, руб. as exact decimal text. */
export interface MoRateRow {
  id: number;
  municipal_district: string;
  settlement: string;
  house_type: 'МКД' | 'ЖД';
  maintenance: string;
  capital_repair: string;
  rent: string;
  updated_at: string;
}

export interface MoRatesPage {
  rows: MoRateRow[];
}

/** МО rates applied: how many rows changed. */
export interface RatesApplied {
  rows: number;
}

export interface TemplateVersion {
  version: number;
  template: StandardFormulaTemplate;
  comment: string | null;
  created_by: string | null;
  created_at: string | null;
}

export interface TemplateVersions {
  versions: TemplateVersion[];
}

export interface TemplateSaved {
  version: number;
}

/** A published standard set. */
export interface StandardSetInfo {
  id: number;
  effective_from: string;
  title: string;
  template_version: number;
  reference_version: number | null;
  groups: number;
  houses: number;
  published_by: string | null;
  published_at: string;
}

export interface StandardSetList {
  versions: StandardSetInfo[];
}

export interface SetPublished {
  id: number;
  groups: number;
  houses: number;
}

export interface SetGroupsPage {
  version: StandardSetInfo;
  rows: StandardGroup[];
  total: number;
}

export interface DiffSummary {
  same: number;
  changed: number;
  added: number;
  removed: number;
}

export interface DiffPage {
  summary: DiffSummary;
  rows: GroupDiff[];
  total: number;
}

/** The standards with tariffs indexed by `factors` (× 10⁴ per service), as a diff against the current ones. */
export interface ForecastPage extends DiffPage {
  factors: Record<string, number>;
  template_version: number;
}
