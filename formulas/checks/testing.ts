/** Builders for tests of the checks: a registry from plain row objects, reference data with defaults. */
import { parseScaled } from '../parse/decimal.ts';
import type { House, Organisation, TariffDecision } from '../reference/types.ts';
import { parsePeriod } from '../registry/period.ts';
import { serviceDictionary } from '../registry/services.ts';
import type { RegistryMeta, RegistryRows } from '../registry/types.ts';
import { buildHistoryIndex, rowVolumes, type OtherRegistry } from './history-index.ts';
import { buildReferenceIndex } from './reference-index.ts';
import type { CheckInput, RuleParams } from './types.ts';

export const SERVICES = serviceDictionary([
  { code: 'ХВС', title: 'Холодное водоснабжение', unit: 'куб. м', aliases: [] },
  { code: 'ГВС', title: 'Горячее водоснабжение', unit: 'куб. м', aliases: [] },
  { code: 'ВО', title: 'Водоотведение', unit: 'куб. м', aliases: [] },
  { code: 'ТС', title: 'Отопление', unit: 'Гкал', aliases: [] },
]);

export const PARAMS: RuleParams = { tariffTolerance: 50, sumTolerance: 100, jumpThreshold: 5000, historyMonths: 12, minHistoryMonths: 3, minCommissioningYear: 1700, linkedTolerance: 200 };

export interface TestRow {
  fias?: string;
  territory?: string;
  diffAttr?: string;
  commissioned?: string;
  eot?: string;
  lt?: string;
  vLiving?: string;
  vOdn?: string;
  subsidy?: string;
}

const num = (s: string | undefined): number => {
  if (s === undefined || s === '') return Number.NaN;
  const r = parseScaled(s, 4);
  return r.ok ? r.value : Number.NaN;
};

export function registryRows(list: TestRow[]): RegistryRows {
  const count = list.length;
  return {
    count,
    fileRow: Int32Array.from(list, (_, i) => i + 10),
    n: Float64Array.from(list, (_, i) => i + 1),
    address: list.map((_, i) => `дом ${i + 1}`),
    fiasId: list.map((r) => (r.fias ?? '').trim().toLowerCase()),
    diffAttr: list.map((r) => r.diffAttr ?? 'с -- по --'),
    territory: list.map((r) => r.territory ?? 'Абатский муниципальный район'),
    supplySystem: list.map(() => ''),
    commissioned: list.map((r) => r.commissioned ?? ''),
    tariffKind: list.map(() => 'Однотарифный'),
    eot: Float64Array.from(list, (r) => num(r.eot)),
    lt: Float64Array.from(list, (r) => num(r.lt)),
    vLiving: Float64Array.from(list, (r) => num(r.vLiving)),
    vOdn: Float64Array.from(list, (r) => num(r.vOdn)),
    subsidy: Float64Array.from(list, (r) => num(r.subsidy)),
  };
}

export const INN = '7203000016';

export function meta(period = 'август 2026', service = 'ХВС', rsoInn = INN): RegistryMeta {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(p.message);
  return { rsoName: 'МУП «Вода»', rsoInn, service, period: p.value, letterNo: '157', letterDate: '2026-09-06' };
}

export const house = (fias: string, over: Partial<House> = {}): House => ({
  fias_id: fias,
  address: 'обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1',
  municipal_district: 'Абатский муниципальный район',
  oktmo: '71603402101',
  settlement: 'с. Абатское',
  house_type: 'МКД',
  commissioned: '1989-01-01',
  area: 120_000,
  residents: 40,
  heating_type: 'центральное',
  ...over,
});

export const tariff = (over: Partial<TariffDecision> = {}): TariffDecision => ({
  decision_id: 'ID_1',
  rso_inn: INN,
  service: 'ХВС',
  municipal_district: 'Абатский муниципальный район',
  settlement: 'все',
  valid_from: '2026-07-01',
  valid_to: '2026-12-31',
  commissioned_from: null,
  commissioned_to: null,
  tariff_kind: 'Однотарифный',
  eot: 488_000,
  lt: 417_300,
  ...over,
});

export const organisation = (over: Partial<Organisation> = {}): Organisation => ({ inn: INN, ogrn: '1027200000013', name: 'МУП «Вода»', status: 'действует', tax_debt: 'нет', ...over });

/** A stored registry of another month or РСО, for duplicate, history and linked-service checks. */
export function other(id: string, period: string, rows: { fias: string; volume: string; odn?: string }[], service = 'ХВС'): OtherRegistry {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(p.message);
  const r = registryRows(rows.map((x) => ({ fias: x.fias, vLiving: x.volume, ...(x.odn === undefined ? {} : { vOdn: x.odn }) })));
  return { id, label: `№${id}`, service, period: p.value.key, fias: r.fiasId, fileRow: r.fileRow, volume: rowVolumes(r.vLiving, r.vOdn) };
}

export function input(rows: TestRow[], opts: { houses?: House[]; tariffs?: TariffDecision[]; others?: OtherRegistry[]; period?: string; service?: string } = {}): CheckInput {
  return {
    meta: meta(opts.period, opts.service),
    rows: registryRows(rows),
    reference: buildReferenceIndex({ houses: opts.houses ?? [], tariffs: opts.tariffs ?? [tariff()], organisations: [organisation()] }, SERVICES),
    history: buildHistoryIndex(opts.others ?? []),
    params: PARAMS,
  };
}
