import { fmtVolume } from '../format.ts';
import { failWith, pass, skip, type RowRule } from '../row-context.ts';

/**
 * 9. The month's volume is within 50% of the house's average over the previous 12 months (at least 3 of
 * them with data). Compared in integers: |v·n − Σ| / Σ > t  ⇔  |v·n − Σ|·10⁴ > t·Σ, with t in 10^-4.
 */
export const volumeJumpRule: RowRule = {
  id: '9',
  title: 'Резкое изменение объемов',
  check(ctx, out) {
    const vl = ctx.rows.vLiving[ctx.i] ?? Number.NaN;
    const vo = ctx.rows.vOdn[ctx.i] ?? Number.NaN;
    if (Number.isNaN(vl)) return skip(out, 'Не указан объем потребления');
    const v = vl + (Number.isNaN(vo) ? 0 : vo);
    const months = ctx.fias ? ctx.volumes?.get(ctx.fias) : undefined;
    let n = 0;
    let sum = 0;
    if (months) {
      for (const key of ctx.historyMonths) {
        const m = months.get(key);
        if (m !== undefined) {
          n++;
          sum += m;
        }
      }
    }
    if (n < ctx.params.minHistoryMonths) return skip(out, `История объемов менее ${ctx.params.minHistoryMonths} месяцев (${n})`);
    if (sum === 0 && v === 0) return pass(out);
    const unit = ctx.unit;
    const avg = Math.round(sum / n); // shown to 4 decimals only; the verdict below is exact
    if (sum === 0) return failWith(out, `Среднее значение объема по данному дому 0,0000 ${unit}, в отчетном месяце ${fmtVolume(v)} ${unit}`);
    if (jumped(v, n, sum, ctx.params.jumpThreshold)) {
      const pct = Math.round(((v * n - sum) / sum) * 100);
      return failWith(out, `Среднее значение объема по данному дому ${fmtVolume(avg)} ${unit} (дельта ${pct < 0 ? '−' : '+'}${Math.abs(pct)}%)`);
    }
    pass(out);
  },
};

/** |v·n − Σ|·10⁴ > t·Σ, in doubles while every term stays below 2^53 (any real house), in BigInt beyond. */
function jumped(v: number, n: number, sum: number, threshold: number): boolean {
  const vn = v * n;
  const diff = vn - sum;
  if (Math.abs(vn) < 9e14 && sum < 9e14 && Math.abs(diff) < 9e11 && threshold * sum < 9e15) return Math.abs(diff) * 10_000 > threshold * sum;
  const d = BigInt(v) * BigInt(n) - BigInt(sum);
  return (d < 0n ? -d : d) * 10_000n > BigInt(threshold) * BigInt(sum);
}
