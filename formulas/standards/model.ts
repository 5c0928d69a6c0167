/**
 * Grouping of houses (DOMAIN.md «Group») and their standards, held so that an edit recomputes only what
 * it touches: houses with the same district, settlement (when mo_rates differ by settlement), house type,
 * heating type and the same set of (service, tariff, norm, norm_unit, heating_only) share one standard.
 */
import type { House, HouseService, MoRate } from '../reference/types.ts';
import { hash64 } from './hash.ts';
import { ALL_SETTLEMENTS, indexMoRates, memoNormalizeName } from './mo-rates.ts';
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
  houses: Map<string, string>;
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
  /** The key's text before the services. */
  text: string;
  /** Small number standing for this base in short keys. */
  n: number;
}

interface GroupState {
  id: string;
  key: GroupKey;
  rates: HousingRates | null;
  /** Indexes of its houses. */
  houses: number[];
  /** The short keys (base number + line ids) that lead here. */
  shorts: string[];
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
  /** key text → group id: a key is hashed once, not once per house. */
  private readonly ids = new Map<string, string>();
  private readonly norm = memoNormalizeName();
  private readonly fias: string[];
  private readonly index = new Map<string, number>();
  /** By house index: its group and the base of its key. */
  private readonly houseGroup: (GroupState | undefined)[];
  private readonly bases: HouseBase[];

  /** Short key (base number, sorted line ids) → group: the full key text is built once per group, not per house. */
  private readonly byShort = new Map<string, GroupState>();
  /** Interned service lines: service → tariff → norm → [unit·2 + heating_only] → line id. */
  private readonly lineIds = new Map<string, Map<number, Map<number, number[]>>>();
  private readonly lines: ServiceLine[] = [];
  private readonly lineTexts: string[] = [];

  constructor(input: StandardsInput, private readonly params: Pick<StandardParams, 'normativeArea'>) {
    const n = input.houses.length;
    this.fias = input.houses.map((h) => h.fias_id);
    this.fias.forEach((f, i) => this.index.set(f, i));
    this.houseGroup = new Array<GroupState | undefined>(n);
    this.bases = new Array<HouseBase>(n);
    const ids: (number[] | undefined)[] = new Array<number[] | undefined>(n);
    for (const s of input.services) {
      const i = this.index.get(s.fias_id);
      if (i === undefined) continue; // a service of a house the register does not have
      const id = this.lineId(s.service, s.tariff, s.norm, s.norm_unit, s.heating_only === 'да');
      const list = ids[i];
      if (list) list.push(id);
      else ids[i] = [id];
    }
    const rates = indexMoRates(input.moRates, this.norm);
    // houses of one district, settlement, type and heating share one base object
    const shared = new Map<string, HouseBase>();
    input.houses.forEach((h, i) => {
      const sig = `${h.municipal_district}\u0001${h.settlement}\u0001${h.house_type}\u0001${h.heating_type ?? ''}`;
      let base = shared.get(sig);
      if (!base) {
        const applied = rates.find(h.municipal_district, h.settlement, h.house_type);
        const districtKey = this.norm(h.municipal_district);
        const placeKey = applied ? (applied.settlement === ALL_SETTLEMENTS ? ALL_SETTLEMENTS : this.norm(applied.settlement)) : '';
        const heating = h.heating_type ?? NO_HEATING;
        base = {
          districtKey, district: h.municipal_district, placeKey, settlement: applied?.settlement ?? h.settlement, houseType: h.house_type,
          heating, rates: applied?.rates ?? null, text: `${districtKey}\u0001${placeKey}\u0001${h.house_type}\u0001${this.norm(heating)}`, n: shared.size,
        };
        shared.set(sig, base);
      }
      this.bases[i] = base;
      const g = this.groupFor(base, ids[i]?.sort((a, b) => a - b) ?? []);
      g.houses.push(i);
      this.houseGroup[i] = g;
    });
  }

  private lineId(service: string, tariff: number, norm: number, unit: 'чел' | 'м2', heatingOnly: boolean): number {
    let byTariff = this.lineIds.get(service);
    if (!byTariff) this.lineIds.set(service, (byTariff = new Map()));
    let byNorm = byTariff.get(tariff);
    if (!byNorm) byTariff.set(tariff, (byNorm = new Map()));
    let slots = byNorm.get(norm);
    if (!slots) byNorm.set(norm, (slots = [-1, -1, -1, -1]));
    const slot = (unit === 'м2' ? 2 : 0) + (heatingOnly ? 1 : 0);
    let id = slots[slot] ?? -1;
    if (id < 0) {
      id = this.lines.length;
      const line: ServiceLine = { service, tariff, norm, norm_unit: unit, heating_only: heatingOnly };
      this.lines.push(line);
      this.lineTexts.push(lineText(line));
      slots[slot] = id;
    }
    return id;
  }

  /** The group of a key (base + sorted line ids), created with its standards on first sight. */
  private groupFor(base: HouseBase, sortedIds: readonly number[]): GroupState {
    const short = `${base.n}:${sortedIds.join(',')}`;
    let g = this.byShort.get(short);
    if (g) return g;
    // the id hashes the full key in a canonical order, so it does not depend on the order lines were met
    const texts = sortedIds.map((i) => this.lineTexts[i] ?? '').sort();
    const text = texts.length === 0 ? base.text : `${base.text}\u0002${texts.join('\u0002')}`;
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = hash64(text)));
    g = this.groups.get(id);
    if (!g) {
      g = this.newGroup(id, base, sortedIds.map((i) => this.lines[i] as ServiceLine).sort(compareLines));
      this.groups.set(id, g);
    }
    g.shorts.push(short);
    this.byShort.set(short, g);
    return g;
  }

  private newGroup(id: string, base: HouseBase, lines: ServiceLine[]): GroupState {
    const key: GroupKey = { municipal_district: base.district, settlement: base.settlement, house_type: base.houseType, heating_type: base.heating, services: lines };
    const twice = duplicatedServices(lines);
    let standards: Standards | null = null;
    let reason: string | null = null;
    if (!base.rates) reason = `Нет ставок МО (содержание, капремонт, наём) для «${base.district}», «${base.settlement}», ${base.houseType}`;
    else if (twice.length > 0) reason = `В доме есть дубликаты услуг за один период: ${twice.join(', ')}; стандарт не рассчитан`;
    else standards = computeStandards(base.rates, lines, this.params);
    return { id, key, rates: base.rates, houses: [], shorts: [], standards, reason };
  }

  groupOf(fias: string): StandardGroup | null {
    const i = this.index.get(fias);
    const g = i === undefined ? undefined : this.houseGroup[i];
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
    return { id: g.id, key: g.key, rates: g.rates, houses: g.houses.length, standards: g.standards, reason: g.reason };
  }

  /**
   * An analyst edits a tariff or a norm of one service of a group: every house of the group moves to the
   * group of its new key (an existing one when the edit makes it equal to another), whose standards are
   * computed once. Cost: the houses of that group, not the region.
   */
  editService(groupId: string, service: string, patch: { tariff?: number; norm?: number }): StandardGroup {
    const g = this.groups.get(groupId);
    if (!g) throw new Error(`no group ${groupId}`);
    const first = g.houses[0];
    const base = first === undefined ? undefined : this.bases[first];
    if (!base) throw new Error('a group has no houses');
    const lineIds = g.key.services.map((l) => {
      const line = l.service === service ? { ...l, ...patch } : l;
      return this.lineId(line.service, line.tariff, line.norm, line.norm_unit, line.heating_only);
    }).sort((a, b) => a - b);
    // every house of a group shares the base of its key, so the new key is built once for all of them
    this.groups.delete(groupId);
    for (const short of g.shorts) this.byShort.delete(short);
    const target = this.groupFor(base, lineIds);
    for (const i of g.houses) {
      target.houses.push(i);
      this.houseGroup[i] = target;
    }
    return this.view(target);
  }

  /** Groups sorted by district, settlement, house type, heating type, then id: a stable order to read and diff. */
  result(): StandardSet {
    const groups = [...this.groups.values()].map((g) => this.view(g));
    groups.sort((a, b) =>
      a.key.municipal_district.localeCompare(b.key.municipal_district, 'ru') || a.key.settlement.localeCompare(b.key.settlement, 'ru')
      || a.key.house_type.localeCompare(b.key.house_type, 'ru') || a.key.heating_type.localeCompare(b.key.heating_type, 'ru')
      || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const houses = new Map<string, string>();
    this.fias.forEach((f, i) => {
      const g = this.houseGroup[i];
      if (g) houses.set(f, g.id);
    });
    return { groups, houses };
  }
}

/** Groups and standards of a region in one call. */
export function computeStandardSet(input: StandardsInput, params: Pick<StandardParams, 'normativeArea'>): StandardSet {
  return new StandardsModel(input, params).result();
}
