import { describe, expect, it } from 'vitest';
import { checkHouse, type HouseCheckId, type HouseCheckInput } from './house-checks.ts';
import { gis, house, service } from './testing.ts';

const bptrIds = new Set(['ID_ХВС', 'ID_ТС']);
const input = (over: Partial<HouseCheckInput> = {}): HouseCheckInput => ({
  house: house(1), gis: gis(1), services: [service(1, 'ХВС', 300_000, 50_000), service(1, 'ТС', 20_000_000, 200)],
  bptrIds, hasMoRates: true, areaTolerance: 100, ...over,
});
const verdict = (i: HouseCheckInput, id: HouseCheckId) => checkHouse(i).find((c) => c.id === id);

describe('house checks against ГИС ЖКХ', () => {
  it('a consistent house passes every check', () => {
    const water = [service(1, 'ХВС', 300_000, 50_000), service(1, 'ГВС', 2_000_000, 30_000), service(1, 'ВО', 250_000, 80_000), service(1, 'ТС', 20_000_000, 200)];
    expect(checkHouse(input({ services: water.map((s) => ({ ...s, decision_id: 'ID_ХВС' })) })).map((c) => c.status)).toEqual(Array(8).fill('passed'));
  });

  it('house type', () => {
    expect(verdict(input({ gis: gis(1, { house_type: 'ЖД' }) }), 'house_type')).toEqual({ id: 'house_type', status: 'failed', reason: 'Тип дома в ГИС ЖКХ «ЖД», в реестре «МКД»' });
    expect(verdict(input({ gis: gis(1, { house_type: null }) }), 'house_type')?.status).toBe('skipped');
  });

  it('area within 1% of ГИС ЖКХ passes, beyond fails, exactly 1% passes', () => {
    expect(verdict(input({ gis: gis(1, { area: 252_500 }), house: house(1, { area: 250_000 }) }), 'area')?.status).toBe('passed'); // 0.99%
    expect(verdict(input({ gis: gis(1, { area: 250_000 }), house: house(1, { area: 252_500 }) }), 'area')?.status).toBe('passed'); // exactly 1%
    const off = verdict(input({ gis: gis(1, { area: 250_000 }), house: house(1, { area: 252_501 }) }), 'area');
    expect(off?.status).toBe('failed');
    expect(off?.reason).toBe('Площадь в ГИС ЖКХ 2500,00 м², в реестре 2525,01 м²: расхождение больше 1%');
    expect(verdict(input({ house: house(1, { area: null }) }), 'area')?.status).toBe('skipped');
  });

  it('residents', () => {
    expect(verdict(input({ gis: gis(1, { residents: 99 }) }), 'residents')).toMatchObject({ status: 'failed', reason: 'Проживающих в ГИС ЖКХ 99, в реестре 100' });
    expect(verdict(input({ gis: gis(1, { residents: null }) }), 'residents')?.status).toBe('skipped');
  });

  it('more than one heating type', () => {
    expect(verdict(input({ gis: gis(1, { heating_types: 'центральное, печное' }) }), 'heating')).toMatchObject({ status: 'failed', reason: 'В ГИС ЖКХ указано несколько типов отопления: центральное, печное' });
    expect(verdict(input({ gis: gis(1, { heating_types: null }) }), 'heating')?.status).toBe('skipped');
  });

  it('a house absent from ГИС ЖКХ skips the four comparisons with that reason', () => {
    const checks = checkHouse(input({ gis: undefined }));
    expect(checks.slice(0, 4).map((c) => [c.status, c.reason])).toEqual(Array(4).fill(['skipped', 'Дом не найден в выгрузке ГИС ЖКХ']));
  });

  it('services without a БПТР link or with an id not in БПТР', () => {
    const unbound = verdict(input({ services: [service(1, 'ХВС', 1, 1, { decision_id: null }), service(1, 'ТС', 1, 1, { decision_id: 'ID_1' })] }), 'bptr');
    expect(unbound?.status).toBe('failed');
    expect(unbound?.reason).toBe('В доме есть тарифы без привязки к БПТР (без ID решения: ХВС; ID нет в БПТР: ТС (ID_1))');
    expect(verdict(input({ services: [] }), 'bptr')?.status).toBe('skipped');
  });

  it('the same service twice', () => {
    const twice = verdict(input({ services: [service(1, 'ХВС', 300_000, 50_000), service(1, 'ХВС', 273_000, 50_000)] }), 'duplicates');
    expect(twice).toMatchObject({ status: 'failed', reason: 'В доме есть дубликаты услуг за один период: ХВС' });
  });

  it('no mo_rates row', () => {
    expect(verdict(input({ hasMoRates: false }), 'mo_rates')?.status).toBe('failed');
  });
});

describe('Норматив ВО не равен сумме нормативов ХВС и ГВС', () => {
  const vo = (services: HouseCheckInput['services']) => verdict(input({ services }), 'vo_norm');
  const cold = service(1, 'ХВС', 300_000, 50_000);
  const hot = service(1, 'ГВС', 2_000_000, 30_000);

  it('passes when the ВО norm is the ХВС norm plus the ГВС norm, exactly', () => {
    expect(vo([cold, hot, service(1, 'ВО', 250_000, 80_000)])).toEqual({ id: 'vo_norm', status: 'passed', reason: '' });
    expect(vo([cold, hot, service(1, 'ВО', 250_000, 80_001)])).toEqual({
      id: 'vo_norm', status: 'failed', reason: 'Норматив ВО 8,0001 на чел. не равен сумме ХВС 5,00 + ГВС 3,00 = 8,00',
    });
  });

  it('counts a missing ГВС line as zero', () => {
    expect(vo([cold, service(1, 'ВО', 250_000, 50_000)])?.status).toBe('passed');
    expect(vo([cold, service(1, 'ВО', 250_000, 80_000)])?.reason).toBe('Норматив ВО 8,00 на чел. не равен сумме ХВС 5,00 (ГВС нет) = 5,00');
  });

  it('fails norms in different units', () => {
    const r = vo([cold, hot, service(1, 'ВО', 250_000, 80_000, { norm_unit: 'м2' })]);
    expect(r?.status).toBe('failed');
    expect(r?.reason).toMatch(/^Разные единицы нормативов: ВО на м², ХВС на чел\., ГВС на чел\.$/);
    expect(vo([cold, service(1, 'ГВС', 1, 30_000, { norm_unit: 'м2' }), service(1, 'ВО', 250_000, 80_000)])?.reason).toMatch(/разные единицы нормативов/i);
  });

  it('is skipped without a ВО line, without an ХВС line, or with one of the three twice', () => {
    expect(vo([cold, hot])).toEqual({ id: 'vo_norm', status: 'skipped', reason: 'В доме нет норматива ВО' });
    expect(vo([hot, service(1, 'ВО', 250_000, 30_000)])).toEqual({ id: 'vo_norm', status: 'skipped', reason: 'В доме нет норматива ХВС' });
    expect(vo([cold, cold, service(1, 'ВО', 250_000, 50_000)])?.reason).toBe('Услуга указана дважды: ХВС');
    expect(vo([cold, hot, hot, service(1, 'ВО', 1, 1)])?.status).toBe('skipped');
    expect(vo([cold, service(1, 'ВО', 1, 50_000), service(1, 'ВО', 2, 50_000)])?.reason).toBe('Услуга указана дважды: ВО');
  });
});
