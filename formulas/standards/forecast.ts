/**
 * Forecast for the next period: every tariff times its service's indexation factor (rounded half up to
 * 10^-4 руб., as a tariff is written), then the same grouping and standards. Housing rates (maintenance,
 * capital repair, rent) are set by the municipalities and are not indexed here.
 */
import { divRoundHalfUp } from '../money.ts';
import { computeStandardSet, type StandardSet, type StandardsInput } from './model.ts';
import type { StandardParams } from './params.ts';

/** Factors × 10^4 per service; a service without a factor keeps its tariff. */
export function indexTariffs(input: StandardsInput, factors: Record<string, number>): StandardsInput {
  return {
    ...input,
    services: input.services.map((s) => {
      const f = factors[s.service];
      return f === undefined ? s : { ...s, tariff: Number(divRoundHalfUp(BigInt(s.tariff) * BigInt(f), 10_000n)) };
    }),
  };
}

export function forecastStandardSet(input: StandardsInput, params: Pick<StandardParams, 'normativeArea'>, factors: Record<string, number>): StandardSet {
  return computeStandardSet(indexTariffs(input, factors), params);
}
