import type { StandardParams } from '../../../../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../../../../formulas/standards/sheet.ts';
import type { BulkGroup } from '../../../../formulas/standards/bulk.ts';
import type { Standards } from '../../../../formulas/standards/types.ts';

/** One group as the standards worker needs it: the housing rates and the service lines of its key. */
export type StandardsGroupInput = BulkGroup;

/**
 * Every group's 18 standards in one flat array, transferred rather than copied: group `g`, slot `s` is
 * `values[g * STANDARD_SLOTS.length + s]`, kopecks, NaN where the template's formula gave an error.
 */
export interface StandardsEvaluation {
  ids: string[];
  values: Float64Array;
  /** Time spent in the worker: building the HyperFormula workbook and reading every standard. */
  ms: number;
  /** Formula cells evaluated. */
  formulas: number;
}

/** A tariff or norm edited in the workbook the worker keeps, and the group's standards after it. */
export interface StandardsEdit {
  standards: Standards | null;
  ms: number;
}

/**
 * The standards worker: evaluates the formula template with HyperFormula for every group at once and keeps
 * the workbook, so an edited tariff or norm recalculates only what depends on it. Plain data in and out, so
 * the same service runs in a Web Worker (comlink) and in-thread in tests.
 */
export interface StandardsServiceApi {
  evaluate(groups: StandardsGroupInput[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): StandardsEvaluation;
  /** Tariff or norm in 10⁻⁴ units, as in `ServiceLine`. */
  edit(groupId: string, service: string, patch: { tariff?: number; norm?: number }): StandardsEdit;
}

export { STANDARD_SLOTS, standardsAt } from '../../../../formulas/standards/bulk.ts';
