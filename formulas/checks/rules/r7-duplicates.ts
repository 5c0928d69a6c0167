import { periodTitle } from '../../registry/period.ts';
import { failWith, pass, skip, type RowRule } from '../row-context.ts';

const MAX_NAMED = 3;

/** 7. The house is claimed once for the service and month: not twice in this registry, not in another (any РСО). */
export const duplicatesRule: RowRule = {
  id: '7',
  title: 'Дублирование домов',
  check(ctx, out) {
    if (ctx.fias === '') return skip(out, 'Не указан код дома по ФИАС');
    const own = ctx.ownRows.get(ctx.fias);
    const places: string[] = [];
    if (own && own.length > 1) {
      // only the first few are named, so only they are looked at: a house repeated k times stays O(1) per row
      const named = own.slice(0, MAX_NAMED + 1).filter((j) => j !== ctx.i).slice(0, MAX_NAMED).map((j) => ctx.rows.fileRow[j]);
      const others = own.length - 1;
      places.push(`в этом реестре, ${others > 1 ? 'строки' : 'строка'} ${named.join(', ')}${others > MAX_NAMED ? '…' : ''}`);
    }
    const claims = ctx.claims?.get(ctx.fias);
    if (claims) for (const c of claims.slice(0, MAX_NAMED)) places.push(`в реестре ${c.label}, строка ${c.fileRow}`);
    if (claims && claims.length > MAX_NAMED) places.push(`и ещё в ${claims.length - MAX_NAMED}`);
    if (places.length > 0) return failWith(out, `Дом за ${periodTitle(ctx.period)} уже заявлен: ${places.join('; ')}`);
    pass(out);
  },
};
