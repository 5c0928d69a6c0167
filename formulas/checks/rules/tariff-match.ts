import { fmtScaled4 } from '../format.ts';
import { failWith, pass, type RowContext } from '../row-context.ts';
import type { TariffFacts, } from '../reference-index.ts';
import type { Verdict } from '../types.ts';

/** Checks 4 and 5 differ only in which tariff they compare: the shared logic of both. */
export function checkTariff(ctx: RowContext, out: Verdict, value: number, pick: (t: TariffFacts) => number, name: string): void {
  if (ctx.candidates.length === 0) return failWith(out, 'Тариф не найден в БПТР');
  if (Number.isNaN(value)) return failWith(out, `${name} не указан или не читается`);
  const tol = ctx.params.tariffTolerance;
  for (const t of ctx.candidates) if (Math.abs(pick(t) - value) <= tol) return pass(out);
  const expected = ctx.candidates.map((t) => `${fmtScaled4(pick(t))} (${t.decisionId})`).join(', ');
  failWith(out, `${name} ${fmtScaled4(value)} не совпадает с БПТР: ${expected}`);
}
