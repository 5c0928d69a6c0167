import type { RowRule } from '../row-context.ts';
import { checkTariff } from './tariff-match.ts';

/** 5. The preferential tariff charged matches a decision of БПТР valid for the row. */
export const ltRule: RowRule = {
  id: '5',
  title: 'Корректность ЛТ',
  check: (ctx, out) => checkTariff(ctx, out, ctx.rows.lt[ctx.i] ?? Number.NaN, (t) => t.lt, 'ЛТ'),
};
