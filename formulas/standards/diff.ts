/**
 * The difference between two standard sets (two published versions, or now and a forecast), per group.
 * Groups are matched by id (the same key), then by the house that belongs to both when both sets map
 * houses, then by their structure (district, settlement, house type, heating type and the services with
 * units, without tariffs and norms) when that matches one group on each side; the rest are added/removed.
 */
import type { Kopecks } from '../money.ts';
import { CATEGORIES, FAMILY_SIZES, PERIODS, type Category, type FamilySize, type GroupKey, type Period, type StandardGroup } from './types.ts';

export interface DiffSide {
  groups: readonly StandardGroup[];
  houses?: ReadonlyMap<string, string>;
}

export interface StandardChange {
  category: Category;
  n: FamilySize;
  period: Period;
  from: Kopecks | null;
  to: Kopecks | null;
}

export interface ServiceChange {
  service: string;
  /** 10^-4 units; null when the service is absent on that side. */
  from: { tariff: number; norm: number } | null;
  to: { tariff: number; norm: number } | null;
}

export interface GroupDiff {
  status: 'same' | 'changed' | 'added' | 'removed';
  from: string | null;
  to: string | null;
  key: GroupKey;
  housesFrom: number;
  housesTo: number;
  standards: StandardChange[];
  services: ServiceChange[];
}

const structure = (k: GroupKey): string =>
  [k.municipal_district, k.settlement, k.house_type, k.heating_type, ...k.services.map((s) => `${s.service}:${s.norm_unit}:${s.heating_only ? 1 : 0}`)].join('\u0001');

function compare(a: StandardGroup | null, b: StandardGroup | null): GroupDiff {
  const standards: StandardChange[] = [];
  for (const category of CATEGORIES) {
    for (const n of FAMILY_SIZES) {
      for (const period of PERIODS) {
        const from = a?.standards?.[category][n][period] ?? null;
        const to = b?.standards?.[category][n][period] ?? null;
        if (from !== to) standards.push({ category, n, period, from, to });
      }
    }
  }
  const services: ServiceChange[] = [];
  const names = [...new Set([...(a?.key.services ?? []), ...(b?.key.services ?? [])].map((s) => s.service))];
  for (const service of names) {
    const x = a?.key.services.find((s) => s.service === service);
    const y = b?.key.services.find((s) => s.service === service);
    if (x?.tariff !== y?.tariff || x?.norm !== y?.norm) {
      services.push({ service, from: x ? { tariff: x.tariff, norm: x.norm } : null, to: y ? { tariff: y.tariff, norm: y.norm } : null });
    }
  }
  const status = !a ? 'added' : !b ? 'removed' : standards.length === 0 && services.length === 0 && (a.reason ?? '') === (b.reason ?? '') ? 'same' : 'changed';
  const key = (b ?? a)?.key;
  if (!key) throw new Error('compare needs at least one group');
  return { status, from: a?.id ?? null, to: b?.id ?? null, key, housesFrom: a?.houses ?? 0, housesTo: b?.houses ?? 0, standards, services };
}

export function diffStandardSets(before: DiffSide, after: DiffSide): GroupDiff[] {
  const oldById = new Map(before.groups.map((g) => [g.id, g]));
  const matched = new Map<string, StandardGroup>(); // new id → old group
  const usedOld = new Set<string>();
  for (const g of after.groups) {
    const old = oldById.get(g.id);
    if (old) {
      matched.set(g.id, old);
      usedOld.add(old.id);
    }
  }
  if (before.houses && after.houses) {
    const representative = new Map<string, string>(); // new group id → one of its houses
    for (const [fias, gid] of after.houses) if (!representative.has(gid)) representative.set(gid, fias);
    for (const g of after.groups) {
      if (matched.has(g.id)) continue;
      const fias = representative.get(g.id);
      const oldId = fias ? before.houses.get(fias) : undefined;
      const old = oldId ? oldById.get(oldId) : undefined;
      if (old && !usedOld.has(old.id)) {
        matched.set(g.id, old);
        usedOld.add(old.id);
      }
    }
  }
  const bucket = (groups: readonly StandardGroup[], skip: (g: StandardGroup) => boolean) => {
    const m = new Map<string, StandardGroup[]>();
    for (const g of groups) {
      if (skip(g)) continue;
      const s = structure(g.key);
      m.set(s, [...(m.get(s) ?? []), g]);
    }
    return m;
  };
  const oldLeft = bucket(before.groups, (g) => usedOld.has(g.id));
  const newLeft = bucket(after.groups, (g) => matched.has(g.id));
  for (const [s, news] of newLeft) {
    const olds = oldLeft.get(s);
    if (news.length === 1 && olds?.length === 1 && news[0] && olds[0]) {
      matched.set(news[0].id, olds[0]);
      usedOld.add(olds[0].id);
    }
  }
  const out: GroupDiff[] = after.groups.map((g) => compare(matched.get(g.id) ?? null, g));
  for (const g of before.groups) if (!usedOld.has(g.id)) out.push(compare(g, null));
  return out;
}
