/**
 * The house registry of the standards workspace over the in-memory region state: search by district,
 * settlement, street, service, tariff, norm and failed check; sort by any column; one page at a time.
 */
import { parseScaled, scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { House } from '../../formulas/reference/types.ts';
import { HOUSE_CHECKS, HOUSE_CHECK_TITLES, type HouseCheckId } from '../../formulas/standards/house-checks.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import type { HouseCard, HouseSort, RegistryHouse } from '../contract/standards.ts';
import { houseChecks, type RegionState } from './region-state.ts';

export interface HouseFilter {
  district?: string | undefined;
  settlement?: string | undefined;
  street?: string | undefined;
  service?: string | undefined;
  /** руб., as typed («28,46»): houses with this tariff (of `service` when given). */
  tariff?: string | undefined;
  norm?: string | undefined;
  /** A check id, or `any` for a house with any failed check. */
  error?: HouseCheckId | 'any' | undefined;
}

const collator = new Intl.Collator('ru');

function order(state: RegionState, sort: HouseSort): Uint32Array {
  const hit = state.orders.get(sort);
  if (hit) return hit;
  const h = state.houses;
  const idx = Array.from({ length: h.length }, (_, i) => i);
  const groupRank = new Map(state.set.groups.map((g, i) => [g.id, i]));
  const num = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : v);
  const popcount = (m: number) => m.toString(2).replace(/0/g, '').length;
  const cmp: Record<HouseSort, (a: number, b: number) => number> = {
    address: (a, b) => collator.compare(h[a]!.address, h[b]!.address),
    municipal_district: (a, b) => collator.compare(h[a]!.municipal_district, h[b]!.municipal_district) || collator.compare(h[a]!.address, h[b]!.address),
    settlement: (a, b) => collator.compare(h[a]!.settlement, h[b]!.settlement) || collator.compare(h[a]!.address, h[b]!.address),
    house_type: (a, b) => collator.compare(h[a]!.house_type, h[b]!.house_type) || collator.compare(h[a]!.address, h[b]!.address),
    area: (a, b) => num(h[a]!.area) - num(h[b]!.area),
    residents: (a, b) => num(h[a]!.residents) - num(h[b]!.residents),
    group: (a, b) => (groupRank.get(state.set.houses.get(h[a]!.fias_id) ?? '') ?? 0) - (groupRank.get(state.set.houses.get(h[b]!.fias_id) ?? '') ?? 0),
    errors: (a, b) => popcount(state.failed[b]!) - popcount(state.failed[a]!),
  };
  idx.sort((a, b) => cmp[sort](a, b) || (h[a]!.fias_id < h[b]!.fias_id ? -1 : 1));
  const out = Uint32Array.from(idx);
  state.orders.set(sort, out);
  return out;
}

function predicate(state: RegionState, f: HouseFilter): ((i: number) => boolean) | string {
  const tests: ((h: House, i: number) => boolean)[] = [];
  if (f.district) {
    const d = normalizeName(f.district);
    tests.push((h) => normalizeName(h.municipal_district).includes(d));
  }
  if (f.settlement) {
    const s = normalizeName(f.settlement);
    tests.push((h) => normalizeName(h.settlement).includes(s));
  }
  if (f.street) {
    const s = f.street.toLowerCase().replace(/ё/g, 'е');
    tests.push((h) => h.address.toLowerCase().replace(/ё/g, 'е').includes(s));
  }
  let tariff: number | null = null;
  let norm: number | null = null;
  if (f.tariff) {
    const r = parseScaled(f.tariff, 4);
    if (!r.ok) return `Тариф: ${r.message}`;
    tariff = r.value;
  }
  if (f.norm) {
    const r = parseScaled(f.norm, 4);
    if (!r.ok) return `Норматив: ${r.message}`;
    norm = r.value;
  }
  if (f.service || tariff !== null || norm !== null) {
    tests.push((h) => (state.services.get(h.fias_id) ?? []).some((s) =>
      (!f.service || s.service === f.service) && (tariff === null || s.tariff === tariff) && (norm === null || s.norm === norm)));
  }
  if (f.error) {
    const mask = f.error === 'any' ? 0xff : 1 << HOUSE_CHECKS.indexOf(f.error);
    tests.push((_, i) => (state.failed[i]! & mask) !== 0);
  }
  return (i) => {
    const h = state.houses[i]!;
    return tests.every((t) => t(h, i));
  };
}

export function registryHouse(state: RegionState, i: number): RegistryHouse {
  const h = state.houses[i]!;
  const g = state.gis.get(h.fias_id);
  const mask = state.failed[i]!;
  return {
    fias_id: h.fias_id, address: h.address, municipal_district: h.municipal_district, settlement: h.settlement,
    house_type: h.house_type, gis_house_type: g?.house_type ?? null,
    area: h.area === null ? null : scaledToDecimal(h.area, 2), gis_area: g?.area === undefined || g.area === null ? null : scaledToDecimal(g.area, 2),
    residents: h.residents, gis_residents: g?.residents ?? null, heating_type: h.heating_type, gis_heating_types: g?.heating_types ?? null,
    in_gis: g !== undefined,
    services: (state.services.get(h.fias_id) ?? []).map((s) => ({
      service: s.service, tariff: scaledToDecimal(s.tariff, 4), decision_id: s.decision_id, norm: scaledToDecimal(s.norm, 4),
      norm_unit: s.norm_unit, heating_only: s.heating_only === 'да', bptr: s.decision_id !== null && state.bptrIds.has(s.decision_id) ? '✔' : '⚠',
    })),
    group_id: state.set.houses.get(h.fias_id) ?? null,
    failed: HOUSE_CHECKS.filter((_, b) => (mask & (1 << b)) !== 0),
  };
}

export type HousePage = { ok: true; rows: RegistryHouse[]; total: number } | { ok: false; message: string };

export function houseRegistryPage(state: RegionState, f: HouseFilter, sort: HouseSort, dir: 'asc' | 'desc', offset: number, limit: number): HousePage {
  const keep = predicate(state, f);
  if (typeof keep === 'string') return { ok: false, message: keep };
  const ord = order(state, sort);
  const rows: RegistryHouse[] = [];
  let total = 0;
  for (let k = 0; k < ord.length; k++) {
    const i = ord[dir === 'asc' ? k : ord.length - 1 - k]!;
    if (!keep(i)) continue;
    if (total >= offset && rows.length < limit) rows.push(registryHouse(state, i));
    total++;
  }
  return { ok: true, rows, total };
}

export function houseCard(state: RegionState, fias: string): HouseCard | null {
  const i = state.byFias.get(fias);
  if (i === undefined) return null;
  const h = state.houses[i]!;
  const gid = state.set.houses.get(fias);
  return {
    house: registryHouse(state, i),
    commissioned: h.commissioned,
    oktmo: h.oktmo,
    checks: houseChecks(state, h).map((c) => ({ ...c, title: HOUSE_CHECK_TITLES[c.id] })),
    group: gid ? state.groups.get(gid) ?? null : null,
  };
}
