import { REGISTRY_COLUMNS } from '../../../../formulas/registry/columns.ts';
import { emptyRegistryRows, type RegistryRows } from '../../../../formulas/registry/types.ts';
import type { RegistryRowsPayload, RowStates, RowStatus } from '../../../../server/contract/registries.ts';
import { sharedAddressPrefix } from '../../grid/address-prefix.ts';

/** Row status codes of RowStates, in the order of the tabs. */
export const ROW_STATUS_NAMES: readonly RowStatus[] = ['Требует решения', 'Согласован', 'Не согласован'];

/**
 * One grid row: only the index into the payload's columns and the mutable status. 30,000 of these cost
 * a few milliseconds; every cell reads its value from the columns when ag-grid draws it.
 */
export interface ReviewRow {
  /** rowNo as text, for `getRowId` */
  id: string;
  i: number;
  /** RowStates code; -1 until the decisions have arrived */
  status: number;
}

const FAILED = 2;

/** The verdicts of a payload, read once: per rule how many rows failed it, per row which rules. */
export interface RowsModel {
  payload: RegistryRowsPayload;
  /** «4» for built-in rules; a low-code rule is numbered after them by its place («10»). */
  ruleNumbers: string[];
  /** Per rule index: rows failing it. */
  failedCounts: number[];
  /** Per rule index: a warning does not make a row «with errors». */
  severities: ('error' | 'warning')[];
  /** Row index by rowNo. */
  indexOf: Map<number, number>;
  districts: string[];
  /** What every row's address starts with («обл. Тюменская, р-н Абатский, »): the grid shows the rest. */
  addressPrefix: string;
  failed(i: number, rule: number): boolean;
  /** No failed error-severity rule. */
  clean(i: number): boolean;
  /** «Есть ошибки #4, #9» / «Без ошибок» (warnings named after the errors). */
  verdict(i: number): string;
  /** The address lower-cased with ё → е, for the search box. */
  searchable(i: number): string;
}

export const ruleNumberOf = (ruleIds: readonly string[], r: number): string => {
  const id = ruleIds[r] ?? '';
  return /^\d+$/.test(id) ? id : String(r + 1);
};

const fold = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');

/** `severityOf` names low-code rules' severities (the payload does not carry them); unknown = error. */
export function rowsModel(payload: RegistryRowsPayload, severityOf: (ruleId: string) => 'error' | 'warning' = () => 'error'): RowsModel {
  const R = payload.ruleIds.length;
  const ruleNumbers = payload.ruleIds.map((_, r) => ruleNumberOf(payload.ruleIds, r));
  const severities = payload.ruleIds.map((id) => (/^\d+$/.test(id) ? 'error' : severityOf(id)));
  const failedCounts = new Array<number>(R).fill(0);
  const status = payload.checkStatus;
  const cleanFlags = new Uint8Array(payload.count);
  for (let i = 0; i < payload.count; i++) {
    let clean = 1;
    for (let r = 0; r < R; r++) {
      if (status[i * R + r] !== FAILED) continue;
      failedCounts[r] = (failedCounts[r] ?? 0) + 1;
      if (severities[r] === 'error') clean = 0;
    }
    cleanFlags[i] = clean;
  }
  const indexOf = new Map<number, number>();
  payload.rowNo.forEach((no, i) => indexOf.set(no, i));
  const districts = [...new Set(payload.territory.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'ru'));
  const verdicts = new Array<string | undefined>(payload.count);
  let folded: string[] | null = null;

  return {
    payload,
    ruleNumbers,
    failedCounts,
    severities,
    indexOf,
    districts,
    addressPrefix: sharedAddressPrefix(payload.address),
    failed: (i, r) => status[i * R + r] === FAILED,
    clean: (i) => cleanFlags[i] === 1,
    verdict(i) {
      let v = verdicts[i];
      if (v !== undefined) return v;
      const errors: string[] = [];
      const warnings: string[] = [];
      for (let r = 0; r < R; r++) if (status[i * R + r] === FAILED) (severities[r] === 'warning' ? warnings : errors).push(`#${ruleNumbers[r]}`);
      const parts: string[] = [];
      if (errors.length > 0) parts.push(`Есть ошибки ${errors.join(', ')}`);
      if (warnings.length > 0) parts.push(`${errors.length > 0 ? 'предупреждения' : 'Предупреждения'} ${warnings.join(', ')}`);
      v = parts.length > 0 ? parts.join('; ') : 'Без ошибок';
      verdicts[i] = v;
      return v;
    },
    searchable(i) {
      folded ??= payload.address.map(fold);
      return folded[i] ?? '';
    },
  };
}

/** The grid's rows: one small object per row, statuses from RowStates (same order as the payload), -1 without. */
export function gridRows(payload: RegistryRowsPayload, states: RowStates | null): ReviewRow[] {
  const out = new Array<ReviewRow>(payload.count);
  for (let i = 0; i < payload.count; i++) out[i] = { id: String(payload.rowNo[i]), i, status: states ? (states.status[i] ?? 0) : -1 };
  return out;
}

/** What the grid shows: a status tab, a failed rule, address text, a district, and optionally a set of rows. */
export interface RowFilter {
  /** null = Все; else a RowStates status code */
  tab: number | null;
  rule: number | null;
  address: string;
  district: string;
  /** Row indexes to keep (rows whose verdict a rule edit changes); null = no such filter. */
  only: ReadonlySet<number> | null;
}

export const NO_FILTER: RowFilter = { tab: null, rule: null, address: '', district: '', only: null };

/** The test of every filter except the status tab: the tabs count what it lets through. */
export function passesExceptTab(model: RowsModel, f: RowFilter, i: number): boolean {
  if (f.rule !== null && !model.failed(i, f.rule)) return false;
  if (f.district && model.payload.territory[i] !== f.district) return false;
  if (f.only && !f.only.has(i)) return false;
  if (f.address) {
    const words = fold(f.address).split(/\s+/).filter(Boolean);
    const text = model.searchable(i);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export const hasFilter = (f: RowFilter): boolean => f.tab !== null || f.rule !== null || f.address !== '' || f.district !== '' || f.only !== null;

/** Rows per tab over the other filters: [Все, Требует решения, Согласован, Не согласован]. */
export function tabCounts(model: RowsModel, rows: readonly ReviewRow[], f: RowFilter): [number, number, number, number] {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  const any = f.rule !== null || f.address !== '' || f.district !== '' || f.only !== null;
  for (const row of rows) {
    if (any && !passesExceptTab(model, f, row.i)) continue;
    counts[0]++;
    if (row.status >= 0) counts[(row.status + 1) as 1 | 2 | 3]++;
  }
  return counts;
}

/** A decimal string of the API («1234.5678», «-0.5») as an integer of 10⁻⁴, without going through floats. */
export function scaled4(text: string | null): number {
  if (text === null || text === '') return Number.NaN;
  const m = /^(-?)(\d*)(?:\.(\d{0,4})\d*)?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const v = Number(m[2] || '0') * 10_000 + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -v : v;
}

/** The payload's rows in the check engine's columns, so the browser worker can check the stored registry again. */
export function registryRowsOf(p: RegistryRowsPayload): RegistryRows {
  const n = p.count;
  const rows = emptyRegistryRows(n);
  rows.fileRow.set(p.rowNo);
  for (const c of REGISTRY_COLUMNS) {
    switch (c.kind) {
      case 'text':
      case 'date':
        rows[c.key] = 'lowerCase' in c ? p[c.key].map((s) => s.trim().toLowerCase()) : p[c.key];
        break;
      case 'integer': {
        const from = p[c.key];
        for (let i = 0; i < n; i++) rows[c.key][i] = from[i] ?? Number.NaN;
        break;
      }
      case 'decimal': {
        const from = p[c.key];
        for (let i = 0; i < n; i++) rows[c.key][i] = scaled4(from[i] ?? null);
        break;
      }
      case 'money': {
        // kopecks → 10⁻⁴ руб.
        const from = p[c.key];
        for (let i = 0; i < n; i++) {
          const k = from[i];
          rows[c.key][i] = k === null || k === undefined ? Number.NaN : k * 100;
        }
        break;
      }
      default:
        c satisfies never;
    }
  }
  return rows;
}
