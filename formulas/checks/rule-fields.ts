/**
 * The fields a low-code rule names in brackets, read from a registry's columns. Amounts and volumes are the
 * exact integers of 10⁻⁴ they are stored as, the expected subsidy kopecks; the commissioning date is a date
 * when it reads as one (ДД.ММ.ГГГГ, an Excel serial, a bare year), else the text as written.
 */
import { columnReader, type Column } from '../formula/columns.ts';
import type { Reader } from '../formula/row-formula.ts';
import { BLANK, serialOfIso, type Value } from '../formula/values.ts';
import { parseDate } from '../parse/date.ts';
import type { RegistryRows } from '../registry/types.ts';
import { fmtKopecks, fmtScaled4 } from './format.ts';

interface RuleField {
  column(rows: RegistryRows, expected: Float64Array): Column;
  /** The field in a rule's message, `{v_odn}` → «12,5000». */
  show(rows: RegistryRows, expected: Float64Array, i: number): string;
}

const text = (pick: (r: RegistryRows) => string[]): RuleField => ({
  column: (r) => ({ kind: 'text', values: pick(r) }),
  show: (r, _e, i) => pick(r)[i] ?? '',
});

const scaled4 = (pick: (r: RegistryRows) => Float64Array, decimals: number): RuleField => ({
  column: (r) => ({ kind: 'number', values: pick(r), scale: 4 }),
  show: (r, _e, i) => {
    const v = pick(r)[i] ?? Number.NaN;
    return Number.isNaN(v) ? '—' : fmtScaled4(v, decimals);
  },
});

function commissionedValues(rows: RegistryRows): Value[] {
  return rows.commissioned.map((raw) => {
    if (!raw) return BLANK;
    const d = parseDate(raw);
    return d.ok ? serialOfIso(d.value.iso) : raw;
  });
}

const FIELDS: Record<string, RuleField> = {
  n: {
    column: (r) => ({ kind: 'number', values: r.n }),
    show: (r, _e, i) => (Number.isNaN(r.n[i] ?? Number.NaN) ? '—' : String(r.n[i])),
  },
  address: text((r) => r.address),
  fias_id: text((r) => r.fiasId),
  diff_attr: text((r) => r.diffAttr),
  territory: text((r) => r.territory),
  supply_system: text((r) => r.supplySystem),
  commissioned: {
    column: (r) => {
      const values = commissionedValues(r);
      return { kind: 'value', read: (i) => values[i] ?? BLANK };
    },
    show: (r, _e, i) => r.commissioned[i] ?? '',
  },
  tariff_kind: text((r) => r.tariffKind),
  eot: scaled4((r) => r.eot, 2),
  lt: scaled4((r) => r.lt, 2),
  v_living: scaled4((r) => r.vLiving, 4),
  v_odn: scaled4((r) => r.vOdn, 4),
  subsidy: scaled4((r) => r.subsidy, 2),
  expected_subsidy: {
    column: (_r, e) => ({ kind: 'number', values: e, scale: 2 }),
    show: (_r, e, i) => (Number.isNaN(e[i] ?? Number.NaN) ? '—' : fmtKopecks(e[i] ?? 0)),
  },
};

/** The names, in the order the rule editor lists them. */
export const CUSTOM_RULE_FIELDS = Object.keys(FIELDS);

/** Readers of the named fields over one registry. */
export function ruleFieldReaders(names: readonly string[], rows: RegistryRows, expected: Float64Array): Reader[] {
  return names.map((name) => {
    const f = FIELDS[name];
    return f ? columnReader(f.column(rows, expected)) : () => BLANK;
  });
}

/**
 * A rule's message as a function of the row: `{field}` is the row's value, an unknown `{name}` stays as
 * written. Split once per run, not per failed row.
 */
export function ruleMessage(message: string, rows: RegistryRows, expected: Float64Array): (i: number) => string {
  const parts = message.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => message;
  const pieces = parts.map((part, k) => {
    if (k % 2 === 0) return part;
    const f = FIELDS[part];
    return f ? (i: number) => f.show(rows, expected, i) : `{${part}}`;
  });
  return (i) => {
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : p(i);
    return out;
  };
}
