import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import { STATUS } from '../../../../formulas/checks/types.ts';
import type { RegistryRows } from '../../../../formulas/registry/types.ts';

/** One registry row as the grid shows it: the file's values and the verdict of the checks. */
export interface RegistryGridRow {
  /** Row index in the registry, as text for `getRowId`. */
  id: string;
  index: number;
  n: number | null;
  address: string;
  fias: string;
  /** 10⁻⁴ руб. */
  eot: number | null;
  lt: number | null;
  /** 10⁻⁴ units of the service */
  vLiving: number | null;
  vOdn: number | null;
  /** declared, 10⁻⁴ руб. */
  subsidy: number | null;
  /** expected, kopecks */
  expected: number | null;
  /** «Есть ошибки #4, #9» / «Пройдены» */
  verdict: string;
  /** Indexes of the rules the row failed. */
  failed: number[];
  hasErrors: boolean;
}

/** A rule of the run as the page names it, with how many rows it failed and skipped. */
export interface RuleSummary {
  index: number;
  /** «4» for the built-in checks; a low-code rule is numbered after them by its place («10»). */
  number: string;
  title: string;
  severity: 'error' | 'warning';
  failed: number;
  skipped: number;
}

const orNull = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/** The number users call a rule by: its id when it is one, its place in the rule set otherwise. */
export const ruleNumber = (result: RegistryCheckResult, r: number): string => {
  const id = result.ruleIds[r] ?? '';
  return /^\d+$/.test(id) ? id : String(r + 1);
};

export function ruleSummaries(result: RegistryCheckResult, count: number): RuleSummary[] {
  const R = result.ruleIds.length;
  const out: RuleSummary[] = result.ruleIds.map((_, r) => ({
    index: r,
    number: ruleNumber(result, r),
    title: result.ruleTitles[r] ?? '',
    severity: result.severities[r] ?? 'error',
    failed: 0,
    skipped: 0,
  }));
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < R; r++) {
      const s = result.status[i * R + r];
      const rule = out[r] as RuleSummary;
      if (s === STATUS.failed) rule.failed++;
      else if (s === STATUS.skipped) rule.skipped++;
    }
  }
  return out;
}

function verdictOf(errors: string[], warnings: string[]): string {
  const parts: string[] = [];
  if (errors.length > 0) parts.push(`Есть ошибки ${errors.map((n) => `#${n}`).join(', ')}`);
  if (warnings.length > 0) parts.push(`${parts.length > 0 ? 'предупреждения' : 'Предупреждения'} ${warnings.map((n) => `#${n}`).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'Пройдены';
}

/** The grid's rows for one result: built once per run (30,000 small objects take a few milliseconds). */
export function gridRows(rows: RegistryRows, result: RegistryCheckResult): RegistryGridRow[] {
  const R = result.ruleIds.length;
  const numbers = result.ruleIds.map((_, r) => ruleNumber(result, r));
  const out = new Array<RegistryGridRow>(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const failed: number[] = [];
    const errors: string[] = [];
    const warnings: string[] = [];
    for (let r = 0; r < R; r++) {
      if (result.status[i * R + r] !== STATUS.failed) continue;
      failed.push(r);
      (result.severities[r] === 'warning' ? warnings : errors).push(numbers[r] ?? '');
    }
    out[i] = {
      id: String(i),
      index: i,
      n: orNull(rows.n[i]),
      address: rows.address[i] ?? '',
      fias: rows.fias[i] ?? '',
      eot: orNull(rows.eot[i]),
      lt: orNull(rows.lt[i]),
      vLiving: orNull(rows.vLiving[i]),
      vOdn: orNull(rows.vOdn[i]),
      subsidy: orNull(rows.subsidy[i]),
      expected: orNull(result.expected[i]),
      verdict: verdictOf(errors, warnings),
      failed,
      hasErrors: errors.length > 0,
    };
  }
  return out;
}

/** Rows with at least one failed error-severity rule. */
export const rowsWithErrors = (rows: readonly RegistryGridRow[]): number => rows.reduce((n, r) => n + (r.hasErrors ? 1 : 0), 0);
