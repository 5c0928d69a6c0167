/**
 * What changed between two versions of the house data (DOMAIN.md «Changes of house data»): per house, each
 * changed field of `houses` and of the ГИС ЖКХ extract, houses added to or removed from a file, and the houses
 * whose standards group moved. The command line (`sverka gis-diff`) and the server's change report share it.
 */
import { scaledToDecimal } from '../parse/decimal.ts';
import type { GisHouse, House, HouseService, MoRate } from '../reference/types.ts';
import { normalizeName } from '../table/normalize.ts';
import { computeStandardSet, type StandardSet } from './model.ts';
import type { StandardParams } from './params.ts';

export type HouseSource = 'houses' | 'gis_houses';

/** A changed field, values as text in the import's normalised form (null = empty). */
export interface FieldChange {
  source: HouseSource;
  field: string;
  before: string | null;
  after: string | null;
}

export interface HouseChange {
  fias_id: string;
  /** In a later file and not in the earlier one of the same source. */
  added: boolean;
  /** In an earlier file and not in the later one of the same source. */
  removed: boolean;
  changes: FieldChange[];
  /** The house is in `houses` before and after, and its standards group key differs. */
  group_changed: boolean;
}

export interface HouseChangeSummary {
  /** Houses with at least one changed field. */
  houses_changed: number;
  added: number;
  removed: number;
  groups_changed: number;
}

export interface HouseDataVersion {
  houses: readonly House[];
  gis: readonly GisHouse[];
}

export interface HouseDataDiff {
  /** Houses with a change, added or removed, by ФИАС id. */
  houses: HouseChange[];
  summary: HouseChangeSummary;
  /** The groups of both versions, with the same services and МО rates: who moved from where to where. */
  groups: { before: StandardSet; after: StandardSet };
}

/** How one field is compared and shown. */
interface FieldRule<T> {
  field: keyof T & string;
  /** Comparison key: equal keys are no change; null = empty. */
  key(v: unknown): string | null;
  /** The normalised value as text. */
  text(v: unknown): string | null;
}

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
const asText = (v: unknown): string | null => (present(v) ? String(v) : null);
/** Text compared as names are in the checks: case, ё/е, spaces and punctuation do not matter. */
const name = <T>(field: keyof T & string): FieldRule<T> => ({ field, key: (v) => (present(v) ? normalizeName(String(v)) || String(v) : null), text: asText });
const exact = <T>(field: keyof T & string): FieldRule<T> => ({ field, key: asText, text: asText });
/** m² × 100 shown as the exact decimal «1000.50». */
const area = <T>(field: keyof T & string): FieldRule<T> => ({ field, key: asText, text: (v) => (typeof v === 'number' ? scaledToDecimal(v, 2) : null) });

function heatingItems(v: unknown): Map<string, string> {
  const items = new Map<string, string>();
  if (!present(v)) return items;
  for (const raw of String(v).split(',')) {
    const item = raw.trim();
    const key = normalizeName(item) || item;
    if (item && !items.has(key)) items.set(key, item);
  }
  return items;
}
/** A comma-separated list compared as a set of names; shown sorted, as a set has no order. */
const heatingSet = <T>(field: keyof T & string): FieldRule<T> => ({
  field,
  key: (v) => {
    const keys = [...heatingItems(v).keys()].sort();
    return keys.length === 0 ? null : keys.join('\u0001');
  },
  text: (v) => {
    const items = [...heatingItems(v).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    return items.length === 0 ? null : items.join(', ');
  },
});

/** The columns of each file other than fias_id, in the order of its template. */
const HOUSE_FIELDS: FieldRule<House>[] = [
  name('address'), name('municipal_district'), exact('oktmo'), name('settlement'), name('house_type'), exact('commissioned'), area('area'), exact('residents'), name('heating_type'),
];
const GIS_FIELDS: FieldRule<GisHouse>[] = [name('house_type'), area('area'), exact('residents'), heatingSet('heating_types')];

/** The houses and ГИС ЖКХ fields a report can be filtered by, with their Russian names. */
export const CHANGE_FIELDS: { source: HouseSource; field: string; title: string }[] = [
  { source: 'houses', field: 'address', title: 'Адрес' },
  { source: 'houses', field: 'municipal_district', title: 'Муниципальный район' },
  { source: 'houses', field: 'oktmo', title: 'ОКТМО' },
  { source: 'houses', field: 'settlement', title: 'Населенный пункт' },
  { source: 'houses', field: 'house_type', title: 'Тип дома' },
  { source: 'houses', field: 'commissioned', title: 'Дата ввода' },
  { source: 'houses', field: 'area', title: 'Площадь' },
  { source: 'houses', field: 'residents', title: 'Проживающих' },
  { source: 'houses', field: 'heating_type', title: 'Тип отопления' },
  { source: 'gis_houses', field: 'house_type', title: 'Тип дома (ГИС ЖКХ)' },
  { source: 'gis_houses', field: 'area', title: 'Площадь (ГИС ЖКХ)' },
  { source: 'gis_houses', field: 'residents', title: 'Проживающих (ГИС ЖКХ)' },
  { source: 'gis_houses', field: 'heating_types', title: 'Типы отопления (ГИС ЖКХ)' },
];

function byFias<T extends { fias_id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((r) => [r.fias_id.toLowerCase(), r]));
}

function fieldChanges<T>(source: HouseSource, rules: FieldRule<T>[], a: T, b: T): FieldChange[] {
  const out: FieldChange[] = [];
  for (const r of rules) {
    const va = a[r.field];
    const vb = b[r.field];
    if (r.key(va) !== r.key(vb)) out.push({ source, field: r.field, before: r.text(va), after: r.text(vb) });
  }
  return out;
}

/**
 * Compares two versions of `houses` and `gis_houses`. Groups are computed for both with the same services and
 * МО rates, so a moved house is one whose own data moved it.
 */
export function diffHouseData(
  before: HouseDataVersion, after: HouseDataVersion, shared: { services: readonly HouseService[]; moRates: readonly MoRate[] }, params: Pick<StandardParams, 'normativeArea'>,
): HouseDataDiff {
  const entries = new Map<string, HouseChange>();
  const entry = (fias: string): HouseChange => {
    let e = entries.get(fias);
    if (!e) entries.set(fias, (e = { fias_id: fias, added: false, removed: false, changes: [], group_changed: false }));
    return e;
  };
  const compare = <T extends { fias_id: string }>(source: HouseSource, rules: FieldRule<T>[], a: Map<string, T>, b: Map<string, T>): void => {
    for (const [fias, x] of a) {
      const y = b.get(fias);
      if (!y) entry(fias).removed = true;
      else {
        const changes = fieldChanges(source, rules, x, y);
        if (changes.length > 0) entry(fias).changes.push(...changes);
      }
    }
    for (const fias of b.keys()) if (!a.has(fias)) entry(fias).added = true;
  };
  const housesBefore = byFias(before.houses);
  const housesAfter = byFias(after.houses);
  compare('houses', HOUSE_FIELDS, housesBefore, housesAfter);
  compare('gis_houses', GIS_FIELDS, byFias(before.gis), byFias(after.gis));

  const groups = {
    before: computeStandardSet({ houses: before.houses, services: shared.services, moRates: shared.moRates }, params),
    after: computeStandardSet({ houses: after.houses, services: shared.services, moRates: shared.moRates }, params),
  };
  const groupOf = (set: StandardSet, fias: string): string | undefined => set.houses.get(fias);
  for (const [fias, h] of housesBefore) {
    const now = housesAfter.get(fias);
    if (!now) continue;
    const a = groupOf(groups.before, h.fias_id);
    const b = groupOf(groups.after, now.fias_id);
    if (a !== b) entry(fias).group_changed = true;
  }

  const houses = [...entries.values()].filter((e) => e.added || e.removed || e.changes.length > 0 || e.group_changed);
  houses.sort((a, b) => (a.fias_id < b.fias_id ? -1 : a.fias_id > b.fias_id ? 1 : 0));
  const summary: HouseChangeSummary = {
    houses_changed: houses.filter((h) => h.changes.length > 0).length,
    added: houses.filter((h) => h.added).length,
    removed: houses.filter((h) => h.removed).length,
    groups_changed: houses.filter((h) => h.group_changed).length,
  };
  return { houses, summary, groups };
}
