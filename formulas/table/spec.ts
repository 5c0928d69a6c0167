/**
 * The shape of a table template in templates/: which columns a file has, their Russian headers and
 * accepted variants, and how each cell is read. Templates are data; this is their type.
 */
export type FieldType =
  | { kind: 'text' }
  | { kind: 'fias' }
  | { kind: 'oktmo' }
  | { kind: 'inn' }
  | { kind: 'ogrn' }
  | { kind: 'date' }
  | { kind: 'integer' }
  /** An exact decimal kept as an integer of 10^-scale units. */
  | { kind: 'decimal'; scale: number }
  /** One of the listed values, compared as headers are (case, ё/е, spaces). */
  | { kind: 'enum'; values: string[] };

export interface ColumnSpec {
  key: string;
  /** Russian title shown to users and used in messages when the column is missing. */
  title: string;
  /** Accepted header variants (the key itself is always accepted). */
  headers: string[];
  type: FieldType;
  required: boolean;
}

export interface TableSpec {
  kind: string;
  title: string;
  columns: ColumnSpec[];
  /** Columns whose values identify a record: duplicates within one file are refused. */
  key: string[];
}
