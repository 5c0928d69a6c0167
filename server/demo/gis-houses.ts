/**
 * The ГИС ЖКХ extract: the same houses as the register, with the discrepancies a real extract has — another
 * house type, an area off by more than 1%, other residents, two heating types, some houses absent.
 */
import { join } from 'node:path';
import { CsvFileWriter } from './csv.ts';
import { scaled } from './format.ts';
import type { DemoHouse, HouseType } from './model.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';

export const HEATING_TYPES = ['центральное', 'индивидуальное газовое', 'печное', 'электрическое'];

/** One house of the extract; area m² × 100. */
export interface GisRow {
  house: DemoHouse;
  type: HouseType;
  area: number;
  residents: number;
  /** comma separated, as the extract writes it */
  heating: string;
}

/** The extract's houses, in the register's order. */
export function buildGisHouses(houses: readonly DemoHouse[], params: DemoParams, rng: Rng): GisRow[] {
  const p = params.referenceErrors.gis;
  const out: GisRow[] = [];
  for (const h of houses) {
    if (rng.chance(p.missing)) continue;
    const type = rng.chance(p.otherType) ? (h.type === 'МКД' ? 'ЖД' : 'МКД') : h.type;
    let area = h.area;
    if (rng.chance(p.areaOff)) area = Math.round(h.area * (1 + (rng.chance(0.5) ? 1 : -1) * rng.range(0.02, 0.25)));
    else if (rng.chance(p.areaNoiseWithin1pct)) area = Math.round(h.area * (1 + rng.range(-0.009, 0.009)));
    let residents = h.residents;
    if (rng.chance(p.otherResidents)) {
      const change = rng.int(1, Math.max(1, Math.round(h.residents * 0.2)));
      residents = residents > change && rng.chance(0.5) ? residents - change : residents + change;
    }
    let heating = h.heating;
    if (rng.chance(p.twoHeatingTypes)) heating = `${h.heating}, ${rng.pick(HEATING_TYPES.filter((t) => t !== h.heating))}`;
    out.push({ house: h, type, area, residents, heating });
  }
  return out;
}

/** gis_houses.csv; returns its size in bytes. */
export function writeGisHouses(dir: string, rows: readonly GisRow[]): number {
  const w = new CsvFileWriter(join(dir, 'gis_houses.csv'), ['fias_id', 'house_type', 'area', 'residents', 'heating_types']);
  for (const g of rows) w.row([g.house.fiasId, g.type, scaled(g.area, 2), String(g.residents), g.heating]);
  return w.close();
}
