import { fmtDate } from '../format.ts';
import { failWith, pass, skip, type RowRule } from '../row-context.ts';

/** 3. The commissioning date is readable, not after the period, not before 1700, and agrees with the house registry's year. */
export const commissionedRule: RowRule = {
  id: '3',
  title: 'Корректность даты ввода в эксплуатацию',
  check(ctx, out) {
    if (ctx.dateText === '') return skip(out, 'Нет данных по дате ввода');
    if (ctx.date === null) return failWith(out, `Дата ввода «${ctx.dateText}» не читается: ${ctx.dateError ?? ''}`.trim());
    if (ctx.date > ctx.period.last) return failWith(out, `Дата ввода ${fmtDate(ctx.date)} позже отчетного периода`);
    const year = Number(ctx.date.slice(0, 4));
    if (year < ctx.params.minCommissioningYear) return failWith(out, `Дата ввода ${fmtDate(ctx.date)} раньше ${ctx.params.minCommissioningYear} года`);
    const known = ctx.house?.year ?? null;
    if (known !== null && known !== year) return failWith(out, `Год ввода ${year} не совпадает с реестром домов (${known})`);
    pass(out);
  },
};
