import type { Parsed } from '../problem.ts';
import type { DateRange } from '../registry/diff-attr.ts';
import type { Period } from '../registry/period.ts';
import type { RegistryMeta, RegistryRows } from '../registry/types.ts';
import type { Claim, HistoryIndex } from './history-index.ts';
import type { LinkedVolumes } from './linked-services.ts';
import type { HouseFacts, ReferenceIndex, TariffFacts } from './reference-index.ts';
import type { RuleParams, Verdict } from './types.ts';

/**
 * What the rules read about the current row. The engine fills it once per row (house lookup, date
 * reading, tariff candidates) so no rule repeats another's work; rules only read it.
 */
export interface RowContext {
  // the registry, fixed for the run
  meta: RegistryMeta;
  period: Period;
  rows: RegistryRows;
  params: RuleParams;
  reference: ReferenceIndex;
  history: HistoryIndex;
  /** fias → row indices of this registry (for duplicates inside it). */
  ownRows: Map<string, number[]>;
  /** Other registries' claims on houses for this period and service (check 7). */
  claims: Map<string, Claim[]> | undefined;
  /** Monthly volumes by house for this service (check 9). */
  volumes: Map<string, Map<string, number>> | undefined;
  /** ХВС and ГВС of each house in this period over the counted registries (check 10). */
  linked: Map<string, LinkedVolumes> | undefined;
  /** `YYYY-MM` of the history months of check 9, nearest first. */
  historyMonths: string[];
  /** Declared differentiation ranges by their text: a registry repeats a handful of them. */
  diffAttrs: Map<string, Parsed<DateRange | null>>;
  // the row
  i: number;
  /** The row's territory, normalised as district names compare. */
  territoryKey: string;
  fias: string;
  fiasIsGuid: boolean;
  house: HouseFacts | undefined;
  /** The commissioning date as written ('' = none). */
  dateText: string;
  /** ISO date when readable. */
  date: string | null;
  dateError: string | null;
  /** Tariff decisions of check 4/5 before comparing values: РСО, service, district, settlement, period, date range. */
  candidates: TariffFacts[];
  /** Verdict of check 1 on this row (check 2 depends on it). */
  foundInFias: boolean;
  /** Expected subsidy in kopecks (NaN when it cannot be computed). */
  expected: number;
  /** Unit of volume of the registry's service, for reasons. */
  unit: string;
}

/** A built-in row check: numbered as in DOMAIN.md, titled as users see it. */
export interface RowRule {
  id: string;
  title: string;
  check(ctx: RowContext, out: Verdict): void;
}

export const pass = (out: Verdict, reason = ''): void => {
  out.status = 'passed';
  out.reason = reason;
};
export const failWith = (out: Verdict, reason: string): void => {
  out.status = 'failed';
  out.reason = reason;
};
export const skip = (out: Verdict, reason: string): void => {
  out.status = 'skipped';
  out.reason = reason;
};
