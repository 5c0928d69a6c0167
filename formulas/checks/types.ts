import type { RegistryMeta, RegistryRows } from '../registry/types.ts';
import type { HistoryIndex } from './history-index.ts';
import type { ReferenceIndex } from './reference-index.ts';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** Status codes in the output arrays: 0 = the rule did not run (never for a completed run). */
export const STATUS = { passed: 1, failed: 2, skipped: 3 } as const;
export const STATUS_NAMES: readonly (CheckStatus | null)[] = [null, 'passed', 'failed', 'skipped'];

/** Parameters of the built-in checks, as exact integers (10^-4 units) where they are amounts. */
export interface RuleParams {
  /** Tolerance of checks 4 and 5, 10^-4 руб. (0.005 руб. = 50). */
  tariffTolerance: number;
  /** Tolerance of check 8, 10^-4 руб. (0.01 руб. = 100). */
  sumTolerance: number;
  /** Relative jump of check 9, 10^-4 (0.5 = 5000). */
  jumpThreshold: number;
  historyMonths: number;
  minHistoryMonths: number;
  minCommissioningYear: number;
  /** Relative tolerance of check 10, 10^-4 (0.02 = 200). */
  linkedTolerance: number;
}

/** A rule written by an analyst as a spreadsheet formula over the row's named fields. */
export interface CustomRuleSpec {
  id: string;
  title: string;
  severity: 'error' | 'warning';
  /** HyperFormula syntax with fields in brackets: `=AND([v_odn]>0, [v_odn]>[v_living])`. TRUE = the row violates the rule. */
  formula: string;
  /** Russian message with `{field}` placeholders. */
  message: string;
}

/** A rule set template (templates/rules/*.json). */
export interface RuleSetTemplate {
  id: string;
  version: number;
  title: string;
  params: {
    tariff_tolerance_rub: string;
    sum_tolerance_rub: string;
    jump_threshold: string;
    history_months: number;
    min_history_months: number;
    min_commissioning_year: number;
    /** Check 10's relative tolerance; rule sets saved before check 10 have none and read DOMAIN.md's 0.02. */
    linked_tolerance?: string;
  };
  custom: CustomRuleSpec[];
}

/** Everything one run of the checks needs; all of it plain data, so it crosses a worker boundary. */
export interface CheckInput {
  meta: RegistryMeta;
  rows: RegistryRows;
  reference: ReferenceIndex;
  history: HistoryIndex;
  params: RuleParams;
}

/** What one rule says about one row. The engine reuses one object per rule to keep the loop allocation-free. */
export interface Verdict {
  status: CheckStatus;
  reason: string;
}
