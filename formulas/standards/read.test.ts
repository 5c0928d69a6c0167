import { describe, expect, it } from 'vitest';
import { referenceSpecs } from '../../templates/index.ts';
import { readReference } from '../reference/read-reference.ts';
import { readCsv } from '../table/csv.ts';

const csv = (text: string) => readCsv(new TextEncoder().encode(text));
const G = '0a1b2c3d-0000-4000-8000-000000000001';

describe('house_services, mo_rates, gis_houses as reference tables', () => {
  it('reads house_services with Russian headers, exact decimals and enums; a doubled service is kept for the house check', () => {
    const r = readReference('house_services', referenceSpecs.house_services, csv(
      `Код ФИАС;Услуга;Тариф;ID БПТР;Норматив;Ед. норматива;Отопительный период\n${G.toUpperCase()};ТС;"2 848,18";ID_1;0,0230;м2;да\n${G};ТС;2591,61;;0,023;м2;да\n`,
    ), 'house_services.csv');
    expect(r.problems).toEqual([]);
    expect(r.records[0]).toEqual({ fias_id: G, service: 'ТС', tariff: 28_481_800, decision_id: 'ID_1', norm: 230, norm_unit: 'м2', heating_only: 'да' });
    expect(r.records[1]?.decision_id).toBeNull();
  });

  it('names file, row and column of every bad cell', () => {
    const r = readReference('house_services', referenceSpecs.house_services, csv(
      `fias_id;service;tariff;decision_id;norm;norm_unit;heating_only\nне-гуид;Пар;-1;ID;abc;кг;может\n`,
    ), 'hs.csv');
    const at = r.problems.map((p) => `${p.file}:${p.row}:${p.column}`);
    expect(at).toEqual(expect.arrayContaining(['hs.csv:2:fias_id', 'hs.csv:2:service', 'hs.csv:2:tariff', 'hs.csv:2:norm', 'hs.csv:2:norm_unit', 'hs.csv:2:heating_only']));
    expect(r.problems.find((p) => p.column === 'tariff')?.message).toBe('тариф не может быть отрицательным');
    expect(r.problems.find((p) => p.column === 'service')?.message).toMatch(/недопустимое значение «Пар»/);
  });

  it('mo_rates: kopecks per m², one row per district, settlement and house type', () => {
    const r = readReference('mo_rates', referenceSpecs.mo_rates, csv(
      'МР;Поселение;Тип дома;Содержание и ремонт;Капремонт;Наём\nгород Ишим;все;МКД;19,74;10,93;3,28\nгород Ишим;все;МКД;1;1;1\n',
    ), 'mo.csv');
    expect(r.records[0]).toEqual({ municipal_district: 'город Ишим', settlement: 'все', house_type: 'МКД', maintenance: 1974, capital_repair: 1093, rent: 328 });
    expect(r.problems).toEqual([expect.objectContaining({ file: 'mo.csv', row: 3, message: expect.stringMatching(/повтор записи строки 2/) })]);
  });

  it('gis_houses: optional cells may be empty, a missing required column rejects the file', () => {
    const ok = readReference('gis_houses', referenceSpecs.gis_houses, csv(`fias_id;house_type;area;residents;heating_types\n${G};;1576,33;;"центральное, печное"\n`), 'gis.csv');
    expect(ok.problems).toEqual([]);
    expect(ok.records[0]).toEqual({ fias_id: G, house_type: null, area: 157_633, residents: null, heating_types: 'центральное, печное' });
    const bad = readReference('gis_houses', referenceSpecs.gis_houses, csv('house_type;area\nМКД;1\n'), 'gis.csv');
    expect(bad.problems[0]?.message).toMatch(/нет обязательных столбцов: «Код дома по ФИАС»/);
  });
});
