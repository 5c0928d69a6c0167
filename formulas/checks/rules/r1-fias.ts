import { failWith, pass, type RowRule } from '../row-context.ts';

/** 1. The house is in the address register (ФИАС/ГАР) by its GUID, compared case-insensitively. */
export const fiasRule: RowRule = {
  id: '1',
  title: 'Корректность адреса: наличие в ФИАС',
  check(ctx, out) {
    if (ctx.fias === '') return failWith(out, 'Не указан код дома по ФИАС');
    if (!ctx.fiasIsGuid) return failWith(out, `Код дома по ФИАС «${ctx.rows.fiasId[ctx.i]}» не является GUID`);
    if (!ctx.house) return failWith(out, `Дом с кодом ФИАС ${ctx.fias} не найден в реестре домов`);
    pass(out);
  },
};
