import { fmtVolume } from '../format.ts';
import { SEWERAGE } from '../linked-services.ts';
import { failWith, pass, skip, type RowRule } from '../row-context.ts';

/**
 * 10. Sewerage is the water that flowed in: the row's ВО volume v agrees with e = ХВС + ГВС of the house in
 * the period over every counted registry, within the relative tolerance t. Compared in integers:
 * |v − e| ≤ t·e  ⇔  |v − e|·10⁴ ≤ t·e, with t in 10^-4.
 */
export const linkedVolumesRule: RowRule = {
  id: '10',
  title: 'Согласованность объема ВО с ХВС и ГВС',
  check(ctx, out) {
    if (ctx.meta.service !== SEWERAGE) return skip(out, 'Проверка только для водоотведения');
    if (!ctx.foundInFias) return skip(out, 'Дом не найден в ФИАС');
    const water = ctx.linked?.get(ctx.fias);
    if (!water || water.coldRows === 0) return skip(out, 'Нет данных ХВС по дому за период');
    if (water.coldUnreadable > 0) return skip(out, 'В реестре ХВС за период не указан объем по дому');
    if (water.hotUnreadable > 0) return skip(out, 'В реестре ГВС за период не указан объем по дому');
    const vl = ctx.rows.vLiving[ctx.i] ?? Number.NaN;
    const vo = ctx.rows.vOdn[ctx.i] ?? Number.NaN;
    if (Number.isNaN(vl)) return skip(out, 'Не указан объем потребления');
    const v = vl + (Number.isNaN(vo) ? 0 : vo);
    const x = water.cold;
    const g = water.hot;
    const e = x + g;
    if (agrees(v, e, ctx.params.linkedTolerance)) return pass(out);
    const why = e === 0 ? 'ХВС и ГВС нулевые' : `отклонение ${signedPercent(v - e, e)}`;
    failWith(out, `Объем ВО ${fmtVolume(v)} не согласуется с ХВС + ГВС = ${fmtVolume(e)} (ХВС ${fmtVolume(x)}, ГВС ${fmtVolume(g)}; ${why})`);
  },
};

/** |v − e|·10⁴ ≤ t·e, in doubles while every term stays below 2^53 (any real house), in BigInt beyond. */
function agrees(v: number, e: number, t: number): boolean {
  const d = Math.abs(v - e);
  if (d < 9e11 && Math.abs(e) < 9e11 && t < 9e3) return d * 10_000 <= t * e;
  const bd = BigInt(v) - BigInt(e);
  return (bd < 0n ? -bd : bd) * 10_000n <= BigInt(t) * BigInt(e);
}

/** (d / e)·100 rounded half up to a whole percent, with its sign: «+20%», «−3%». */
function signedPercent(d: number, e: number): string {
  const num = BigInt(d) * 100n;
  const den = BigInt(e);
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const pct = (2n * a + b) / (2n * b);
  const negative = num < 0n !== den < 0n;
  return `${negative ? '−' : '+'}${pct}%`;
}
