/**
 * A small hand-made region for the workbook tests: four houses (two gas-heated МКД of one group, a gas-heated ЖД
 * with a gas norm per m², a centrally heated МКД in another district) loaded through the reference import, and
 * registries inserted with plain SQL (the intake is not under test). Every figure the tests expect is worked out
 * by hand in the test from these numbers.
 */
import { completeInn10 } from '../../formulas/ids/inn.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import type { Sql } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';

export const W = [1, 2, 3, 4].map((k) => `c0000000-0000-4000-8000-00000000000${k}`) as [string, string, string, string];
const ABAT = 'Абатский муниципальный район';
const KAZAN = 'Казанский муниципальный район';
export const RSO_WATER = { inn: completeInn10('720300001'), name: 'ООО «Водоканал»' };
export const RSO_HEAT = { inn: completeInn10('720400002'), name: 'АО «Тепло»' };
export const RSO_GAS = { inn: completeInn10('720500003'), name: 'АО «Газ»' };

export const WORKBOOK_REFERENCE: Partial<Record<ReferenceKind, string>> = {
  houses: [
    'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
    `${W[0]};с. Абатское, ул. Ленина, д. 1;${ABAT};71603402101;с. Абатское;МКД;1980;1000;40;газовое`,
    `${W[1]};с. Абатское, ул. Ленина, д. 2;${ABAT};71603402101;с. Абатское;МКД;1981;1000;40;газовое`,
    `${W[2]};с. Абатское, ул. Полевая, д. 3;${ABAT};71603402101;с. Абатское;ЖД;1990;80;3;газовое`,
    `${W[3]};с. Казанское, ул. Мира, д. 4;${KAZAN};71626402101;с. Казанское;МКД;1975;500;20;центральное`,
  ].join('\n'),
  tariffs: [
    'decision_id;rso_inn;service;municipal_district;settlement;valid_from;valid_to;commissioned_from;commissioned_to;tariff_kind;eot;lt',
    `В-1;${RSO_WATER.inn};ХВС;${ABAT};все;01.01.2025;;;;Однотарифный;48,80;41,73`,
    `Г-1;${RSO_GAS.inn};Газ;${ABAT};все;01.01.2025;;;;Однотарифный;8,10;7,50`,
    `Т-1;${RSO_HEAT.inn};ТС;${KAZAN};все;01.01.2025;31.12.2025;;;Однотарифный;2900,00;2500,00`,
  ].join('\n'),
  house_services: [
    'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only',
    `${W[0]};Газ;7,50;Г-1;10;чел;нет`, `${W[0]};ХВС;41,73;В-1;5,1;чел;нет`,
    `${W[1]};ХВС;41,73;В-1;5,1;чел;нет`, `${W[1]};Газ;7,50;Г-1;10;чел;нет`,
    `${W[2]};Газ;7,50;Г-1;2,5;м2;нет`, `${W[2]};ХВС;41,73;В-1;5,1;чел;нет`,
    `${W[3]};ХВС;41,73;В-1;5,1;чел;нет`, `${W[3]};ТС;2500,00;Т-1;0,022;м2;да`,
  ].join('\n'),
  mo_rates: [
    'municipal_district;settlement;house_type;maintenance;capital_repair;rent',
    `${ABAT};все;МКД;20,00;10,00;3,00`,
    `${ABAT};все;ЖД;2,00;0,00;1,50`,
    `${KAZAN};все;МКД;15,00;5,00;2,00`,
  ].join('\n'),
};

export interface WbRow {
  house: string;
  /** decimals as text, as registry rows keep them */
  v: string;
  eot?: string;
  lt?: string;
  /** kopecks */
  subsidy?: number;
  failed?: string[];
}

export interface WbRegistry {
  rso: { inn: string; name: string };
  service: string;
  period: string;
  status?: string;
  district: string;
  rows: WbRow[];
}

const r = (house: string, v: string, more: Partial<WbRow> = {}): WbRow => ({ house, v, ...more });
const vo = (period: string, rows: WbRow[], status = 'Согласован'): WbRegistry => ({ rso: RSO_WATER, service: 'ВО', period, status, district: ABAT, rows });
const water = (service: string, period: string, rows: WbRow[], status = 'Согласован'): WbRegistry => ({ rso: RSO_WATER, service, period, status, district: ABAT, rows });
const heat = (period: string, v: string, eot = '2900.0000', lt = '2500.0000', subsidy = 0): WbRegistry => ({ rso: RSO_HEAT, service: 'ТС', period, district: KAZAN, rows: [r(W[3], v, { eot, lt, subsidy })] });

export const WB_REGISTRIES: WbRegistry[] = [
  // ВО against ХВС + ГВС: 2025-12 is last year; the cancelled ХВС registry of 2026-02 is no water
  vo('2025-12', [r(W[0], '20', { eot: '48.8000', lt: '41.7300', subsidy: 50_000 })]),
  water('ХВС', '2025-12', [r(W[0], '5')]),
  vo('2026-01', [r(W[0], '10', { eot: '48.8000', lt: '41.7300', subsidy: 71_407 }), r(W[1], '6', { eot: '48.8000', lt: '41.7300', subsidy: 42_420 })]),
  water('ХВС', '2026-01', [r(W[0], '5', { eot: '48.8000', lt: '41.7300', subsidy: 35_350 }), r(W[1], '5', { eot: '48.8000', lt: '41.7300', subsidy: 35_350 })]),
  water('ГВС', '2026-01', [r(W[0], '3')]),
  vo('2026-02', [r(W[0], '9'), r(W[1], '7.5', { eot: '48.8000', lt: '41.7300', subsidy: 53_025 })]),
  water('ХВС', '2026-02', [r(W[0], '4'), r(W[1], '5')]),
  water('ГВС', '2026-02', [r(W[0], '4')]),
  water('ХВС', '2026-02', [r(W[0], '100', { eot: '48.8000', lt: '41.7300', subsidy: 999_999 })], 'Отменен'),
  // heat of the Казанский house: 1 → 2 → 3.5 → 6 → 8 Гкал; the 2024 month is outside the two years
  heat('2024-12', '1', '2900.0000', '2500.0000', 1_000),
  heat('2025-11', '1', '2900.0000', '2500.0000', 40_000),
  heat('2025-12', '2', '2900.0000', '2500.0000', 80_000),
  heat('2026-01', '3.5', '3000.0000', '2600.0000', 140_000),
  heat('2026-02', '6', '3000.0000', '2600.0000', 240_000),
  heat('2026-03', '8', '3000.0000', '2600.0000', 320_000),
];

export async function loadWorkbookRegion(sql: Sql): Promise<void> {
  for (const kind of ['houses', 'tariffs', 'house_services', 'mo_rates'] as const) {
    const text = WORKBOOK_REFERENCE[kind] as string;
    const res = await importReference(sql, { kind, fileName: `${kind}.csv`, bytes: new TextEncoder().encode(text), actorId: null });
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
  }
  for (const g of WB_REGISTRIES) {
    const [reg] = await sql<{ id: string }[]>`
      insert into registries (rso_inn, rso_name, service, period, status, municipal_district, file_name, declared_sum, rows_total)
      values (${g.rso.inn}, ${g.rso.name}, ${g.service}, ${`${g.period}-01`}::date, ${g.status ?? 'Согласован'}, ${g.district},
              ${`${g.service}-${g.period}.xlsx`}, ${g.rows.reduce((s, x) => s + (x.subsidy ?? 0), 0)}, ${g.rows.length})
      returning id::text`;
    await sql`
      insert into registry_rows (registry_id, row_no, fias_id, address, eot, lt, v_living, v_odn, subsidy, failed_rules)
      select ${Number(reg?.id)}, n, f, a, e::numeric, l::numeric, v::numeric, 0, s, string_to_array(fr, ',')
      from unnest(${g.rows.map((_, i) => i + 1)}::int[], ${g.rows.map((x) => x.house)}::text[], ${g.rows.map((x) => `адрес ${x.house.slice(-1)}`)}::text[],
                  ${g.rows.map((x) => x.eot ?? null)}::text[], ${g.rows.map((x) => x.lt ?? null)}::text[], ${g.rows.map((x) => x.v)}::text[],
                  ${g.rows.map((x) => x.subsidy ?? null)}::bigint[], ${g.rows.map((x) => (x.failed ?? []).join(','))}::text[]) as t(n, f, a, e, l, v, s, fr)`;
  }
}
