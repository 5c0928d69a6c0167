import { failWith, pass, skip, type RowRule } from '../row-context.ts';

/** 2. The row's territory is the house's municipal district (names compared normalised). */
export const districtRule: RowRule = {
  id: '2',
  title: 'Корректность адреса: соответствие МР',
  check(ctx, out) {
    if (!ctx.foundInFias || !ctx.house) return skip(out, 'Дом не найден в ФИАС');
    if (ctx.territoryKey !== ctx.house.districtKey) {
      const territory = ctx.rows.territory[ctx.i] ?? '';
      return failWith(out, `Территория «${territory || '—'}» не совпадает с муниципальным районом дома «${ctx.house.district}»`);
    }
    pass(out);
  },
};
