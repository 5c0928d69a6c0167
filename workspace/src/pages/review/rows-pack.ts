import type { RegistryRowsPayload } from '../../../../server/contract/registries.ts';

/**
 * The rows payload in the shape IndexedDB copies fastest: each text column one string (cells joined by NUL),
 * each number column a typed array. A structured clone of ~400,000 small strings takes hundreds of
 * milliseconds; of a dozen long strings and typed arrays, a few.
 */
export interface PackedRows {
  format: 1;
  /** `ruleSeverities` is absent in rows cached before the server sent it */
  head: Pick<RegistryRowsPayload, 'registryId' | 'checkRunId' | 'ruleIds' | 'ruleTitles' | 'reasons' | 'count'> & Partial<Pick<RegistryRowsPayload, 'ruleSeverities'>>;
  text: Record<TextColumn, string>;
  /** nullable numbers and decimal texts: null as NaN / '\u0001' */
  rowNo: Int32Array;
  n: Float64Array;
  subsidy: Float64Array;
  expected: Float64Array;
  checkStatus: Uint8Array;
  checkReason: Uint32Array;
}

const TEXT = ['address', 'fiasId', 'diffAttr', 'territory', 'supplySystem', 'commissioned', 'tariffKind'] as const;
const DECIMAL = ['eot', 'lt', 'vLiving', 'vOdn'] as const;
type TextColumn = (typeof TEXT)[number] | (typeof DECIMAL)[number];

const SEP = '\u0000';
/** stands for null in a decimal column (a decimal is digits, a sign and a point) */
const NULL = '\u0001';

const numbers = (xs: (number | null)[]): Float64Array => Float64Array.from(xs, (v) => (v === null ? Number.NaN : v));
const nullable = (xs: Float64Array): (number | null)[] => Array.from(xs, (v) => (Number.isNaN(v) ? null : v));

/** Packs a payload, or returns null when a text holds the separator (then it is stored as it came). */
export function packRows(p: RegistryRowsPayload): PackedRows | null {
  const text = {} as Record<TextColumn, string>;
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
    n: numbers(p.n),
    subsidy: numbers(p.subsidy),
    expected: numbers(p.expected),
    checkStatus: Uint8Array.from(p.checkStatus),
    checkReason: Uint32Array.from(p.checkReason),
  };
}

export function unpackRows(k: PackedRows): RegistryRowsPayload {
  const split = (s: string): string[] => (k.head.count === 0 ? [] : s.split(SEP));
  const decimals = (s: string): (string | null)[] => split(s).map((x) => (x === NULL ? null : x));
  return {
    ...k.head,
    ruleSeverities: k.head.ruleSeverities ?? k.head.ruleIds.map(() => 'error'),
    rowNo: Array.from(k.rowNo),
    n: nullable(k.n),
    address: split(k.text.address),
    fiasId: split(k.text.fiasId),
    diffAttr: split(k.text.diffAttr),
    territory: split(k.text.territory),
    supplySystem: split(k.text.supplySystem),
    commissioned: split(k.text.commissioned),
    tariffKind: split(k.text.tariffKind),
    eot: decimals(k.text.eot),
    lt: decimals(k.text.lt),
    vLiving: decimals(k.text.vLiving),
    vOdn: decimals(k.text.vOdn),
    subsidy: nullable(k.subsidy),
    expected: nullable(k.expected),
    checkStatus: Array.from(k.checkStatus),
    checkReason: Array.from(k.checkReason),
  };
}
