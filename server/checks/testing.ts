/** Small reference and registry files for tests of the runners (thread, CLI): real formats, real readers. */
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';

export const INN = completeInn10('720300001');
export const G = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003'];

export const housesCsv = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...G.map((g, k) => `${g};с. Абатское, ул. Ленина, д. ${k + 1};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.198${k};100;10;центральное`),
].join('\n');

export const tariffsCsv = [
  'decision_id;rso_inn;service;municipal_district;settlement;valid_from;valid_to;commissioned_from;commissioned_to;tariff_kind;eot;lt',
  `ID_1;${INN};ХВС;Абатский муниципальный район;все;01.01.2026;;;;Однотарифный;48,80;41,73`,
].join('\n');

export const organisationsCsv = ['inn;ogrn;name;status;tax_debt', `${INN};${completeOgrn('102720000001')};МУП «Вода»;действует;нет`].join('\n');

/** A registry in the unified template; `rows` are [fias, v_living, subsidy]. */
export function registryCsv(period: string, rows: [string, string, string][], service = 'Холодное водоснабжение', inn = INN): string {
  return [
    'Наименование РСО;МУП «Вода»',
    `ИНН РСО;${inn}`,
    `Услуга;${service}`,
    `Отчетный период;${period}`,
    '',
    '№ п/п;Адрес дома;Код дома по ФИАС;Дом, признак дифференциации тарифов;Территория оказания услуги;Дата ввода в эксплуатацию;ЭОТ, руб. (без НДС);Тариф, применяемый для начисления (без НДС);Потребление КУ в жилых помещениях;Потребление КУ на ОДН;Размер итоговой субсидии, руб.',
    ...rows.map(([fias, v, s], k) => `${k + 1};адрес;${fias};с -- по --;Абатский муниципальный район;;48,80;41,73;${v};0;${s}`),
  ].join('\n');
}

/**
 * A region of one long street and its March registry, for the big-registry tests and benchmarks: `rows` houses,
 * one registry row each of 1–50 units at 7,07 руб., every 100th declaring `overKopecks` more than that.
 */
export function longStreet(rows: number, overKopecks: number): { houses: string; registry: string; declaredKopecks: (k: number) => number } {
  const guid = (k: number): string => `b0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
  const declaredKopecks = (k: number): number => ((k % 50) + 1) * 707 + (k % 100 === 0 ? overKopecks : 0);
  const houses = [
    housesCsv.split('\n')[0],
    ...Array.from({ length: rows }, (_, k) => `${guid(k)};с. Абатское, ул. Длинная, д. ${k + 1};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.1980;100;10;центральное`),
  ].join('\n');
  const registry = registryCsv(
    'март 2026',
    Array.from({ length: rows }, (_, k): [string, string, string] => {
      const kopecks = declaredKopecks(k);
      return [guid(k), String((k % 50) + 1), `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`];
    }),
  );
  return { houses, registry, declaredKopecks };
}
