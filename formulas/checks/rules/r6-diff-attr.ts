import { inRange, parseDiffAttr } from '../../registry/diff-attr.ts';
import { fmtDate } from '../format.ts';
import { failWith, pass, skip, type RowRule } from '../row-context.ts';

/** 6. The commissioning date lies in the range the row declares as its tariff differentiation. */
export const diffAttrRule: RowRule = {
  id: '6',
  title: 'Соответствие даты ввода доп. признаку',
  check(ctx, out) {
    if (ctx.date === null) return skip(out, 'Нет читаемой даты ввода');
    const text = ctx.rows.diffAttr[ctx.i] ?? '';
    let range = ctx.diffAttrs.get(text);
    if (!range) ctx.diffAttrs.set(text, (range = parseDiffAttr(text)));
    if (!range.ok) return failWith(out, range.message);
    if (range.value === null) return skip(out, 'Признак дифференциации не указан («с -- по --»)');
    if (!inRange(ctx.date, range.value)) return failWith(out, `Дата ввода ${fmtDate(ctx.date)} вне признака «${text}»`);
    pass(out);
  },
};
