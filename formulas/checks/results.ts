import type { CheckOutput } from './engine.ts';
import { STATUS_NAMES, type CheckStatus } from './types.ts';

export interface RowCheck {
  status: CheckStatus;
  reason: string;
}

/** One row's verdicts keyed by rule id, as the CLI's JSON and the row card show them. */
export function rowChecks(out: CheckOutput, i: number): Record<string, RowCheck> {
  const R = out.ruleIds.length;
  const result: Record<string, RowCheck> = {};
  for (let r = 0; r < R; r++) {
    result[out.ruleIds[r] ?? String(r)] = { status: STATUS_NAMES[out.status[i * R + r] ?? 0] ?? 'skipped', reason: out.reasonTexts[out.reasonIds[i * R + r] ?? 0] ?? '' };
  }
  return result;
}

/** Ids of the rules a row failed: «Есть ошибки #4, #9». */
export function failedRules(out: CheckOutput, i: number): string[] {
  const R = out.ruleIds.length;
  const failed: string[] = [];
  for (let r = 0; r < R; r++) if (out.status[i * R + r] === 2) failed.push(out.ruleIds[r] ?? String(r));
  return failed;
}
