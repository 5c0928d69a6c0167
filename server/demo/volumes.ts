/**
 * Monthly consumption of a house: a base from its residents or area, a seasonal swing (strong for heating),
 * and noise of a few percent. Each month's value is a pure function of (seed, house, service, month), so
 * volumes are stable month to month and any month can be recomputed without replaying the others.
 */
import type { Month } from './calendar.ts';
import type { DemoHouse, ServiceCode } from './model.ts';
import type { DemoParams } from './params.ts';
import { hashLabels, unitHash } from './prng.ts';

/** A month's consumption in integers of 10^-4 units (м³, Гкал, кВт·ч). */
export interface Volume {
  living: number;
  odn: number;
}

const SERVICE_NUMBER: Record<ServiceCode, number> = { 'ХВС': 1, 'ГВС': 2, 'ВО': 3, 'ТС': 4, 'ЭЭ': 5, 'Газ': 6 };

/** Volumes of every house for every month, drawn without state. */
export class VolumeModel {
  private readonly seed: number;

  constructor(seed: number, private readonly params: DemoParams) {
    this.seed = hashLabels(seed, 'volumes');
  }

  private u(house: DemoHouse, service: ServiceCode, draw: number): number {
    return unitHash(this.seed, house.index, SERVICE_NUMBER[service], draw);
  }

  /** The house's typical monthly consumption (units, not yet rounded). */
  private base(house: DemoHouse, service: ServiceCode): Volume {
    const v = this.params.services.volumes[service];
    const m2 = house.area / 100;
    const gasHeating = service === 'Газ' && house.heating === 'индивидуальное газовое' && v.heatingPerM2;
    const range = gasHeating ? (v.heatingPerM2 ?? v.range) : v.range;
    const per = gasHeating || v.per === 'm2' ? m2 : house.residents;
    const living = per * (range[0] + (range[1] - range[0]) * this.u(house, service, 1));
    const odnShare = v.odnShareMkd;
    const hasOdn = house.type === 'МКД' && odnShare !== undefined && house.residents > 0;
    const odn = hasOdn ? living * (odnShare[0] + (odnShare[1] - odnShare[0]) * this.u(house, service, 2)) : 0;
    return { living: living * 10_000, odn: odn * 10_000 };
  }

  /**
   * Consumption in a month: seasonal (peak in January) with a few percent of noise. Sewerage is what flowed in
   * (DOMAIN.md check 10): a house with cold water reports ВО = ХВС + ГВС of the month, exactly.
   */
  of(house: DemoHouse, service: ServiceCode, month: Month): Volume {
    if (service === 'ВО' && house.services.includes('ХВС')) {
      const cold = this.of(house, 'ХВС', month);
      const hot = house.services.includes('ГВС') ? this.of(house, 'ГВС', month) : { living: 0, odn: 0 };
      return { living: cold.living + hot.living, odn: cold.odn + hot.odn };
    }
    const b = this.base(house, service);
    const season = 1 + this.params.services.seasonAmplitude[service] * Math.cos((2 * Math.PI * (month.month - 1)) / 12);
    const noise = this.params.services.monthlyNoise;
    const draw = 100 + (month.year * 12 + month.month) * 2;
    const living = b.living * season * (1 + noise * (2 * this.u(house, service, draw) - 1));
    const odn = b.odn * season * (1 + noise * (2 * this.u(house, service, draw + 1) - 1));
    return { living: Math.round(living), odn: Math.round(odn) };
  }
}
