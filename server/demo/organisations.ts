/**
 * Resource supply organisations and who supplies what where. Three layers, the most specific winning:
 * regional suppliers (electricity, gas, the big city utilities), one supplier per district or group of
 * districts (a МУП ЖКХ or an ООО), and small suppliers of one settlement («ООО "Теплосервис с. Абатское"»).
 */
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';
import type { Coverage, DemoHouse, DemoOrganisation, District, OrganisationStatus, ServiceCode, Settlement } from './model.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';

/** The organisations and the answer to «who supplies this service to this house». */
export interface Suppliers {
  organisations: DemoOrganisation[];
  coverageOf(house: DemoHouse, service: ServiceCode): Coverage | undefined;
  /** The district-wide supplier of a service, if any (used to place a house in a second registry). */
  districtCoverage(district: District, service: ServiceCode): Coverage | undefined;
}

class OrganisationFactory {
  private readonly inns = new Set<string>();
  readonly list: DemoOrganisation[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly params: DemoParams, private readonly rng: Rng) {}

  /** A name not used yet: a repeated one gets its district or a number, as registers distinguish them. */
  uniqueName(name: string, qualifier: string): string {
    let candidate = name;
    for (let k = 2; this.names.has(candidate); k++) candidate = k === 2 ? `${name} (${qualifier})` : `${name} (${qualifier}, ${k})`;
    return candidate;
  }

  create(name: string): DemoOrganisation {
    const { innPrefixes, ogrnRegion } = this.params.region;
    let inn: string;
    do inn = completeInn10(this.rng.pick(innPrefixes) + this.rng.digits(5));
    while (this.inns.has(inn));
    this.inns.add(inn);
    // ОГРН: sign 1, year of registration, region, tax office, serial number, check digit.
    const year = String(this.rng.int(2, 24)).padStart(2, '0');
    const ogrn = completeOgrn(`1${year}${ogrnRegion}${inn.slice(2, 4)}${this.rng.digits(5)}`);
    this.names.add(name);
    const org: DemoOrganisation = { index: this.list.length, inn, ogrn, name, status: 'действует', taxDebt: false, coverage: [] };
    this.list.push(org);
    return org;
  }
}

/** How many organisations a region of this size has: ~60 at 20,000 houses, ~100 at 200,000. */
export function organisationCount(houses: number, params: DemoParams): number {
  const p = params.organisations;
  return Math.max(12, Math.round(p.countAt20k * (Math.max(houses, 1) / 20_000) ** p.sizeExponent));
}

/** Splits a list into `groups` consecutive runs whose sizes differ by at most one. */
function consecutiveGroups<T>(items: readonly T[], groups: number): T[][] {
  const out: T[][] = [];
  for (let g = 0; g < groups; g++) {
    out.push(items.slice(Math.floor((g * items.length) / groups), Math.floor(((g + 1) * items.length) / groups)));
  }
  return out.filter((g) => g.length > 0);
}

function servicesNeeded(houses: readonly DemoHouse[]): { byDistrict: Map<number, Set<ServiceCode>>; bySettlement: Map<string, number> } {
  const byDistrict = new Map<number, Set<ServiceCode>>();
  const bySettlement = new Map<string, number>();
  for (const h of houses) {
    const d = h.settlement.district.index;
    let set = byDistrict.get(d);
    if (!set) byDistrict.set(d, (set = new Set()));
    for (const s of h.services) {
      set.add(s);
      const key = `${h.settlement.index}|${s}`;
      bySettlement.set(key, (bySettlement.get(key) ?? 0) + 1);
    }
  }
  return { byDistrict, bySettlement };
}

/** Builds the organisations of the region and their coverage of districts, settlements and services. */
export function buildSuppliers(districts: readonly District[], houses: readonly DemoHouse[], params: DemoParams, rng: Rng): Suppliers {
  const p = params.organisations;
  const factory = new OrganisationFactory(params, rng.fork('ids'));
  const districtLevel = new Map<string, Coverage>();
  const settlementLevel = new Map<string, Coverage>();
  const cover = (org: DemoOrganisation, service: ServiceCode, district: District, settlement: Settlement | null, registries: boolean): void => {
    const c: Coverage = { org, service, district, settlement, registries };
    org.coverage.push(c);
    if (settlement) settlementLevel.set(`${settlement.index}|${service}`, c);
    else districtLevel.set(`${district.index}|${service}`, c);
  };
  const byName = new Map(districts.map((d) => [d.name, d]));

  for (const r of p.regional) {
    const org = factory.create(r.name);
    const where = r.districts.includes('*') ? districts : r.districts.map((n) => byName.get(n)).filter((d): d is District => d !== undefined);
    for (const d of where) for (const s of r.services) if (!districtLevel.has(`${d.index}|${s}`)) cover(org, s, d, null, r.registries);
  }
  const regionalCount = factory.list.length;

  const target = organisationCount(houses.length, params);
  const { byDistrict, bySettlement } = servicesNeeded(houses);
  const uncovered = (d: District): ServiceCode[] =>
    params.services.order.filter((s) => byDistrict.get(d.index)?.has(s) && !districtLevel.has(`${d.index}|${s}`));
  const needy = districts.filter((d) => uncovered(d).length > 0);
  const settlementTarget = Math.round((target - regionalCount) * p.settlementLevelShare);
  const groupCount = Math.min(needy.length, Math.max(Math.ceil(needy.length / 3), target - regionalCount - settlementTarget));
  consecutiveGroups(needy, groupCount).forEach((group, g) => {
    const first = group[0] as District;
    const multi = p.multiDistrictNames[g % p.multiDistrictNames.length] ?? 'ООО "Коммунальщик"';
    const name = group.length === 1 ? p.singleDistrictName.replace('{genitive}', first.genitive) : factory.uniqueName(multi, first.name);
    const org = factory.create(name);
    for (const d of group) for (const s of uncovered(d)) cover(org, s, d, null, true);
  });

  const r = rng.fork('settlement-level');
  const taken = new Set<string>();
  const villages = districts.flatMap((d) => d.settlements).filter((s) => s.cls !== 'город');
  for (let left = target - factory.list.length; left > 0; left--) {
    const weightOf = (s: Settlement, svc: ServiceCode): number => (taken.has(`${s.index}|${svc}`) ? 0 : (bySettlement.get(`${s.index}|${svc}`) ?? 0));
    const services = Object.fromEntries(
      Object.entries(p.settlementLevel.serviceWeights).filter(([svc]) => villages.some((s) => weightOf(s, svc as ServiceCode) > 0)),
    ) as Partial<Record<ServiceCode, number>>;
    if (Object.keys(services).length === 0) break;
    const service = r.weighted(services);
    const total = villages.reduce((a, s) => a + weightOf(s, service), 0);
    let x = r.next() * total;
    const settlement = villages.find((s) => (x -= weightOf(s, service)) < 0) ?? (villages[0] as Settlement);
    taken.add(`${settlement.index}|${service}`);
    const template = r.pick(p.settlementLevel.names[service] ?? ['ООО "Коммунальные услуги {place}"']);
    const org = factory.create(factory.uniqueName(template.replace('{place}', settlement.name), settlement.district.fullName));
    cover(org, service, settlement.district, settlement, true);
  }

  const status = rng.fork('status');
  const statuses: Partial<Record<OrganisationStatus, number>> = { 'ликвидирована': 2, 'банкротство': 3, 'в процессе ликвидации': 4 };
  for (const org of factory.list.slice(regionalCount)) {
    if (status.chance(p.nonActiveShare)) org.status = status.weighted(statuses);
    org.taxDebt = status.chance(p.taxDebtShare);
  }

  return {
    organisations: factory.list,
    coverageOf: (house, service) =>
      settlementLevel.get(`${house.settlement.index}|${service}`) ?? districtLevel.get(`${house.settlement.district.index}|${service}`),
    districtCoverage: (district, service) => districtLevel.get(`${district.index}|${service}`),
  };
}
