import { describe, expect, it } from 'vitest';
import { standardParamsTemplate } from '../../templates/index.ts';
import { computeStandards, housingRate, serviceSums, standardPerMember } from './standard.ts';
import { computeStandardSet, StandardsModel } from './model.ts';
import { standardParams } from './params.ts';
import { house, moRate, service } from './testing.ts';
import type { ServiceLine } from './types.ts';

const params = standardParams(standardParamsTemplate);
const none = { maintenance: 0, capital_repair: 0, rent: 0 };

describe('standard per member (DOMAIN.md)', () => {
  it('maintenance 2.43 руб./м² gives 80.19 / 51.03 / 43.74', () => {
    const s = computeStandards({ maintenance: 243, capital_repair: 0, rent: 0 }, [], params);
    expect([s.owner_no_kr['1'].heating, s.owner_no_kr['2'].heating, s.owner_no_kr['3'].heating]).toEqual([8019, 5103, 4374]);
    expect(s.owner_no_kr['2'].non_heating).toBe(5103);
  });

  it('heating 647.06 руб./Гкал × 0.017 Гкал/м² gives 363.00 / 231.00 / 198.00, and 0 outside the heating period', () => {
    const ts: ServiceLine = { service: 'ТС', tariff: 6_470_600, norm: 170, norm_unit: 'м2', heating_only: true };
    const s = computeStandards(none, [ts], params);
    expect([s.tenant['1'].heating, s.tenant['2'].heating, s.tenant['3'].heating]).toEqual([36300, 23100, 19800]);
    expect([s.tenant['1'].non_heating, s.tenant['2'].non_heating, s.tenant['3'].non_heating]).toEqual([0, 0, 0]);
  });

  it('a hand-computed group: every category, family size and period', () => {
    // rates 20 / 10 / 3 руб./м²; ХВС 30 × 5 per person; ТС 2000 × 0.02 per m², heating only; ЭЭ 5.5 × 100 per person
    const lines: ServiceLine[] = [
      { service: 'ХВС', tariff: 300_000, norm: 50_000, norm_unit: 'чел', heating_only: false },
      { service: 'ТС', tariff: 20_000_000, norm: 200, norm_unit: 'м2', heating_only: true },
      { service: 'ЭЭ', tariff: 55_000, norm: 1_000_000, norm_unit: 'чел', heating_only: false },
    ];
    const s = computeStandards({ maintenance: 2000, capital_repair: 1000, rent: 300 }, lines, params);
    // tenant: S·23 + S·40 (heating) + 150 + 550
    expect(s.tenant['1']).toEqual({ heating: 277_900, non_heating: 145_900 }); // 759 + 1320 + 700 ; 759 + 700
    expect(s.tenant['2']).toEqual({ heating: 202_300, non_heating: 118_300 }); // 483 + 840 + 700
    expect(s.tenant['3']).toEqual({ heating: 183_400, non_heating: 111_400 }); // 414 + 720 + 700
    expect(s.owner['2']).toEqual({ heating: 217_000, non_heating: 133_000 }); // 630 + 840 + 700
    expect(s.owner_no_kr['3']).toEqual({ heating: 178_000, non_heating: 106_000 }); // 360 + 720 + 700
  });

  it('rounds half up only at the end', () => {
    // 1.0000 руб. × 0.0050 per person = 0.005 руб. → 0.01; two such services 0.010 → 0.01, not 0.02
    const half = { service: 'ХВС', tariff: 10_000, norm: 50, norm_unit: 'чел' as const, heating_only: false };
    expect(standardPerMember(3300, 0, serviceSums([half], 'heating'))).toBe(1);
    expect(standardPerMember(3300, 0, serviceSums([half, { ...half, service: 'ГВС' }], 'heating'))).toBe(1);
    expect(standardPerMember(3300, 0, serviceSums([{ ...half, norm: 49 }], 'heating'))).toBe(0);
  });

  it('housing by category', () => {
    const r = { maintenance: 2000, capital_repair: 1000, rent: 300 };
    expect([housingRate('tenant', r), housingRate('owner', r), housingRate('owner_no_kr', r)]).toEqual([2300, 3000, 2000]);
  });
});

describe('grouping', () => {
  const houses = [1, 2, 3, 4].map((i) => house(i));
  const base = (i: number) => [service(i, 'ХВС', 300_000, 50_000), service(i, 'ТС', 20_000_000, 200)];

  it('houses with the same services share a group; the order of lines does not matter', () => {
    const set = computeStandardSet({ houses: houses.slice(0, 2), services: [...base(1), ...base(2).reverse()], moRates: [moRate()] }, params);
    expect(set.groups).toHaveLength(1);
    expect(set.groups[0]?.houses).toBe(2);
    expect(set.houses.get(houses[0]!.fias_id)).toBe(set.groups[0]?.id);
  });

  it('a differing tariff, norm, unit, heating_only or an extra service makes another group', () => {
    const variants = [
      [service(2, 'ХВС', 300_001, 50_000), service(2, 'ТС', 20_000_000, 200)],
      [service(3, 'ХВС', 300_000, 50_001), service(3, 'ТС', 20_000_000, 200)],
      [service(4, 'ХВС', 300_000, 50_000), service(4, 'ТС', 20_000_000, 200, { heating_only: 'нет' })],
      [...base(5), service(5, 'ЭЭ', 55_000, 1_000_000)],
      [service(6, 'ХВС', 300_000, 50_000, { norm_unit: 'м2' }), service(6, 'ТС', 20_000_000, 200)],
    ];
    const hs = [1, 2, 3, 4, 5, 6].map((i) => house(i));
    const set = computeStandardSet({ houses: hs, services: [...base(1), ...variants.flat()], moRates: [moRate()] }, params);
    expect(set.groups).toHaveLength(6);
  });

  it('district, house type and heating type split groups; the settlement only when mo_rates differ by settlement', () => {
    const hs = [
      house(1), house(2, { settlement: 'с. Другое' }), house(3, { house_type: 'ЖД' }), house(4, { heating_type: 'печное' }),
      house(5, { municipal_district: 'Абатский муниципальный район' }),
    ];
    const services = hs.map((_, i) => base(i + 1)).flat();
    const rates = [moRate(), moRate({ house_type: 'ЖД' }), moRate({ municipal_district: 'Абатский район' })];
    const one = computeStandardSet({ houses: hs, services, moRates: rates }, params);
    expect(one.houses.get(hs[0]!.fias_id)).toBe(one.houses.get(hs[1]!.fias_id)); // same district row `все`
    expect(one.groups).toHaveLength(4);
    const withSettlement = computeStandardSet({ houses: hs, services, moRates: [...rates, moRate({ settlement: 'с. Другое', maintenance: 2100 })] }, params);
    expect(withSettlement.houses.get(hs[0]!.fias_id)).not.toBe(withSettlement.houses.get(hs[1]!.fias_id));
    const other = withSettlement.groups.find((g) => g.id === withSettlement.houses.get(hs[1]!.fias_id));
    expect(other?.key.settlement).toBe('с. Другое');
    expect(other?.rates?.maintenance).toBe(2100);
    // «Абатский муниципальный район» and «Абатский район» are one district
    expect(one.groups.find((g) => g.id === one.houses.get(hs[4]!.fias_id))?.standards).not.toBeNull();
  });

  it('a house without mo_rates and a house with a doubled service get no standard and a reason, never a zero', () => {
    const hs = [house(1, { municipal_district: 'Неизвестный район' }), house(2)];
    const set = computeStandardSet({ houses: hs, services: [...base(1), ...base(2), service(2, 'ХВС', 273_000, 50_000)], moRates: [moRate()] }, params);
    const g1 = set.groups.find((g) => g.id === set.houses.get(hs[0]!.fias_id));
    const g2 = set.groups.find((g) => g.id === set.houses.get(hs[1]!.fias_id));
    expect(g1?.standards).toBeNull();
    expect(g1?.reason).toMatch(/Нет ставок МО/);
    expect(g2?.standards).toBeNull();
    expect(g2?.reason).toMatch(/дубликаты услуг.*ХВС/);
  });

  it('group ids depend on the key only, so the same key has the same id in another run', () => {
    const a = computeStandardSet({ houses: houses.slice(0, 1), services: base(1), moRates: [moRate()] }, params);
    const b = computeStandardSet({ houses: [house(1), house(9)], services: [...base(9), ...base(1)], moRates: [moRate()] }, params);
    expect(b.groups.map((g) => g.id)).toEqual(a.groups.map((g) => g.id));
  });

  it('editing a tariff of a group moves its houses and recomputes only that standard; an equal key merges', () => {
    const hs = [house(1), house(2), house(3)];
    const services = [...base(1), ...base(2), service(3, 'ХВС', 310_000, 50_000), service(3, 'ТС', 20_000_000, 200)];
    const model = new StandardsModel({ houses: hs, services, moRates: [moRate()] }, params);
    expect(model.groupCount).toBe(2);
    const g = model.groupOf(hs[0]!.fias_id);
    const edited = model.editService(g!.id, 'ХВС', { tariff: 310_000 });
    expect(model.groupCount).toBe(1);
    expect(edited.houses).toBe(3);
    // ХВС 31 × 5 = 155 per person instead of 150: +5.00 руб. in every standard
    expect(edited.standards?.tenant['1'].heating).toBe((g!.standards?.tenant['1'].heating ?? 0) + 500);
    expect(model.groupOf(hs[0]!.fias_id)?.id).toBe(model.groupOf(hs[2]!.fias_id)?.id);
  });
});
