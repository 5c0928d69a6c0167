import { describe, expect, it } from 'vitest';
import { diffHouseData, type HouseDataVersion } from './house-changes.ts';
import { gis, guid, house, moRate, service } from './testing.ts';

const params = { normativeArea: { '1': 3300, '2': 2100, '3': 1800 } } as const;
const shared = {
  services: [1, 2, 3, 4].flatMap((i) => [service(i, 'ХВС', 300_000, 50_000), service(i, 'ТС', 20_000_000, 200)]),
  moRates: [moRate(), moRate({ house_type: 'ЖД', maintenance: 1500 })],
};
const BEFORE: HouseDataVersion = { houses: [house(1), house(2), house(3)], gis: [gis(1), gis(2), gis(3)] };
const diff = (after: HouseDataVersion, before = BEFORE) => diffHouseData(before, after, shared, params);

describe('changes of house data', () => {
  it('reports nothing for the same data written differently', () => {
    const after: HouseDataVersion = {
      houses: [
        house(1, { address: 'Г. ИШИМ,  УЛ. ЛЕНИНА, Д. 1', municipal_district: 'ГОРОД  ИШИМ', area: 250_000 }),
        house(2, { settlement: 'г Ишим', heating_type: 'Центральное' }),
        house(3, { fias_id: guid(3).toUpperCase() }),
      ],
      gis: [gis(1), gis(2, { heating_types: 'центральное' }), gis(3)],
    };
    expect(diff(after)).toMatchObject({ houses: [], summary: { houses_changed: 0, added: 0, removed: 0, groups_changed: 0 } });
    // ГИС ЖКХ heating types are a set: order, case and repeats do not matter
    const two = { houses: BEFORE.houses, gis: [gis(1, { heating_types: 'печное, центральное' }), gis(2), gis(3)] };
    expect(diff({ ...two, gis: [gis(1, { heating_types: 'Центральное,печное, печное' }), gis(2), gis(3)] }, two).houses).toEqual([]);
  });

  it('lists each changed field old → new in the normalised form, empty as null', () => {
    const after: HouseDataVersion = {
      houses: [house(1, { area: 100_050, residents: 120 }), house(2, { commissioned: null }), house(3)],
      gis: [gis(1, { area: 100_050 }), gis(2, { heating_types: 'печное, центральное' }), gis(3, { residents: null })],
    };
    const r = diff(after);
    expect(r.houses).toEqual([
      {
        fias_id: guid(1), added: false, removed: false, group_changed: false,
        changes: [
          { source: 'houses', field: 'area', before: '2500.00', after: '1000.50' },
          { source: 'houses', field: 'residents', before: '100', after: '120' },
          { source: 'gis_houses', field: 'area', before: '2500.00', after: '1000.50' },
        ],
      },
      {
        fias_id: guid(2), added: false, removed: false, group_changed: false,
        changes: [
          { source: 'houses', field: 'commissioned', before: '1985-01-01', after: null },
          { source: 'gis_houses', field: 'heating_types', before: 'центральное', after: 'печное, центральное' },
        ],
      },
      { fias_id: guid(3), added: false, removed: false, group_changed: false, changes: [{ source: 'gis_houses', field: 'residents', before: '100', after: null }] },
    ]);
    expect(r.summary).toEqual({ houses_changed: 3, added: 0, removed: 0, groups_changed: 0 });
  });

  it('marks a house whose standards group moved, with both groups', () => {
    const after: HouseDataVersion = { houses: [house(1, { heating_type: 'печное' }), house(2, { house_type: 'ЖД' }), house(3, { address: 'г. Ишим, ул. Мира, д. 3' })], gis: BEFORE.gis };
    const r = diff(after);
    expect(r.houses.map((h) => [h.fias_id, h.group_changed, h.changes.map((c) => c.field)])).toEqual([
      [guid(1), true, ['heating_type']],
      [guid(2), true, ['house_type']],
      [guid(3), false, ['address']],
    ]);
    expect(r.summary.groups_changed).toBe(2);
    const before = r.groups.before.houses.get(guid(2));
    const now = r.groups.after.houses.get(guid(2));
    expect(before).not.toBe(now);
    expect(r.groups.after.groups.find((g) => g.id === now)?.key).toMatchObject({ house_type: 'ЖД' });
  });

  it('marks houses added to and removed from a file; a house new to ГИС ЖКХ alone is added there', () => {
    const after: HouseDataVersion = { houses: [house(1), house(2), house(4)], gis: [gis(1), gis(2), gis(4)] };
    const r = diff(after);
    expect(r.houses).toEqual([
      { fias_id: guid(3), added: false, removed: true, changes: [], group_changed: false },
      { fias_id: guid(4), added: true, removed: false, changes: [], group_changed: false },
    ]);
    expect(r.summary).toEqual({ houses_changed: 0, added: 1, removed: 1, groups_changed: 0 });
    const gisOnly = diff({ houses: BEFORE.houses, gis: [gis(1), gis(2)] }, { houses: BEFORE.houses, gis: [gis(1)] });
    expect(gisOnly.houses).toEqual([{ fias_id: guid(2), added: true, removed: false, changes: [], group_changed: false }]);
  });
});
