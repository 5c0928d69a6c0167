import type { Month } from './calendar.ts';
import type { RuleNumber } from './params.ts';
import type { RegistryPlan, RegistryRow } from './registry-rows.ts';
import type { HistoryKey } from './volume-history.ts';

/** One РСО's registry of one month as the generator builds it, before it is written to a file. */
export interface MonthRegistry {
  plan: RegistryPlan;
  month: Month;
  rows: RegistryRow[];
  /** Multiplier of the error rates for this РСО and service. */
  sloppiness: number;
  /** Volume history key of each row, filled once the month's mistakes are in (see VolumeHistory.key). */
  historyKeys: (HistoryKey | null)[];
}

/** A failure the checks should report on a row. */
export interface ExpectedFailure {
  registry: MonthRegistry;
  row: RegistryRow;
  rule: RuleNumber;
  /** null: the mistake itself; a rule: a failure caused by a mistake of that kind; 0: none injected. */
  causedBy: RuleNumber | 0 | null;
  description: string;
}
