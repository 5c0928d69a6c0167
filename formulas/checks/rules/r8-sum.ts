import { fmtKopecks, fmtScaled4 } from '../format.ts';
import { failWith, pass, type RowRule } from '../row-context.ts';

/** 8. The declared subsidy equals (ЭОТ − ЛТ) × volume to the kopeck, and is not negative. */
export const sumRule: RowRule = {
  id: '8',
  title: 'Расчёт суммы субсидии',
  check(ctx, out) {
    const declared = ctx.rows.subsidy[ctx.i] ?? Number.NaN;
    const expected = ctx.expected;
    if (Number.isNaN(expected)) return failWith(out, 'Невозможно рассчитать субсидию: не указан тариф или объем');
    if (expected < 0) return failWith(out, `Расчетная субсидия отрицательна: ${fmtKopecks(expected)} руб. (ЛТ больше ЭОТ)`);
    if (Number.isNaN(declared)) return failWith(out, `Сумма субсидии не указана; расчетная ${fmtKopecks(expected)} руб.`);
    if (Math.abs(declared - expected * 100) > ctx.params.sumTolerance) {
      return failWith(out, `Заявлено ${fmtScaled4(declared)} руб., расчетная сумма ${fmtKopecks(expected)} руб.`);
    }
    pass(out);
  },
};
