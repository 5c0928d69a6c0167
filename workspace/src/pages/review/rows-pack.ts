import { columnsOfKind, REGISTRY_COLUMNS, type ColumnKeyOf, type NumberColumnKey, type StoredColumns, type TextColumnKey } from '../../../../formulas/registry/columns.ts';
import type { RegistryRowsPayload } from '../../../../server/contract/registries.ts';

/**
 * The rows payload in the shape IndexedDB copies fastest: each text column one string (cells joined by NUL),
 * each number column a typed array. A structured clone of ~400,000 small strings takes hundreds of
 * milliseconds; of a dozen long strings and typed arrays, a few.
 */
export type PackedRows = {
  format: 1;
  /** `ruleSeverities` is absent in rows cached before the server sent it */
  head: Pick<RegistryRowsPayload, 'registryId' | 'checkRunId' | 'ruleIds' | 'ruleTitles' | 'reasons' | 'count'> & Partial<Pick<RegistryRowsPayload, 'ruleSeverities'>>;
  /** text and decimal columns, each one string */
  text: Record<TextColumnKey | DecimalColumnKey, string>;
  rowNo: Int32Array;
  expected: Float64Array;
  checkStatus: Uint8Array;
  checkReason: Uint32Array;
} & {
  /** nullable numbers and decimal texts: null as NaN / '\u0001' */
  [K in NumberColumnKey]: Float64Array;
};

type DecimalColumnKey = ColumnKeyOf<'decimal'>;
const TEXT = columnsOfKind('text', 'date').map((c) => c.key);
const DECIMAL = columnsOfKind('decimal').map((c) => c.key);
const NUMBER = columnsOfKind('integer', 'money').map((c) => c.key);

const SEP = '\u0000';
/** stands for null in a decimal column (a decimal is digits, a sign and a point) */
const NULL = '\u0001';

const numbers = (xs: (number | null)[]): Float64Array => Float64Array.from(xs, (v) => (v === null ? Number.NaN : v));
const nullable = (xs: Float64Array): (number | null)[] => Array.from(xs, (v) => (Number.isNaN(v) ? null : v));

/** Packs a payload, or returns null when a text holds the separator (then it is stored as it came). */
export function packRows(p: RegistryRowsPayload): PackedRows | null {
  const text = {} as PackedRows['text'];
  for (const c of TEXT) {
    if (p[c].some((s) => s.includes(SEP))) return null;
    text[c] = p[c].join(SEP);
  }
  for (const c of DECIMAL) text[c] = p[c].map((s) => (s === null ? NULL : s)).join(SEP);
  return {
    format: 1,
    head: { registryId: p.registryId, checkRunId: p.checkRunId, ruleIds: p.ruleIds, ruleTitles: p.ruleTitles, ruleSeverities: p.ruleSeverities, reasons: p.reasons, count: p.count },
    text,
    rowNo: Int32Array.from(p.rowNo),
    ...(Object.fromEntries(NUMBER.map((c) => [c, numbers(p[c])])) as Record<NumberColumnKey, Float64Array>),
    expected: numbers(p.expected),
    checkStatus: Uint8Array.from(p.checkStatus),
    checkReason: Uint32Array.from(p.checkReason),
  };
}

export function unpackRows(k: PackedRows): RegistryRowsPayload {
  const split = (s: string): string[] => (k.head.count === 0 ? [] : s.split(SEP));
  const decimals = (s: string): (string | null)[] => split(s).map((x) => (x === NULL ? null : x));
  const columns = Object.fromEntries(
    REGISTRY_COLUMNS.map((c) => [c.key, c.kind === 'text' || c.kind === 'date' ? split(k.text[c.key]) : c.kind === 'decimal' ? decimals(k.text[c.key]) : nullable(k[c.key])]),
  ) as StoredColumns;
  return {
    ...k.head,
    ruleSeverities: k.head.ruleSeverities ?? k.head.ruleIds.map(() => 'error'),
    rowNo: Array.from(k.rowNo),
    ...columns,
    expected: nullable(k.expected),
    checkStatus: Array.from(k.checkStatus),
    checkReason: Array.from(k.checkReason),
  };
}
