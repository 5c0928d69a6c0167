import type { StandardParams } from '../../../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../../../formulas/standards/sheet.ts';
import { CATEGORIES, FAMILY_SIZES, PERIODS, type Category, type FamilySize, type HousingRates, type Period, type ServiceLine, type Standards } from '../../../formulas/standards/types.ts';

/** One group as the standards worker needs it: the housing rates and the service lines of its key. */
export interface StandardsGroupInput {
  id: string;
  rates: HousingRates;
  services: ServiceLine[];
}

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

/** The order of the 18 standards of a group in `StandardsEvaluation.values`. */
export const STANDARD_SLOTS: readonly { category: Category; n: FamilySize; period: Period }[] = CATEGORIES.flatMap((category) =>
  FAMILY_SIZES.flatMap((n) => PERIODS.map((period) => ({ category, n, period }))),
);

/** The standards of group number `g` from the flat array; null when any of them erred. */
export function standardsAt(values: Float64Array, g: number): Standards | null {
  const out = {} as Standards;
  for (let s = 0; s < STANDARD_SLOTS.length; s++) {
    const slot = STANDARD_SLOTS[s];
    const v = values[g * STANDARD_SLOTS.length + s];
    if (!slot || v === undefined || Number.isNaN(v)) return null;
    out[slot.category] ??= {} as Standards[Category];
    out[slot.category][slot.n] ??= { heating: 0, non_heating: 0 };
    out[slot.category][slot.n][slot.period] = v;
  }
  return out;
}
