import type { TableSpec } from '../table/spec.ts';
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
 * Registry rows in columns: one array per field, index = row. Numbers are integers of 10^-4 (roubles for
 * tariffs and the subsidy, units for volumes) in Float64Arrays, NaN where the cell is empty or unreadable;
 * arrays of numbers transfer to and from workers without copying.
 */
export interface RegistryRows {
  count: number;
  /** 1-based row of the file, for messages. */
  fileRow: Int32Array;
  /** «№ п/п» as written (NaN when absent). */
  n: Float64Array;
  address: string[];
  /** Trimmed and lower-cased: GUIDs compare case-insensitively. */
  fias: string[];
  diffAttr: string[];
  territory: string[];
  supplySystem: string[];
  /** Commissioning date as written (Excel serials and years as their digits); '' = no date. */
  commissioned: string[];
  tariffKind: string[];
  eot: Float64Array;
  lt: Float64Array;
  vLiving: Float64Array;
  vOdn: Float64Array;
  subsidy: Float64Array;
}

export const NUMERIC_COLUMNS = ['eot', 'lt', 'v_living', 'v_odn', 'subsidy'] as const;
