/**
 * A small region for the standards tests (routes, CLI): six houses in two districts, their services, ГИС ЖКХ
 * extract and МО rates, with one of each problem the house checks look for. Real formats, real readers.
 *
 * H[0], H[1]: same services → one group («Абатский», все, МКД, центральное): owner n = 1 heating
 *   33·(20 + 10) + 33·2500·0,022 + 41,73·5,1 + 8,68·100 = 990 + 1815 + 212,823 + 868 = 3885,823 → 3885,82
 * H[2]: ХВС 43,00 under an id БПТР does not know; ГИС area off by 3%, residents differ
 * H[3]: ЖД, печное, ХВС without an id; ГИС lists two heating types
 * H[4]: «Казанский» has no МО rates → no standard; absent from ГИС ЖКХ
 * H[5]: ХВС twice
 */
import { completeInn10 } from '../../formulas/ids/inn.ts';

const INN = completeInn10('720300001');
export const H = [1, 2, 3, 4, 5, 6].map((k) => `b0000000-0000-4000-8000-00000000000${k}`);

const ABAT = 'Абатский муниципальный район';

export const standardsHousesCsv = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  `${H[0]};с. Абатское, ул. Ленина, д. 1;${ABAT};71603402101;с. Абатское;МКД;1980;1000;40;центральное`,
  `${H[1]};с. Абатское, ул. Ленина, д. 2;${ABAT};71603402101;с. Абатское;МКД;1981;1000;40;центральное`,
  `${H[2]};с. Абатское, ул. Мира, д. 3;${ABAT};71603402101;с. Абатское;МКД;1982;1000;40;центральное`,
  `${H[3]};с. Партизанское, ул. Полевая, д. 4;${ABAT};71603402102;с. Партизанское;ЖД;1990;80;3;печное`,
  `${H[4]};с. Казанское, ул. Мира, д. 5;Казанский муниципальный район;71626402101;с. Казанское;МКД;1975;500;20;центральное`,
  `${H[5]};с. Абатское, ул. Садовая, д. 6;${ABAT};71603402101;с. Абатское;МКД;1983;1000;40;центральное`,
].join('\n');

export const standardsTariffsCsv = [
  'decision_id;rso_inn;service;municipal_district;settlement;valid_from;valid_to;commissioned_from;commissioned_to;tariff_kind;eot;lt',
  `ID_1;${INN};ХВС;${ABAT};все;01.01.2026;;;;Однотарифный;48,80;41,73`,
  `ID_2;${INN};ТС;${ABAT};все;01.01.2026;;;;Однотарифный;2900,00;2500,00`,
  `ID_3;${INN};ЭЭ;${ABAT};все;01.01.2026;;;;Однотарифный;9,90;8,68`,
].join('\n');

const line = (fias: string, service: string, tariff: string, id: string, norm: string, unit: string, heating: string) => `${fias};${service};${tariff};${id};${norm};${unit};${heating}`;
const full = (fias: string) => [line(fias, 'ХВС', '41,73', 'ID_1', '5,1', 'чел', 'нет'), line(fias, 'ТС', '2500,00', 'ID_2', '0,022', 'м2', 'да'), line(fias, 'ЭЭ', '8,68', 'ID_3', '100', 'чел', 'нет')];

export const standardsServicesCsv = [
  'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only',
  ...full(H[0]!),
  ...full(H[1]!).reverse(),
  line(H[2]!, 'ХВС', '43,00', 'ID_9', '5,1', 'чел', 'нет'), ...full(H[2]!).slice(1),
  line(H[3]!, 'ХВС', '41,73', '', '5,1', 'чел', 'нет'), line(H[3]!, 'ЭЭ', '8,68', 'ID_3', '100', 'чел', 'нет'),
  line(H[4]!, 'ХВС', '41,73', 'ID_1', '5,1', 'чел', 'нет'),
  ...full(H[5]!), line(H[5]!, 'ХВС', '38,00', 'ID_1', '5,1', 'чел', 'нет'),
].join('\n');

export const standardsGisCsv = [
  'fias_id;house_type;area;residents;heating_types',
  `${H[0]};МКД;1000;40;центральное`,
  `${H[1]};МКД;1005;40;центральное`,
  `${H[2]};МКД;1030;41;центральное`,
  `${H[3]};ЖД;80;3;"печное, электрическое"`,
  `${H[5]};МКД;1000;40;центральное`,
].join('\n');

export const standardsMoRatesCsv = [
  'municipal_district;settlement;house_type;maintenance;capital_repair;rent',
  `${ABAT};все;МКД;20,00;10,00;3,00`,
  `${ABAT};все;ЖД;2,00;0,00;1,50`,
].join('\n');

export const STANDARDS_FILES = {
  houses: standardsHousesCsv,
  tariffs: standardsTariffsCsv,
  gis_houses: standardsGisCsv,
  house_services: standardsServicesCsv,
  mo_rates: standardsMoRatesCsv,
} as const;
