import type { TableSpec } from '../table/spec.ts';
import { REGISTRY_COLUMNS, type EngineColumns } from './columns.ts';
import type { Period } from './period.ts';

/** The unified registry template: metadata labels above the table, then the table's columns. */
export interface RegistrySpec extends TableSpec {
  metadata: { key: RegistryMetaKey; title: string; labels: string[] }[];
}

export type RegistryMetaKey = 'rso_name' | 'rso_inn' | 'service' | 'period' | 'letter_no' | 'letter_date';

export interface RegistryMeta {
  rsoName: string;
  /** As written; validity is a registry-level check, not a reading error. */
  rsoInn: string;
  /** Service code (ХВС, ТС…) resolved through the service dictionary. */
  service: string;
  period: Period;
  letterNo: string | null;
  /** ISO date */
  letterDate: string | null;
}

/**
 * Registry rows in columns: one array per column of `REGISTRY_COLUMNS` (index = row), text as strings, numbers in
 * Float64Arrays (integers of 10^-4 for tariffs, volumes and the subsidy), NaN where the cell is empty or
 * unreadable; arrays of numbers transfer to and from workers without copying.
 */
export interface RegistryRows extends EngineColumns {
  count: number;
  /** 1-based row of the file, for messages. */
  fileRow: Int32Array;
}

/** Rows of `count` empty cells, to be filled column by column. */
export function emptyRegistryRows(count: number): RegistryRows {
  const rows = { count, fileRow: new Int32Array(count) } as RegistryRows;
  const cells = rows as unknown as Record<string, string[] | Float64Array>;
  for (const c of REGISTRY_COLUMNS) cells[c.key] = c.kind === 'text' || c.kind === 'date' ? new Array<string>(count).fill('') : new Float64Array(count).fill(Number.NaN);
  return rows;
}
