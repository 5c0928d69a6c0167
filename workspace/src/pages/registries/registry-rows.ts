import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import { STATUS } from '../../../../formulas/checks/types.ts';

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

/** Rows failing at least one error-severity rule (warnings of low-code rules do not count). */
export function rowsWithErrors(result: RegistryCheckResult, count: number): number {
  const R = result.ruleIds.length;
  let n = 0;
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < R; r++) {
      if (result.status[i * R + r] === STATUS.failed && result.severities[r] !== 'warning') {
        n++;
        break;
      }
    }
  }
  return n;
}
