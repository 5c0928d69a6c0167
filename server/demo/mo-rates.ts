/**
 * Municipal rates for the cost standard (mo_rates.csv): maintenance, capital repair and rent per m², per
 * district and house type, with separate rows for some district centres.
 */
import { join } from 'node:path';
import { CsvFileWriter } from './csv.ts';
import { rub, toKopecks } from './format.ts';
import type { District, HouseType } from './model.ts';
import type { DemoParams, Range } from './params.ts';
import type { Rng } from './prng.ts';

const TYPES: HouseType[] = ['МКД', 'ЖД'];

/** mo_rates.csv; returns its size in bytes. */
export function writeMoRates(dir: string, districts: readonly District[], params: DemoParams, rng: Rng): number {
  const p = params.moRates;
  const w = new CsvFileWriter(join(dir, 'mo_rates.csv'), ['municipal_district', 'settlement', 'house_type', 'maintenance', 'capital_repair', 'rent']);
  const rate = (r: Range): string => rub(toKopecks(rng.range(r[0], r[1])));
  for (const d of districts) {
    const centre = d.settlements.find((s) => s.cls === 'centre');
    const places = ['все', ...(centre && rng.chance(p.settlementOverrideShare) ? [centre.name] : [])];
    for (const place of places) {
      for (const t of TYPES) w.row([d.fullName, place, t, rate(p.maintenance[t]), rate(p.capitalRepair[t]), rate(p.rent[t])]);
    }
  }
  return w.close();
}
