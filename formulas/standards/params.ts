/**
 * Parameters of the standards and the subsidy (templates/standards/params.json) as exact integers.
 * The JSON keeps decimals as strings so no value ever passes through a float.
 */
import { parseScaled } from '../parse/decimal.ts';
import type { Kopecks } from '../money.ts';
import type { FamilySize } from './types.ts';

export const SUBSISTENCE_GROUPS = ['working_age', 'pensioner', 'child'] as const;
export type SubsistenceGroup = (typeof SUBSISTENCE_GROUPS)[number];

export const SUBSISTENCE_GROUP_TITLES: Record<SubsistenceGroup, string> = {
  working_age: 'трудоспособный',
  pensioner: 'пенсионер',
  child: 'ребёнок',
};

/** The template's JSON shape. */
export interface StandardParamsTemplate {
  normative_area: Record<FamilySize, string>;
  area_tolerance: string;
  mdd: string;
  subsistence_minimum: Record<SubsistenceGroup, string>;
  indexation: Record<string, string>;
}

export interface StandardParams {
  /** Normative area per member, m² × 100, for n = 1, 2, 3+. */
  normativeArea: Record<FamilySize, number>;
  /** Relative tolerance of the area check × 10^4 (1% = 100). */
  areaTolerance: number;
  /** Maximum share of income × 10^4 (22% = 2200). */
  mdd: number;
  subsistenceMinimum: Record<SubsistenceGroup, Kopecks>;
  /** Indexation factor per service × 10^4 (1.119 = 11190). */
  indexation: Record<string, number>;
}

function exact(text: string, scale: number, what: string): number {
  const r = parseScaled(text, scale);
  if (!r.ok) throw new Error(`templates/standards/params.json: ${what}: ${r.message}`);
  return r.value;
}

/** Reads the template; a malformed template is a bug of the deployment and throws. */
export function standardParams(t: StandardParamsTemplate): StandardParams {
  return {
    normativeArea: { '1': exact(t.normative_area['1'], 2, 'S(1)'), '2': exact(t.normative_area['2'], 2, 'S(2)'), '3': exact(t.normative_area['3'], 2, 'S(3+)') },
    areaTolerance: exact(t.area_tolerance, 4, 'area_tolerance'),
    mdd: exact(t.mdd, 4, 'mdd'),
    subsistenceMinimum: {
      working_age: exact(t.subsistence_minimum.working_age, 2, 'ПМ трудоспособных'),
      pensioner: exact(t.subsistence_minimum.pensioner, 2, 'ПМ пенсионеров'),
      child: exact(t.subsistence_minimum.child, 2, 'ПМ детей'),
    },
    indexation: Object.fromEntries(Object.entries(t.indexation).map(([s, f]) => [s, exact(f, 4, `индекс ${s}`)])),
  };
}
