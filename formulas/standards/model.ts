/**
 * Grouping of houses (DOMAIN.md «Group») and their standards, held so that an edit recomputes only what
 * it touches: houses with the same district, settlement (when mo_rates differ by settlement), house type,
 * heating type and the same set of (service, tariff, norm, norm_unit, heating_only) share one standard.
 */
import type { House, HouseService, MoRate } from '../reference/types.ts';
import { normalizeName } from '../table/normalize.ts';
import { hash64 } from './hash.ts';
import { ALL_SETTLEMENTS, indexMoRates } from './mo-rates.ts';
import type { StandardParams } from './params.ts';
import { computeStandards } from './standard.ts';
import type { GroupKey, HousingRates, ServiceLine, StandardGroup, Standards } from './types.ts';

export interface StandardsInput {
  houses: readonly House[];
  services: readonly HouseService[];
  moRates: readonly MoRate[];
}

/** What `sverka standards` writes and the server stores per published version. */
export interface StandardSet {
  groups: StandardGroup[];
  /** fias_id → group id */
  houses: Record<string, string>;
}

/** What a house contributes to its key apart from its services. */
interface HouseBase {
  districtKey: string;
  district: string;
  /** Normalised settlement of the applied mo_rates row (`все` for the district's row), or '' with no row. */
  placeKey: string;
  settlement: string;
  houseType: 'МКД' | 'ЖД';
  heating: string;
  rates: HousingRates | null;
}

interface GroupState {
  id: string;
  key: GroupKey;
  rates: HousingRates | null;
  houses: Set<string>;
  standards: Standards | null;
  reason: string | null;
}

const NO_HEATING = 'не указан';

const compareLines = (a: ServiceLine, b: ServiceLine): number =>
  a.service < b.service ? -1 : a.service > b.service ? 1
    : a.tariff - b.tariff || a.norm - b.norm || (a.norm_unit < b.norm_unit ? -1 : a.norm_unit > b.norm_unit ? 1 : 0) || Number(a.heating_only) - Number(b.heating_only);

const lineText = (l: ServiceLine): string => `${l.service}:${l.tariff}:${l.norm}:${l.norm_unit}:${l.heating_only ? 1 : 0}`;

export const toServiceLine = (s: HouseService): ServiceLine => ({
  service: s.service, tariff: s.tariff, norm: s.norm, norm_unit: s.norm_unit, heating_only: s.heating_only === 'да',
});

/** Services named more than once in one house (or group), in order of first appearance. */
export function duplicatedServices(lines: readonly { service: string }[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const l of lines) (seen.has(l.service) ? twice : seen).add(l.service);
  return [...twice];
}

export class StandardsModel {
  private readonly groups = new Map<string, GroupState>();
  private readonly houseGroup = new Map<string, string>();
  private readonly bases = new Map<string, HouseBase>();
  private readonly lines = new Map<string, ServiceLine[]>();

  constructor(input: StandardsInput, private readonly params: Pick<StandardParams, 'normativeArea'>) {
    const rates = indexMoRates(input.moRates);
    for (const s of input.services) {
      const list = this.lines.get(s.fias_id);
      if (list) list.push(toServiceLine(s));
      else this.lines.set(s.fias_id, [toServiceLine(s)]);
    }
    for (const list of this.lines.values()) list.sort(compareLines);
    for (const h of input.houses) {
      const applied = rates.find(h.municipal_district, h.settlement, h.house_type);
      const base: HouseBase = {
        districtKey: normalizeName(h.municipal_district),
        district: h.municipal_district,
        placeKey: applied ? (applied.settlement === ALL_SETTLEMENTS ? ALL_SETTLEMENTS : normalizeName(applied.settlement)) : '',
        settlement: applied?.settlement ?? h.settlement,
        houseType: h.house_type,
        heating: h.heating_type ?? NO_HEATING,
        rates: applied?.rates ?? null,
      };
      this.bases.set(h.fias_id, base);
      this.place(h.fias_id, base, this.lines.get(h.fias_id) ?? []);
    }
  }

  private keyText(base: HouseBase, lines: readonly ServiceLine[]): string {
    let text = `${base.districtKey}\u0001${base.placeKey}\u0001${base.houseType}\u0001${normalizeName(base.heating)}`;
    for (const l of lines) text += `\u0002${lineText(l)}`;
    return text;
  }

  private place(fias: string, base: HouseBase, lines: ServiceLine[]): string {
    const id = hash64(this.keyText(base, lines));
    let g = this.groups.get(id);
    if (!g) {
      g = this.newGroup(id, base, lines);
      this.groups.set(id, g);
    }
    g.houses.add(fias);
    this.houseGroup.set(fias, id);
    return id;
  }

  private newGroup(id: string, base: HouseBase, lines: ServiceLine[]): GroupState {
    const key: GroupKey = { municipal_district: base.district, settlement: base.settlement, house_type: base.houseType, heating_type: base.heating, services: lines };
    const twice = duplicatedServices(lines);
    let standards: Standards | null = null;
    let reason: string | null = null;
    if (!base.rates) reason = `Нет ставок МО (содержание, капремонт, наём) для «${base.district}», «${base.settlement}», ${base.houseType}`;
    else if (twice.length > 0) reason = `В доме есть дубликаты услуг за один период: ${twice.join(', ')}; стандарт не рассчитан`;
    else standards = computeStandards(base.rates, lines, this.params);
    return { id, key, rates: base.rates, houses: new Set(), standards, reason };
  }

  groupOf(fias: string): StandardGroup | null {
    const id = this.houseGroup.get(fias);
    const g = id ? this.groups.get(id) : undefined;
    return g ? this.view(g) : null;
  }

  group(id: string): StandardGroup | null {
    const g = this.groups.get(id);
    return g ? this.view(g) : null;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  private view(g: GroupState): StandardGroup {
    return { id: g.id, key: g.key, rates: g.rates, houses: g.houses.size, standards: g.standards, reason: g.reason };
  }

  /**
   * An analyst edits a tariff or a norm of one service of a group: every house of the group moves to the
   * group of its new key (an existing one when the edit makes it equal to another), whose standards are
   * computed once. Cost: the houses of that group, not the region.
   */
  editService(groupId: string, service: string, patch: { tariff?: number; norm?: number }): StandardGroup {
    const g = this.groups.get(groupId);
    if (!g) throw new Error(`no group ${groupId}`);
    const lines = g.key.services.map((l) => (l.service === service ? { ...l, ...patch } : l)).sort(compareLines);
    this.groups.delete(groupId);
    let target = '';
    for (const fias of g.houses) {
      const base = this.bases.get(fias);
      if (base) target = this.place(fias, base, lines);
    }
    const moved = this.groups.get(target);
    if (!moved) throw new Error('an edited group has no houses');
    return this.view(moved);
  }

  /** Groups sorted by district, settlement, house type, heating type, then id: a stable order to read and diff. */
  result(): StandardSet {
    const groups = [...this.groups.values()].map((g) => this.view(g));
    groups.sort((a, b) =>
      a.key.municipal_district.localeCompare(b.key.municipal_district, 'ru') || a.key.settlement.localeCompare(b.key.settlement, 'ru')
      || a.key.house_type.localeCompare(b.key.house_type, 'ru') || a.key.heating_type.localeCompare(b.key.heating_type, 'ru')
      || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { groups, houses: Object.fromEntries(this.houseGroup) };
  }
}

/** Groups and standards of a region in one call. */
export function computeStandardSet(input: StandardsInput, params: Pick<StandardParams, 'normativeArea'>): StandardSet {
  return new StandardsModel(input, params).result();
}
