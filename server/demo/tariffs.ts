/**
 * The БПТР: tariff decisions of every supplier for every district (or settlement) it serves, one row per
 * half-year, and for some decisions one more row for houses built after the differentiation date. Tariffs
 * rise on 1 July; the preferential tariff (ЛТ) always stays below the economically justified one (ЭОТ).
 */
import { addDays, type HalfYear, type Month } from './calendar.ts';
import type { Coverage, DemoDecision, DemoHouse, DemoOrganisation, District, ServiceCode } from './model.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';
import { toKopecks } from './format.ts';

/** The decisions and the lookups the registries and house services need. */
export interface TariffBook {
  decisions: DemoDecision[];
  /**
   * The decision a supplier applies to a house in a month: a settlement's own decision before the
   * district-wide one; for a differentiated decision the row matching the date (undated: the older houses').
   */
  decisionFor(org: DemoOrganisation, service: ServiceCode, house: DemoHouse, month: Month, date: string | null): DemoDecision | undefined;
  /** Every decision a check would consider for a supplier, service, district and settlement in a month. */
  candidates(org: DemoOrganisation, service: ServiceCode, district: District, settlement: string, month: Month): DemoDecision[];
}

const keyOf = (org: DemoOrganisation, service: ServiceCode, district: District): string => `${org.index}|${service}|${district.index}`;

/** Decision ids like `ID_35790961`, never repeated. */
class DecisionIds {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  next(): string {
    let id: string;
    do id = `ID_${this.rng.int(1, 9)}${this.rng.digits(7)}`;
    while (this.used.has(id));
    this.used.add(id);
    return id;
  }
}

interface Scope {
  coverage: Coverage;
  /** `все` or a settlement name. */
  settlement: string;
}

function scopesOf(coverage: readonly Coverage[], params: DemoParams, rng: Rng): Scope[] {
  const out: Scope[] = [];
  const settlementSpecific = new Set(coverage.filter((c) => c.settlement).map((c) => `${c.settlement?.index}|${c.service}`));
  for (const c of coverage) {
    out.push({ coverage: c, settlement: c.settlement?.name ?? 'все' });
    // Some district suppliers have a separate decision for the district's centre (another boiler house).
    const centre = c.district.settlements.find((s) => s.cls === 'centre');
    const centreOwnSupplier = centre !== undefined && settlementSpecific.has(`${centre.index}|${c.service}`);
    if (!c.settlement && c.registries && centre && !centreOwnSupplier && rng.chance(params.services.centreDecisionShare)) {
      out.push({ coverage: c, settlement: centre.name });
    }
  }
  return out;
}

function decisionsOfScope(scope: Scope, halves: readonly HalfYear[], params: DemoParams, rng: Rng, ids: DecisionIds): DemoDecision[] {
  const { org, service, district } = scope.coverage;
  const sp = params.services;
  const local = scope.coverage.settlement ? sp.localSupplierEotFactor[service] : undefined;
  const [lo, hi] = sp.eotRub[service];
  let eot = toKopecks(rng.range(lo, hi) * (local ? rng.range(local[0], local[1]) : 1));
  let lt = Math.round(eot * rng.range(sp.ltShareOfEot[0], sp.ltShareOfEot[1]));
  const tariffKind = rng.pick(sp.tariffKinds[service]);
  const differentiated = rng.chance(sp.differentiatedShare);
  const newFactor = rng.range(sp.newHousesEotFactor[0], sp.newHousesEotFactor[1]);
  const openEnded = rng.chance(params.calendar.openEndedLatestShare);
  const boundary = params.calendar.differentiationDate;
  const yearIds = new Map<number, string>();
  const out: DemoDecision[] = [];
  halves.forEach((h, i) => {
    if (i > 0 && h.half === 2) {
      eot = Math.round(eot * (1 + rng.range(sp.halfYearGrowth.eot[0], sp.halfYearGrowth.eot[1])));
      lt = Math.round(lt * (1 + rng.range(sp.halfYearGrowth.lt[0], sp.halfYearGrowth.lt[1])));
    }
    // The preferential tariff stays at least 2% below the justified one, or there is nothing to compensate.
    lt = Math.min(lt, eot - Math.max(1, Math.round(eot * 0.02)));
    let id = yearIds.get(h.year);
    if (!id) yearIds.set(h.year, (id = ids.next()));
    const base = {
      id, org, service, district, settlement: scope.settlement, tariffKind, lt,
      validFrom: h.from, validTo: openEnded && i === halves.length - 1 ? null : h.to,
    };
    if (!differentiated) {
      out.push({ ...base, eot, commissionedFrom: null, commissionedTo: null });
    } else {
      out.push({ ...base, eot, commissionedFrom: null, commissionedTo: addDays(boundary, -1) });
      out.push({ ...base, eot: Math.round(eot * newFactor), commissionedFrom: boundary, commissionedTo: null });
    }
  });
  return out;
}

const validThrough = (d: DemoDecision, m: Month): boolean => d.validFrom <= m.firstDay && (d.validTo === null || d.validTo >= m.lastDay);
const coversDate = (d: DemoDecision, date: string): boolean =>
  (d.commissionedFrom === null || d.commissionedFrom <= date) && (d.commissionedTo === null || d.commissionedTo >= date);

/** All decisions of all suppliers for the tariff half-years. */
export function buildTariffs(organisations: readonly DemoOrganisation[], halves: readonly HalfYear[], params: DemoParams, rng: Rng): TariffBook {
  const ids = new DecisionIds(rng.fork('ids'));
  const decisions: DemoDecision[] = [];
  for (const org of organisations) {
    const r = rng.fork('org', org.index);
    for (const scope of scopesOf(org.coverage, params, r)) decisions.push(...decisionsOfScope(scope, halves, params, r, ids));
  }
  const index = new Map<string, DemoDecision[]>();
  for (const d of decisions) {
    const k = keyOf(d.org, d.service, d.district);
    const list = index.get(k);
    if (list) list.push(d);
    else index.set(k, [d]);
  }

  // Rows of a registry ask the same few questions thousands of times: remember the answers.
  const candidateCache = new Map<string, DemoDecision[]>();
  const candidates = (org: DemoOrganisation, service: ServiceCode, district: District, settlement: string, month: Month): DemoDecision[] => {
    const key = `${keyOf(org, service, district)}|${settlement}|${month.key}`;
    let list = candidateCache.get(key);
    if (!list) {
      list = (index.get(keyOf(org, service, district)) ?? []).filter(
        (d) => (d.settlement === 'все' || d.settlement === settlement) && validThrough(d, month),
      );
      candidateCache.set(key, list);
    }
    return list;
  };

  // Every commissioning range of the БПТР starts or ends at the one differentiation date.
  const boundary = params.calendar.differentiationDate;
  const decisionCache = new Map<string, DemoDecision | undefined>();
  const decisionFor = (org: DemoOrganisation, service: ServiceCode, house: DemoHouse, month: Month, date: string | null): DemoDecision | undefined => {
    const side = date === null ? 'none' : date < boundary ? 'before' : 'after';
    const key = `${org.index}|${service}|${house.settlement.index}|${month.key}|${side}`;
    if (decisionCache.has(key)) return decisionCache.get(key);
    const all = candidates(org, service, house.settlement.district, house.settlement.name, month);
    const own = all.filter((d) => d.settlement !== 'все');
    const pool = own.length > 0 ? own : all;
    const found = date === null ? pool.find((d) => d.commissionedFrom === null) : pool.find((d) => coversDate(d, date));
    decisionCache.set(key, found);
    return found;
  };

  return { decisions, decisionFor, candidates };
}
