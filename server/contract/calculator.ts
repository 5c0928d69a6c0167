/**
 * The citizens' calculator part of the HTTP API as data: what the public routes under `/api/calculator` return
 * (no session needed). Money is kopecks; МДД × 10⁴.
 *
 * Routes:
 *   GET  /calculator/houses?q=     CalculatorHouses: houses whose address has every word, with standards per member
 *   GET  /calculator/params        CalculatorParams: the region's МДД, subsistence minimums and S(n)
 *   POST /calculator/subsidy       { fias_id? | standard_per_member?, members, income_6m, category, payment, mdd?, subsistence_minimum? } → SubsidyAnswer
 */
import type { StandardParams } from '../../formulas/standards/params.ts';
import type { SubsidyInput, SubsidyResult } from '../../formulas/standards/subsidy.ts';
import type { Standards } from '../../formulas/standards/types.ts';
import type { StandardSetInfo } from './standards.ts';

export interface CalculatorHouse {
  fias_id: string;
  address: string;
  municipal_district: string;
  settlement: string;
  /** Kopecks per member per month; null with a reason when the house has no standard. */
  standards: Standards | null;
  reason: string | null;
  /** The published set the standards come from; null: computed now, not yet published. */
  source: Pick<StandardSetInfo, 'id' | 'title' | 'effective_from'> | null;
}

export interface CalculatorHouses {
  houses: CalculatorHouse[];
}

export interface CalculatorParams {
  mdd: StandardParams['mdd'];
  subsistence_minimum: StandardParams['subsistenceMinimum'];
  normative_area: StandardParams['normativeArea'];
}

/** The subsidy with its steps, and the standard, МДД and ПМ it was computed with (the region's unless the request gave its own). */
export interface SubsidyAnswer extends SubsidyResult {
  standard_per_member: SubsidyInput['standardPerMember'];
  mdd: SubsidyInput['mdd'];
  subsistence_minimum: SubsidyInput['subsistenceMinimum'];
  source: CalculatorHouse['source'];
}
