/**
 * Standards of a region by a given version of the formula template. The exact evaluator of standard.ts is
 * the shipped template's formula computed on integers; when the template in force has other formulas (an
 * analyst's low-code version), every group with a standard is evaluated by HyperFormula instead, in one
 * workbook (bulk.ts), and a group whose formula errs gets no standard and the error as its reason.
 */
import { evaluateTemplate, type BulkGroup } from './bulk.ts';
import type { StandardSet } from './model.ts';
import type { StandardParams } from './params.ts';
import type { StandardFormulaTemplate } from './sheet.ts';
import { CATEGORIES } from './types.ts';

// only spaces are dropped: any other difference, even of letter case, is evaluated as written
const formula = (f: string): string => f.replace(/\s+/g, '');

/** The same formulas (spaces aside): the same standards. Description and version aside. */
export function sameFormulas(a: StandardFormulaTemplate, b: StandardFormulaTemplate): boolean {
  return formula(a.heating) === formula(b.heating) && formula(a.non_heating) === formula(b.non_heating)
    && CATEGORIES.every((c) => formula(a.housing[c]) === formula(b.housing[c]));
}

/**
 * `set` with its standards by `template`. `exact` is the template the exact evaluator implements (the
 * shipped one): with the same formulas the set is returned as it is. Groups without a standard for a reason
 * of their data (no МО rates, a doubled service) keep that reason.
 */
export function standardsByTemplate(set: StandardSet, template: StandardFormulaTemplate, exact: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): StandardSet {
  if (sameFormulas(template, exact)) return set;
  const inputs: BulkGroup[] = [];
  const at: number[] = [];
  set.groups.forEach((g, i) => {
    if (g.rates && g.standards) {
      inputs.push({ id: g.id, rates: g.rates, services: g.key.services });
      at.push(i);
    }
  });
  const outcomes = evaluateTemplate(inputs, template, params);
  const groups = [...set.groups];
  outcomes.forEach((o, k) => {
    const i = at[k] as number;
    groups[i] = { ...(groups[i] as (typeof groups)[number]), standards: o.standards, reason: o.reason };
  });
  return { groups, houses: set.houses };
}
