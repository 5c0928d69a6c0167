/**
 * Houses of the region: address, type, commissioning date, area, residents, heating and the services each
 * one receives. Cities are mostly apartment buildings with central heating, villages mostly private houses.
 */
import { daysInMonth, isoDate } from './calendar.ts';
import type { DemoHouse, District, HouseType, ServiceCode, Settlement } from './model.ts';
import type { DemoParams, Era } from './params.ts';
import type { Rng } from './prng.ts';

function streetNames(settlement: Settlement, params: DemoParams, rng: Rng): string[] {
  const perStreet = params.streets.housesPerStreet[settlement.cls];
  const count = Math.max(1, Math.ceil(settlement.houseCount / perStreet));
  const kinds = Object.fromEntries(params.streets.kinds.map((k) => [k.prefix, k.weight]));
  const names = rng.shuffled(params.streets.names).slice(0, count).map((n) => `${rng.weighted(kinds)} ${n}`);
  // Larger cities run out of street names before they run out of houses: the rest are numbered microdistricts.
  for (let k = 1; names.length < count; k++) names.push(`мкр. ${k}`);
  return names;
}

/** House numbers along one street: mostly 1, 2, 3…, some «12а», some buildings with «корп.». */
function houseNumbers(count: number, rng: Rng): string[] {
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) {
    if (rng.chance(0.03) && out.length + 2 <= count) {
      out.push(`${n}, корп. 1`, `${n}, корп. 2`);
    } else {
      out.push(rng.chance(0.04) ? `${n}а` : String(n));
    }
  }
  return out;
}

function pickYear(eras: readonly Era[], rng: Rng): number {
  const weights: Record<string, number> = {};
  eras.forEach((e, i) => (weights[String(i)] = e[2]));
  const era = eras[Number(rng.weighted(weights))] ?? [1970, 1990, 1];
  return rng.int(era[0], era[1]);
}

function builtDate(type: HouseType, params: DemoParams, rng: Rng): string {
  const c = params.houses.commissioned;
  const year = pickYear(type === 'МКД' ? c.mkdYears : c.zhdYears, rng);
  const month = rng.int(1, 12);
  const iso = isoDate(year, month, rng.int(1, daysInMonth(year, month)));
  return iso > c.latest ? c.latest : iso;
}

function areaOf(type: HouseType, settlement: Settlement, year: number, rng: Rng): { area: number; flats: number } {
  if (type === 'ЖД') return { area: Math.round(rng.range(28, 60) * rng.range(1, 2.8) * 100), flats: 1 };
  const city = settlement.cls === 'город';
  let floors: number;
  if (year < 1960) floors = rng.int(2, 3);
  else if (year < 1995) floors = city ? rng.pick([5, 5, 5, 9, 9, 12]) : rng.int(2, 3);
  else floors = city ? rng.pick([5, 9, 10, 12, 16, 17]) : rng.int(2, 4);
  const entrances = city ? rng.int(1, 6) : rng.int(1, 3);
  const flats = floors * entrances * rng.int(2, 4);
  return { area: Math.round(flats * rng.range(38, 62) * 100), flats };
}

function residentsOf(type: HouseType, flats: number, params: DemoParams, rng: Rng): number {
  if (rng.chance(params.houses.emptyHouseShare)) return 0;
  if (type === 'МКД') return Math.max(1, Math.round(flats * rng.range(1.5, 2.5)));
  return Number(rng.weighted({ 1: 18, 2: 30, 3: 22, 4: 17, 5: 8, 6: 5 }));
}

function servicesOf(settlement: Settlement, type: HouseType, heating: string, params: DemoParams, rng: Rng): ServiceCode[] {
  const p = params.services;
  const has = new Set<ServiceCode>(['ЭЭ']);
  if (rng.chance(p.coldWaterShare[settlement.cls])) {
    has.add('ХВС');
    const sewer = type === 'МКД' ? p.sewerageShare['МКД'] : settlement.cls === 'город' ? p.sewerageShare['город-ЖД'] : p.sewerageShare['село-ЖД'];
    if (rng.chance(sewer)) has.add('ВО');
  }
  if (heating === 'центральное') {
    has.add('ТС');
    if (type === 'МКД' && rng.chance(p.hotWaterShareOfCentralMkd)) has.add('ГВС');
  }
  if (heating === 'индивидуальное газовое' || (settlement.gasified && rng.chance(p.cookingGasShare))) has.add('Газ');
  return p.order.filter((s) => has.has(s));
}

function makeHouse(
  index: number, settlement: Settlement, street: string, number: string, params: DemoParams, rng: Rng, fiasIds: Set<string>,
): DemoHouse {
  const type: HouseType = rng.chance(params.houses.mkdShare[settlement.cls]) ? 'МКД' : 'ЖД';
  const built = builtDate(type, params, rng);
  const c = params.houses.commissioned;
  const u = rng.next();
  const shown = u < c.fullDateShare ? 'date' : u < c.fullDateShare + c.yearOnlyShare ? 'year' : 'none';
  const { area, flats } = areaOf(type, settlement, Number(built.slice(0, 4)), rng);
  const heatingKey = `${settlement.cls === 'город' ? 'город' : 'село'}-${type}` as const;
  let heating = rng.weighted(params.houses.heating[heatingKey]);
  if (heating === 'индивидуальное газовое' && !settlement.gasified) heating = 'печное';
  let fiasId = rng.guid();
  while (fiasIds.has(fiasId)) fiasId = rng.guid();
  fiasIds.add(fiasId);
  const d = settlement.district;
  const place = d.kind === 'город' ? d.addressPart : `${d.addressPart}, ${settlement.name}`;
  return {
    index, fiasId, settlement, type, built, shown, area, heating,
    address: `${params.region.addressPrefix}, ${place}, ${street}, д. ${number}`,
    residents: residentsOf(type, flats, params, rng),
    services: servicesOf(settlement, type, heating, params, rng),
  };
}

/** All houses, settlement by settlement, street by street: the order every file lists them in. */
export function buildHouses(districts: readonly District[], params: DemoParams, rng: Rng): DemoHouse[] {
  const houses: DemoHouse[] = [];
  const fiasIds = new Set<string>();
  for (const d of districts) {
    for (const s of d.settlements) {
      if (s.houseCount === 0) continue;
      const r = rng.fork('settlement', s.index);
      const streets = streetNames(s, params, r);
      // Houses are spread over the streets in contiguous blocks, so numbers run 1, 2, 3… along each street.
      const perStreet = streets.map((_, i) => Math.floor(((i + 1) * s.houseCount) / streets.length) - Math.floor((i * s.houseCount) / streets.length));
      streets.forEach((street, i) => {
        for (const number of houseNumbers(perStreet[i] ?? 0, r)) {
          houses.push(makeHouse(houses.length, s, street, number, params, r, fiasIds));
        }
      });
    }
  }
  return houses;
}
