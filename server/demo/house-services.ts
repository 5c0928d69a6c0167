/**
 * What each house is charged (house_services.csv): the preferential tariff of the decision in force in the
 * last month, the consumption norm and its unit. Norms are set per district and house type, so houses of a
 * district share them and group into a few standards; the ВО norm is the ХВС norm plus the ГВС norm of the
 * house. A few houses carry the errors the house checks look for: a service without a БПТР decision, one under
 * an id БПТР does not know (a mistyped id with an extra digit), the same service twice, and a ВО norm that is not
 * the sum of the water norms.
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

function normFor(house: DemoHouse, service: ServiceCode, params: DemoParams, seed: number): { value: number; scale: number; spec: NormParams } {
  const heatingGas = service === 'Газ' && house.heating === 'индивидуальное газовое';
  const spec = params.services.norms[heatingGas ? 'Газ-отопление' : service];
  const u = hashLabels(seed, 'norm', house.settlement.district.index, house.type, service, heatingGas ? 1 : 0) / 4294967296;
  const scale = spec.range[1] < 1 ? 4 : 2;
  const value = Math.round((spec.range[0] + (spec.range[1] - spec.range[0]) * u) * 10 ** scale);
  return { value, scale, spec };
}

/** A house whose ВО norm breaks the link with ХВС + ГВС, as the house check should report it. */
export interface UnlinkedNorm {
  fias: string;
  description: string;
}

/**
 * house_services.csv; returns its size in bytes and the houses whose ВО norm was planted off the sum of ХВС and
 * ГВС where the house check can see it (one line of each; the others are skipped by the check).
 */
export function writeHouseServices(
  dir: string, houses: readonly DemoHouse[], suppliers: Suppliers, tariffs: TariffBook, month: Month, params: DemoParams, seed: number, rng: Rng,
): { bytes: number; unlinked: UnlinkedNorm[] } {
  const p = params.referenceErrors.houseServices;
  const w = new CsvFileWriter(join(dir, 'house_services.csv'), ['fias_id', 'service', 'tariff', 'decision_id', 'norm', 'norm_unit', 'heating_only']);
  const unlinked: UnlinkedNorm[] = [];
  for (const h of houses) {
    if (h.built > month.lastDay) continue; // not yet in use
    const unbound = rng.chance(p.withoutDecision) ? rng.pick(h.services) : null;
    const doubled = rng.chance(p.duplicateService) ? rng.pick(h.services) : null;
    const mistyped = rng.chance(p.unknownDecision) ? rng.pick(h.services) : null;
    const stale = h.services.includes('ВО') && rng.chance(p.voNormUnlinked);
    // norms of the water lines written so far (the order is ХВС, ГВС, ВО), in units of the norm's scale
    const written = new Map<ServiceCode, { norm: number; lines: number }>();
    for (const service of h.services) {
      const c = suppliers.coverageOf(h, service);
      const decision = c ? tariffs.decisionFor(c.org, service, h, month, h.shown === 'none' ? null : h.built) : undefined;
      if (!decision) continue;
      const own = normFor(h, service, params, seed);
      let norm = own.value;
      const cold = written.get('ХВС');
      let planted: string | null = null;
      if (service === 'ВО' && cold) {
        // sewerage is the water that flows in: its norm is the cold and hot water norms together
        const sum = cold.norm + (written.get('ГВС')?.norm ?? 0);
        norm = sum;
        if (stale) {
          // the district's old ВО norm left in billing after the water norms were revised
          norm = own.value === sum ? sum + 10 : own.value;
          planted = `норматив ВО ${scaled(norm, own.scale)} при ХВС + ГВС ${scaled(sum, own.scale)}`;
        }
      }
      const id = service === unbound ? '' : service === mistyped ? `${decision.id}0` : decision.id;
      const row = [h.fiasId, service, rub(decision.lt), id, scaled(norm, own.scale), own.spec.unit, own.spec.heatingOnly ? 'да' : 'нет'];
      w.row(row);
      // The second line of a doubled service is typically last period's tariff left in the billing system.
      if (service === doubled) w.row([...row.slice(0, 2), rub(Math.round(decision.lt / 1.099)), ...row.slice(3)]);
      written.set(service, { norm, lines: service === doubled ? 2 : 1 });
      const seen = (s: ServiceCode) => written.get(s)?.lines ?? 0;
      if (planted && seen('ВО') === 1 && seen('ХВС') === 1 && seen('ГВС') <= 1) unlinked.push({ fias: h.fiasId, description: planted });
    }
  }
  return { bytes: w.close(), unlinked };
}
