/**
 * What each house is charged (house_services.csv): the preferential tariff of the decision in force in the
 * last month, the consumption norm and its unit. Norms are set per district and house type, so houses of a
 * district share them and group into a few standards. A few houses carry the errors the house checks look
 * for: a service without a БПТР decision, one under an id БПТР does not know (a mistyped id with an extra
 * digit), and the same service twice.
 */
import { join } from 'node:path';
import type { Month } from './calendar.ts';
import { CsvFileWriter } from './csv.ts';
import { rub, scaled } from './format.ts';
import type { DemoHouse, ServiceCode } from './model.ts';
import type { Suppliers } from './organisations.ts';
import type { DemoParams, NormParams } from './params.ts';
import { hashLabels, type Rng } from './prng.ts';
import type { TariffBook } from './tariffs.ts';

function normFor(house: DemoHouse, service: ServiceCode, params: DemoParams, seed: number): { value: string; spec: NormParams } {
  const heatingGas = service === 'Газ' && house.heating === 'индивидуальное газовое';
  const spec = params.services.norms[heatingGas ? 'Газ-отопление' : service];
  const u = hashLabels(seed, 'norm', house.settlement.district.index, house.type, service, heatingGas ? 1 : 0) / 4294967296;
  const scale = spec.range[1] < 1 ? 4 : 2;
  const value = Math.round((spec.range[0] + (spec.range[1] - spec.range[0]) * u) * 10 ** scale);
  return { value: scaled(value, scale), spec };
}

/** house_services.csv; returns its size in bytes. */
export function writeHouseServices(
  dir: string, houses: readonly DemoHouse[], suppliers: Suppliers, tariffs: TariffBook, month: Month, params: DemoParams, seed: number, rng: Rng,
): number {
  const p = params.referenceErrors.houseServices;
  const w = new CsvFileWriter(join(dir, 'house_services.csv'), ['fias_id', 'service', 'tariff', 'decision_id', 'norm', 'norm_unit', 'heating_only']);
  for (const h of houses) {
    if (h.built > month.lastDay) continue; // not yet in use
    const unbound = rng.chance(p.withoutDecision) ? rng.pick(h.services) : null;
    const doubled = rng.chance(p.duplicateService) ? rng.pick(h.services) : null;
    const mistyped = rng.chance(p.unknownDecision) ? rng.pick(h.services) : null;
    for (const service of h.services) {
      const c = suppliers.coverageOf(h, service);
      const decision = c ? tariffs.decisionFor(c.org, service, h, month, h.shown === 'none' ? null : h.built) : undefined;
      if (!decision) continue;
      const { value, spec } = normFor(h, service, params, seed);
      const id = service === unbound ? '' : service === mistyped ? `${decision.id}0` : decision.id;
      const row = [h.fiasId, service, rub(decision.lt), id, value, spec.unit, spec.heatingOnly ? 'да' : 'нет'];
      w.row(row);
      // The second line of a doubled service is typically last period's tariff left in the billing system.
      if (service === doubled) w.row([...row.slice(0, 2), rub(Math.round(decision.lt / 1.099)), ...row.slice(3)]);
    }
  }
  return w.close();
}
