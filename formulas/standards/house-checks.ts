/**
 * The house checks against ГИС ЖКХ and the house's own services (DOMAIN.md «House checks»), each passed,
 * failed or skipped with a Russian reason, plus the check that a standard can be computed at all.
 */
import type { GisHouse, House, HouseService } from '../reference/types.ts';
import { linkedNormCheck } from './linked-norm.ts';
import { duplicatedServices } from './model.ts';

export const HOUSE_CHECKS = ['house_type', 'area', 'residents', 'heating', 'bptr', 'duplicates', 'mo_rates', 'vo_norm'] as const;
export type HouseCheckId = (typeof HOUSE_CHECKS)[number];

export const HOUSE_CHECK_TITLES: Record<HouseCheckId, string> = {
  house_type: 'Тип дома совпадает с ГИС ЖКХ',
  area: 'Площадь совпадает с ГИС ЖКХ',
  residents: 'Число проживающих совпадает с ГИС ЖКХ',
  heating: 'Один тип отопления',
  bptr: 'Тарифы привязаны к БПТР',
  duplicates: 'Нет дубликатов услуг',
  mo_rates: 'Есть ставки МО',
  vo_norm: 'Норматив ВО равен сумме нормативов ХВС и ГВС',
};


export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface HouseCheck {
  id: HouseCheckId;
  status: CheckStatus;
  /** Empty when passed. */
  reason: string;
}

export interface HouseCheckInput {
  house: House;
  gis: GisHouse | undefined;
  services: readonly HouseService[];
  /** Every decision id of БПТР. */
  bptrIds: ReadonlySet<string>;
  hasMoRates: boolean;
  /** Relative tolerance of the area × 10^4 (1% = 100). */
  areaTolerance: number;
}

const passed = (id: HouseCheckId): HouseCheck => ({ id, status: 'passed', reason: '' });
const failed = (id: HouseCheckId, reason: string): HouseCheck => ({ id, status: 'failed', reason });
const skipped = (id: HouseCheckId, reason: string): HouseCheck => ({ id, status: 'skipped', reason });

const m2 = (x100: number): string => `${Math.trunc(x100 / 100)},${String(x100 % 100).padStart(2, '0')} м²`;
const pct = (x: number): string => `${(x / 100).toLocaleString('ru-RU')}%`;

export function checkHouse(i: HouseCheckInput): HouseCheck[] {
  const { house, gis } = i;
  const out: HouseCheck[] = [];
  const noGis = 'Дом не найден в выгрузке ГИС ЖКХ';

  if (!gis) out.push(skipped('house_type', noGis));
  else if (gis.house_type === null) out.push(skipped('house_type', 'В ГИС ЖКХ не указан тип дома'));
  else out.push(gis.house_type === house.house_type ? passed('house_type') : failed('house_type', `Тип дома в ГИС ЖКХ «${gis.house_type}», в реестре «${house.house_type}»`));

  if (!gis) out.push(skipped('area', noGis));
  else if (gis.area === null || house.area === null) out.push(skipped('area', gis.area === null ? 'В ГИС ЖКХ не указана площадь' : 'В реестре домов не указана площадь'));
  else {
    // |ours − ГИС| ≤ tolerance × ГИС, in integers: ГИС ЖКХ is the reference the register is checked against
    const diff = Math.abs(house.area - gis.area);
    out.push(diff * 10_000 <= i.areaTolerance * gis.area
      ? passed('area')
      : failed('area', `Площадь в ГИС ЖКХ ${m2(gis.area)}, в реестре ${m2(house.area)}: расхождение больше ${pct(i.areaTolerance)}`));
  }

  if (!gis) out.push(skipped('residents', noGis));
  else if (gis.residents === null || house.residents === null) out.push(skipped('residents', gis.residents === null ? 'В ГИС ЖКХ не указано число проживающих' : 'В реестре домов не указано число проживающих'));
  else out.push(gis.residents === house.residents ? passed('residents') : failed('residents', `Проживающих в ГИС ЖКХ ${gis.residents}, в реестре ${house.residents}`));

  if (!gis) out.push(skipped('heating', noGis));
  else {
    const types = (gis.heating_types ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (types.length === 0) out.push(skipped('heating', 'В ГИС ЖКХ не указан тип отопления'));
    else out.push(types.length > 1 ? failed('heating', `В ГИС ЖКХ указано несколько типов отопления: ${types.join(', ')}`) : passed('heating'));
  }

  if (i.services.length === 0) {
    out.push(skipped('bptr', 'У дома нет услуг в house_services'));
    out.push(skipped('duplicates', 'У дома нет услуг в house_services'));
  } else {
    const unbound = i.services.filter((s) => s.decision_id === null).map((s) => s.service);
    const unknown = i.services.filter((s) => s.decision_id !== null && !i.bptrIds.has(s.decision_id)).map((s) => `${s.service} (${s.decision_id ?? ''})`);
    const parts = [...(unbound.length ? [`без ID решения: ${unbound.join(', ')}`] : []), ...(unknown.length ? [`ID нет в БПТР: ${unknown.join(', ')}`] : [])];
    out.push(parts.length ? failed('bptr', `В доме есть тарифы без привязки к БПТР (${parts.join('; ')})`) : passed('bptr'));
    const twice = duplicatedServices(i.services);
    out.push(twice.length ? failed('duplicates', `В доме есть дубликаты услуг за один период: ${twice.join(', ')}`) : passed('duplicates'));
  }

  out.push(i.hasMoRates ? passed('mo_rates') : failed('mo_rates', `Нет ставок МО для «${house.municipal_district}», «${house.settlement}», ${house.house_type}: стандарт не рассчитан`));
  const norm = linkedNormCheck(i.services);
  out.push({ id: 'vo_norm', ...norm });
  return out;
}
