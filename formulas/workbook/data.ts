/**
 * The data a sheet works on: columnar, as the row evaluator reads it (`formula/columns.ts`). Numbers are exact
 * integers of 10⁻ˢᶜᵃˡᵉ (kopecks: scale 2; tariffs and volumes: 4), dates are serials, text is text. Over the wire
 * (server → worker, `sverka workbook run`) a data set is JSON: numbers as those integers, dates as ISO text.
 */
import { columnReader, type Column } from '../formula/columns.ts';
import type { Reader } from '../formula/row-formula.ts';
import { serialOfIso } from '../formula/values.ts';

export type FieldType = 'number' | 'text' | 'date' | 'value';

export interface Field {
  name: string;
  title: string;
  type: FieldType;
  /** numbers: decimals of the stored integer */
  scale?: number;
  /** numbers: roubles (shown with kopecks) */
  money?: boolean;
}

export interface DataSet {
  fields: Field[];
  columns: Record<string, Column>;
  count: number;
}

/** A data set as JSON: per field an array of scaled integers, ISO dates or text, null for empty. */
export interface WireDataSet {
  fields: Field[];
  count: number;
  columns: Record<string, (number | string | null)[]>;
}

export function dataSetOfWire(w: WireDataSet): DataSet {
  const columns: Record<string, Column> = {};
  for (const f of w.fields) {
    const raw = w.columns[f.name] ?? [];
    if (f.type === 'number') columns[f.name] = { kind: 'number', values: Float64Array.from({ length: w.count }, (_, i) => (typeof raw[i] === 'number' ? (raw[i] as number) : Number.NaN)), scale: f.scale ?? 0 };
    else if (f.type === 'date') columns[f.name] = { kind: 'date', values: Float64Array.from({ length: w.count }, (_, i) => (typeof raw[i] === 'string' ? serialOfIso(raw[i] as string) : Number.NaN)) };
    else columns[f.name] = { kind: 'text', values: Array.from({ length: w.count }, (_, i) => (raw[i] === null || raw[i] === undefined ? undefined : String(raw[i]))) };
  }
  return { fields: w.fields, columns, count: w.count };
}

/** Readers of every field of a data set, by name. */
export function readersOf(data: DataSet): Map<string, Reader> {
  return new Map(data.fields.map((f) => [f.name, columnReader(data.columns[f.name] ?? { kind: 'text', values: [] })]));
}

/** Builds a wire data set from rows of objects (the server's SQL rows, tests): numbers already scaled. */
export function wireOfRows(fields: readonly Field[], rows: readonly Record<string, unknown>[]): WireDataSet {
  const columns: Record<string, (number | string | null)[]> = {};
  for (const f of fields) {
    columns[f.name] = rows.map((r) => {
      const v = r[f.name];
      if (v === null || v === undefined || v === '') return null;
      if (f.type === 'number') return typeof v === 'number' ? v : Number(v);
      if (f.type === 'date') {
        const iso = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
        return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
      }
      return String(v);
    });
  }
  return { fields: [...fields], count: rows.length, columns };
}
