/** Small builders for the standards tests: reference records with the defaults a test does not care about. */
import type { GisHouse, House, HouseService, MoRate } from '../reference/types.ts';

export const guid = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

export const house = (i: number, over: Partial<House> = {}): House => ({
  fias_id: guid(i), address: `г. Ишим, ул. Ленина, д. ${i}`, municipal_district: 'город Ишим', oktmo: '71705000001',
  settlement: 'г. Ишим', house_type: 'МКД', commissioned: '1985-01-01', area: 250_000, residents: 100, heating_type: 'центральное', ...over,
});

export const service = (i: number, code: string, tariff: number, norm: number, over: Partial<HouseService> = {}): HouseService => ({
  fias_id: guid(i), service: code, tariff, decision_id: `ID_${code}`, norm, norm_unit: code === 'ТС' ? 'м2' : 'чел', heating_only: code === 'ТС' ? 'да' : 'нет', ...over,
});

export const moRate = (over: Partial<MoRate> = {}): MoRate => ({
  municipal_district: 'город Ишим', settlement: 'все', house_type: 'МКД', maintenance: 2000, capital_repair: 1000, rent: 300, ...over,
});

export const gis = (i: number, over: Partial<GisHouse> = {}): GisHouse => ({
  fias_id: guid(i), house_type: 'МКД', area: 250_000, residents: 100, heating_types: 'центральное', ...over,
});
