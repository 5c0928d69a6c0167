/**
 * Clean registry rows: what a careful РСО would report for a house in a month — the tariff of the decision
 * in force, the house's volumes, and the exact subsidy. Errors are injected into these rows afterwards.
 */
import { ruDate, type Month } from './calendar.ts';
import type { DemoDecision, DemoHouse, DemoOrganisation, District, ServiceCode } from './model.ts';
import type { Suppliers } from './organisations.ts';
import type { DemoParams } from './params.ts';
import { hashLabels } from './prng.ts';
import { subsidyKopecks } from './subsidy.ts';
import type { TariffBook } from './tariffs.ts';
import type { VolumeModel } from './volumes.ts';

/** One row of a registry as it will be written; values exact (kopecks, 10^-4 units). */
export interface RegistryRow {
  /** The house the РСО meant, whatever the row says about it. */
  house: DemoHouse;
  fias: string;
  address: string;
  diffAttr: string;
  territory: string;
  supplySystem: string;
  /** As written: `ДД.ММ.ГГГГ`, empty, or (after an injected error) something unreadable. */
  commissioned: string;
  /** The ISO date when `commissioned` is a real date (xlsx writes it as a date cell). */
  commissionedIso: string | null;
  tariffKind: string;
  eot: number;
  lt: number;
  vLiving: number;
  vOdn: number;
  subsidy: number;
  decision: DemoDecision;
}

/** How a supplier names a settlement's territory and supply system. */
interface Place {
  territory: string;
  supplySystem: string;
}

/** The houses one supplier reports for one service: one registry file per month. */
export interface RegistryPlan {
  org: DemoOrganisation;
  service: ServiceCode;
  houses: DemoHouse[];
}

/** Which registries exist: every (supplier, service) that submits registries and serves at least one house. */
export function planRegistries(houses: readonly DemoHouse[], suppliers: Suppliers): RegistryPlan[] {
  const plans = new Map<string, RegistryPlan>();
  for (const house of houses) {
    for (const service of house.services) {
      const c = suppliers.coverageOf(house, service);
      if (!c?.registries) continue;
      const key = `${c.org.index}|${service}`;
      let plan = plans.get(key);
      if (!plan) plans.set(key, (plan = { org: c.org, service, houses: [] }));
      plan.houses.push(house);
    }
  }
  return [...plans.values()].sort((a, b) => a.org.index - b.org.index || a.service.localeCompare(b.service));
}

/** Builds rows; stable choices (spellings, supply systems) hash the seed so they do not change month to month. */
export class RowBuilder {
  private readonly seed: number;
  private readonly territories = new Map<string, string>();
  private readonly systems = new Map<string, string>();
  private readonly diffAttrs = new Map<DemoDecision, string>();
  private readonly builtTexts = new Map<DemoHouse, string>();
  /** Per house: 1 = the РСО writes no commissioning date, 2 = writes the GUID in upper case (0 = not yet known). */
  private readonly habits: Uint8Array;

  constructor(
    seed: number,
    private readonly params: DemoParams,
    private readonly tariffs: TariffBook,
    private readonly volumes: VolumeModel,
    houseCount: number,
  ) {
    this.seed = hashLabels(seed, 'rows');
    this.habits = new Uint8Array(houseCount);
  }

  private habit(house: DemoHouse): number {
    let h = this.habits[house.index] ?? 0;
    if (h === 0) {
      const undated = house.shown === 'none' && this.stable('undated', house.index) % 2 === 0;
      const upper = this.stable('upper', house.index) / 4294967296 < this.params.registries.upperCaseFiasShare;
      h = 0x80 | (undated ? 1 : 0) | (upper ? 2 : 0);
      this.habits[house.index] = h;
    }
    return h;
  }

  private stable(...parts: (string | number)[]): number {
    return hashLabels(this.seed, ...parts);
  }

  /** How this РСО spells the district: «Абатский р-н», «город Тюмень»; always the same district by name. */
  territory(org: DemoOrganisation, district: District): string {
    const key = `${org.index}|${district.index}`;
    let text = this.territories.get(key);
    if (text === undefined) {
      const templates = this.params.territorySpellings[district.kind];
      const t = templates[this.stable('territory', org.index, district.index) % templates.length] ?? '{name}';
      text = t.replace('{name}', district.name).replace('{NAME}', district.name.toUpperCase());
      this.territories.set(key, text);
    }
    return text;
  }

  private supplySystem(org: DemoOrganisation, service: ServiceCode, house: DemoHouse): string {
    const key = `${org.index}|${service}|${house.settlement.index}`;
    let text = this.systems.get(key);
    if (text === undefined) {
      const templates = this.params.services.supplySystems[service];
      const h = this.stable('system', org.index, service, house.settlement.index);
      text = (templates[h % templates.length] ?? '{place}').replace('{place}', house.settlement.name).replace('{k}', String(1 + (h % 7)));
      this.systems.set(key, text);
    }
    return text;
  }

  private diffAttr(d: DemoDecision): string {
    let text = this.diffAttrs.get(d);
    if (text === undefined) this.diffAttrs.set(d, (text = diffAttrOf(d)));
    return text;
  }

  private ruBuilt(house: DemoHouse): string {
    let text = this.builtTexts.get(house);
    if (text === undefined) this.builtTexts.set(house, (text = ruDate(house.built)));
    return text;
  }

  /**
   * Rows of one registry: the decision for a house depends only on its settlement and on which side of the
   * differentiation date it was built, so the builder remembers it per settlement for the registry.
   */
  forRegistry(org: DemoOrganisation, service: ServiceCode, month: Month): (house: DemoHouse) => RegistryRow | null {
    const decisions = new Map<number, DemoDecision | undefined>();
    const places = new Map<number, Place>();
    const boundary = this.params.calendar.differentiationDate;
    return (house) => {
      const date = this.habit(house) & 1 ? null : house.built;
      const key = house.settlement.index * 3 + (date === null ? 0 : date < boundary ? 1 : 2);
      let decision = decisions.get(key);
      if (decision === undefined && !decisions.has(key)) decisions.set(key, (decision = this.tariffs.decisionFor(org, service, house, month, date)));
      if (!decision) return null;
      let place = places.get(house.settlement.index);
      if (!place) places.set(house.settlement.index, (place = this.place(org, service, house)));
      return this.row(service, house, month, date, decision, place);
    };
  }

  private place(org: DemoOrganisation, service: ServiceCode, house: DemoHouse): Place {
    return { territory: this.territory(org, house.settlement.district), supplySystem: this.supplySystem(org, service, house) };
  }

  /** The row a careful РСО writes for the house, or null when no decision is in force (never in clean data). */
  build(org: DemoOrganisation, service: ServiceCode, house: DemoHouse, month: Month): RegistryRow | null {
    // The РСО writes the house's true date; for houses the register has no date for, half leave it empty.
    const date = this.habit(house) & 1 ? null : house.built;
    const decision = this.tariffs.decisionFor(org, service, house, month, date);
    return decision ? this.row(service, house, month, date, decision, this.place(org, service, house)) : null;
  }

  private row(service: ServiceCode, house: DemoHouse, month: Month, date: string | null, decision: DemoDecision, place: Place): RegistryRow {
    const habit = this.habit(house);
    const v = this.volumes.of(house, service, month);
    return {
      house,
      fias: habit & 2 ? house.fiasId.toUpperCase() : house.fiasId,
      address: house.address,
      diffAttr: this.diffAttr(decision),
      territory: place.territory,
      supplySystem: place.supplySystem,
      commissioned: date ? this.ruBuilt(house) : '',
      commissionedIso: date,
      tariffKind: decision.tariffKind,
      eot: decision.eot,
      lt: decision.lt,
      vLiving: v.living,
      vOdn: v.odn,
      subsidy: subsidyKopecks(decision.eot, decision.lt, v.living, v.odn),
      decision,
    };
  }
}

/** `с 01.01.2015 по --` from a decision's commissioning range; `с -- по --` when it has none. */
export function diffAttrOf(d: Pick<DemoDecision, 'commissionedFrom' | 'commissionedTo'>): string {
  return `с ${d.commissionedFrom ? ruDate(d.commissionedFrom) : '--'} по ${d.commissionedTo ? ruDate(d.commissionedTo) : '--'}`;
}
