import { parseScaled } from '../parse/decimal.ts';
import type { RuleParams, RuleSetTemplate } from './types.ts';

/** DOMAIN.md's default for check 10, for rule sets saved before it existed. */
export const DEFAULT_LINKED_TOLERANCE = '0.02';

function scaled4(text: string, name: string): number {
  const r = parseScaled(text, 4);
  if (!r.ok || r.value < 0) throw new Error(`rule set parameter ${name}: ${r.ok ? 'negative' : r.message}`);
  return r.value;
}

/** Reads a rule set's parameters exactly; a broken template is a bug in the templates, so it throws. */
export function ruleParams(t: RuleSetTemplate): RuleParams {
  const p = t.params;
  return {
    tariffTolerance: scaled4(p.tariff_tolerance_rub, 'tariff_tolerance_rub'),
    sumTolerance: scaled4(p.sum_tolerance_rub, 'sum_tolerance_rub'),
    jumpThreshold: scaled4(p.jump_threshold, 'jump_threshold'),
    historyMonths: p.history_months,
    minHistoryMonths: p.min_history_months,
    minCommissioningYear: p.min_commissioning_year,
    linkedTolerance: scaled4(p.linked_tolerance ?? DEFAULT_LINKED_TOLERANCE, 'linked_tolerance'),
  };
}
