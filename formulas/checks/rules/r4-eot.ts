import type { RowRule } from '../row-context.ts';
import { checkTariff } from './tariff-match.ts';

/** 4. The economically justified tariff matches a decision of БПТР valid for the row. */
export const eotRule: RowRule = {
  id: '4',
  title: 'Корректность ЭОТ',
  check: (ctx, out) => checkTariff(ctx, out, ctx.rows.eot[ctx.i] ?? Number.NaN, (t) => t.eot, 'ЭОТ'),
};
