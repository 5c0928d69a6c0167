/**
 * The later version of the house data (DOMAIN.md «Changes of house data»), loaded over the first: next month's
 * ГИС ЖКХ extract and the house register brought up to date with it (loaded in that order). Realistic changes —
 * residents moved in and out, areas re-measured, a boiler house closed (central heating replaced: a new standards
 * group), a house type corrected to ГИС ЖКХ, new houses commissioned, a few demolished — and changes that are not
 * changes: addresses and districts typed another way (without the dots of «ул.», «р-н Абатский» for «Абатский муниципальный район»).
 * `planted-changes.csv` lists what a change report must find, nothing more.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import { CsvFileWriter } from './csv.ts';
import { writeGisHouses, type GisRow } from './gis-houses.ts';
import type { DemoHouse, Settlement } from './model.ts';
import type { Suppliers } from './organisations.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';
import { writeHouses } from './reference-files.ts';

export const UPDATE_DIR = 'reference-update';

/** One line of planted-changes.csv: a field changed (values as a change report gives them), or a house added or removed. */
export interface PlantedChange {
  fias: string;
  change: 'field' | 'added' | 'removed' | 'group';
  source: 'houses' | 'gis_houses' | '';
  field: string;
  before: string;
  after: string;
}

const area = (x: number): string => scaledToDecimal(x, 2);

/** Changes the house at most once per kind, records what a report should say. */
class Update {
  readonly planted: PlantedChange[] = [];
  field(h: DemoHouse, source: 'houses' | 'gis_houses', field: string, before: string, after: string): void {
    this.planted.push({ fias: h.fiasId, change: 'field', source, field, before, after });
  }
  whole(h: DemoHouse, change: 'added' | 'removed' | 'group'): void {
    this.planted.push({ fias: h.fiasId, change, source: '', field: '', before: '', after: '' });
  }
}

function newHouse(index: number, settlement: Settlement, k: number, params: DemoParams, rng: Rng, taken: Set<string>): DemoHouse {
  let fiasId = rng.guid();
  while (taken.has(fiasId)) fiasId = rng.guid();
  taken.add(fiasId);
  const d = settlement.district;
  const place = d.kind === 'город' ? d.addressPart : `${d.addressPart}, ${settlement.name}`;
  const flats = rng.int(40, 160);
  return {
    index, fiasId, settlement, type: 'МКД', built: `${params.calendar.lastMonth}-${String(rng.int(1, 28)).padStart(2, '0')}`, shown: 'date',
    area: Math.round(flats * rng.range(40, 60) * 100), residents: 0, heating: 'центральное', services: [],
    address: `${params.region.addressPrefix}, ${place}, мкр. Новый, д. ${k + 1}`,
  };
}

/**
 * Writes `reference-update/` — houses.csv and gis_houses.csv of the later version, with copies of house_services.csv
 * and mo_rates.csv (`sverka gis-diff` reads them from --after) — and planted-changes.csv. Returns the files' sizes.
 */
export function writeHouseUpdate(
  outDir: string, houses: readonly DemoHouse[], gis: readonly GisRow[], suppliers: Suppliers, params: DemoParams, rng: Rng,
): { files: { path: string; kind: 'houses_update' | 'gis_houses_update' | 'house_services_update' | 'mo_rates_update' | 'planted_changes'; bytes: number }[]; planted: PlantedChange[] } {
  const p = params.houseUpdate;
  const dir = join(outDir, UPDATE_DIR);
  mkdirSync(dir, { recursive: true });
  const u = new Update();
  const gisOf = new Map(gis.map((g) => [g.house, g]));
  const later: DemoHouse[] = [];
  const laterGis: GisRow[] = [];
  const districtText = new Map<DemoHouse, string>();
  // demolished: houses no РСО reports (the registries that name a house keep it known to check 1)
  const reported = (h: DemoHouse) => h.services.some((s) => suppliers.coverageOf(h, s)?.registries);
  const candidates = houses.filter((h) => !reported(h));
  const demolished = new Set(rng.shuffled(candidates).slice(0, Math.max(1, Math.round(houses.length * p.demolishedShare))));

  for (const h0 of houses) {
    const g0 = gisOf.get(h0);
    if (demolished.has(h0)) {
      u.whole(h0, 'removed');
      continue;
    }
    const h: DemoHouse = { ...h0 };
    const g: GisRow | undefined = g0 ? { ...g0, house: h } : undefined;
    let moved = false;
    // central heating replaced by the house's own boilers: another standards group
    if (h.heating === 'центральное' && rng.chance(p.heatingReplaced)) {
      h.heating = h.settlement.gasified ? 'индивидуальное газовое' : 'электрическое';
      u.field(h, 'houses', 'heating_type', h0.heating, h.heating);
      if (g && g.heating === h0.heating) {
        g.heating = h.heating;
        u.field(h, 'gis_houses', 'heating_types', h0.heating, h.heating);
      }
      moved = true;
    }
    // the register corrected to the house type ГИС ЖКХ has
    if (g && g.type !== h.type && rng.chance(p.typeCorrected)) {
      u.field(h, 'houses', 'house_type', h.type, g.type);
      h.type = g.type;
      moved = true;
    }
    if (moved) u.whole(h, 'group');
    // residents moved in or out: ГИС ЖКХ knows first, the register follows for some
    if (g && rng.chance(p.residentsMoved)) {
      const change = rng.int(1, Math.max(1, Math.round(Math.max(g.residents, 5) * 0.15)));
      const next = g.residents > change && rng.chance(0.5) ? g.residents - change : g.residents + change;
      u.field(h, 'gis_houses', 'residents', String(g.residents), String(next));
      g.residents = next;
      if (rng.chance(p.registerFollows) && h.residents !== next) {
        u.field(h, 'houses', 'residents', String(h.residents), String(next));
        h.residents = next;
      }
    }
    // an area re-measured in ГИС ЖКХ, which the register had right: the area check now passes
    if (g && g.area !== h.area && rng.chance(p.areaRemeasured)) {
      u.field(h, 'gis_houses', 'area', area(g.area), area(h.area));
      g.area = h.area;
    }
    // typed another way: no change for a report that compares as the checks do
    if (rng.chance(p.retyped)) {
      h.address = h.address.replace(/\./g, '');
      if (h.settlement.district.kind === 'район') districtText.set(h, `р-н ${h.settlement.district.name}`);
    }
    later.push(h);
    if (g) laterGis.push(g);
  }
  const cities = houses.map((h) => h.settlement).filter((s, i, all) => s.cls === 'город' && all.indexOf(s) === i);
  const taken = new Set(houses.map((h) => h.fiasId));
  const added = Math.max(1, Math.round(houses.length * p.newShare));
  for (let k = 0; k < added; k++) {
    const h = newHouse(houses.length + k, rng.pick(cities), k, params, rng, taken);
    u.whole(h, 'added');
    later.push(h);
    laterGis.push({ house: h, type: h.type, area: h.area, residents: h.residents, heating: h.heating });
  }

  const files: ReturnType<typeof writeHouseUpdate>['files'] = [
    { path: `${UPDATE_DIR}/houses.csv`, kind: 'houses_update', bytes: writeHouses(dir, later, (h) => districtText.get(h)) },
    { path: `${UPDATE_DIR}/gis_houses.csv`, kind: 'gis_houses_update', bytes: writeGisHouses(dir, laterGis) },
  ];
  for (const [name, kind] of [['house_services.csv', 'house_services_update'], ['mo_rates.csv', 'mo_rates_update']] as const) {
    copyFileSync(join(outDir, 'reference', name), join(dir, name));
    files.push({ path: `${UPDATE_DIR}/${name}`, kind, bytes: statSync(join(dir, name)).size });
  }
  const w = new CsvFileWriter(join(dir, 'planted-changes.csv'), ['fias_id', 'change', 'source', 'field', 'before', 'after']);
  for (const c of u.planted) w.row([c.fias, c.change, c.source, c.field, c.before, c.after]);
  files.push({ path: `${UPDATE_DIR}/planted-changes.csv`, kind: 'planted_changes', bytes: w.close() });
  return { files, planted: u.planted };
}
