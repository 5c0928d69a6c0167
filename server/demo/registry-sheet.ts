/**
 * How one registry file looks: its format, the optional title, the metadata block, the header spelling and
 * column order — varied from file to file the way real РСО files vary — and each row's cells.
 */
import { REGISTRY_COLUMNS } from '../../formulas/registry/columns.ts';
import { addDays, periodText, ruDate } from './calendar.ts';
import type { ByteSink, EncodedFields } from './byte-sink.ts';
import { cellNumber, rub, vol4 } from './format.ts';
import type { MonthRegistry } from './month-registry.ts';
import type { DemoParams, MetaLabel, RegistryColumn } from './params.ts';
import type { Rng } from './prng.ts';
import type { RegistryRow } from './registry-rows.ts';

export type FileFormat = 'csv-utf8' | 'csv-utf8-bom' | 'csv-cp1251' | 'xlsx';

/** A cell: text, a number (xlsx only), or a date (written as ДД.ММ.ГГГГ in CSV, as a date cell in xlsx). */
export type SheetCell = string | number | { date: string };

export interface SheetLayout {
  format: FileFormat;
  title: string | null;
  meta: [string, SheetCell][];
  columns: RegistryColumn[];
  headers: string[];
  /** 1-based sheet row of the first data row, as a spreadsheet numbers it. */
  firstDataRow: number;
}

const COLUMNS: RegistryColumn[] = REGISTRY_COLUMNS.map((c) => c.sql);

function swap<T>(list: T[], a: T, b: T): void {
  const i = list.indexOf(a);
  const j = list.indexOf(b);
  if (i >= 0 && j >= 0) [list[i], list[j]] = [list[j] as T, list[i] as T];
}

/** Small РСО fill the template in Excel by hand; large ones export CSV from their billing systems. */
function pickFormat(p: DemoParams['registries'], rows: number, rng: Rng): FileFormat {
  const u = rng.next();
  if (u < p.xlsxShare) return rows <= p.xlsxMaxRows ? 'xlsx' : 'csv-utf8';
  if (u < p.xlsxShare + p.cp1251Share) return 'csv-cp1251';
  return rng.chance(p.bomShare) ? 'csv-utf8-bom' : 'csv-utf8';
}

function letterNumber(service: string, rng: Rng): string {
  const n = rng.int(1, 2999);
  switch (rng.int(0, 2)) {
    case 0: return `${n}/${service}`;
    case 1: return `${String(rng.int(1, 12)).padStart(2, '0')}-${rng.int(10, 99)}/${n}`;
    default: return `№ ${n}`;
  }
}

/** Decides how the registry's file looks. */
export function layoutSheet(registry: MonthRegistry, params: DemoParams, rng: Rng): SheetLayout {
  const p = params.registries;
  const { org, service } = registry.plan;
  const label = (k: MetaLabel): string => rng.pick(p.metaLabels[k]);
  const format = pickFormat(p, registry.rows.length, rng);
  const title = rng.chance(p.titleRowShare) ? rng.pick(p.titles) : null;
  const letterDate = addDays(registry.month.lastDay, rng.int(p.letterDelayDays[0], p.letterDelayDays[1]));
  const meta: [string, SheetCell][] = [
    [label('rso'), org.name],
    [label('inn'), org.inn],
    [label('service'), service],
    [label('period'), periodText(registry.month, rng.int(0, 2), p.monthNames)],
    [label('letterNo'), letterNumber(service, rng)],
    [label('letterDate'), { date: letterDate }],
  ];
  const columns = COLUMNS.slice();
  if (rng.chance(p.reorderedColumnsShare)) {
    swap(columns, 'address', 'fias_id');
    if (rng.chance(0.5)) swap(columns, 'diff_attr', 'commissioned');
  }
  const headers = columns.map((c) => rng.pick(p.headers[c]));
  // Rows: [title, empty], six metadata rows, an empty row, the header row, then data.
  const firstDataRow = (title ? 2 : 0) + meta.length + 2 + 1;
  return { format, title, meta, columns, headers, firstDataRow };
}

/** The cells of one data row in the layout's column order; `typed` gives xlsx numbers and dates. */
export function rowCells(row: RegistryRow, n: number, columns: readonly RegistryColumn[], typed: boolean): SheetCell[] {
  return columns.map((c): SheetCell => {
    switch (c) {
      case 'n': return typed ? n : String(n);
      case 'address': return row.address;
      case 'fias_id': return row.fias;
      case 'diff_attr': return row.diffAttr;
      case 'territory': return row.territory;
      case 'supply_system': return row.supplySystem;
      case 'commissioned':
        return typed && row.commissionedIso && row.commissioned === ruDate(row.commissionedIso) ? { date: row.commissionedIso } : row.commissioned;
      case 'tariff_kind': return row.tariffKind;
      case 'eot': return typed ? cellNumber(row.eot, 2) : rub(row.eot);
      case 'lt': return typed ? cellNumber(row.lt, 2) : rub(row.lt);
      case 'v_living': return typed ? cellNumber(row.vLiving, 4) : vol4(row.vLiving);
      case 'v_odn': return typed ? cellNumber(row.vOdn, 4) : vol4(row.vOdn);
      case 'subsidy': return typed ? cellNumber(row.subsidy, 2) : rub(row.subsidy);
    }
  });
}

// Slots of EncodedFields: a few for columns whose text repeats from row to row, then three per house.
const COLUMN_SLOTS = 8;

/** Writes a data row as one CSV line (without the line end) in the layout's column order. */
export function writeCsvRow(sink: ByteSink, fields: EncodedFields, row: RegistryRow, n: number, columns: readonly RegistryColumn[]): void {
  const house = COLUMN_SLOTS + row.house.index * 3;
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) sink.byte(SEMICOLON);
    switch (columns[i]) {
      case 'n': sink.int(n); break;
      case 'address': sink.bytes(fields.at(house, row.address)); break;
      case 'fias_id': sink.bytes(fields.at(house + 1, row.fias)); break;
      case 'commissioned': sink.bytes(fields.at(house + 2, row.commissioned)); break;
      case 'diff_attr': sink.bytes(fields.at(0, row.diffAttr)); break;
      case 'territory': sink.bytes(fields.at(1, row.territory)); break;
      case 'supply_system': sink.bytes(fields.at(2, row.supplySystem)); break;
      case 'tariff_kind': sink.bytes(fields.at(3, row.tariffKind)); break;
      case 'eot': sink.decimal(row.eot, 2); break;
      case 'lt': sink.decimal(row.lt, 2); break;
      case 'v_living': sink.decimal(row.vLiving, 4); break;
      case 'v_odn': sink.decimal(row.vOdn, 4); break;
      case 'subsidy': sink.decimal(row.subsidy, 2); break;
      default: break;
    }
  }
}

const SEMICOLON = 0x3b;

/** A cell as CSV text. */
export const cellText = (c: SheetCell): string => (typeof c === 'string' ? c : typeof c === 'number' ? String(c) : ruDate(c.date));
