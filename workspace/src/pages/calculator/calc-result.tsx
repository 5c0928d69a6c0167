import { useEffect, useRef } from 'preact/hooks';
import type { SubsidyResult } from '../../../../formulas/standards/subsidy.ts';
import { CATEGORY_TITLES, PERIODS, PERIOD_TITLES, type Period } from '../../../../formulas/standards/types.ts';
import { formatRubles } from '../../format.ts';
import type { CalcState } from './calc-state.ts';

/** The reason without the heading's words it repeats: «Права на субсидию нет: стандарт…» → «Стандарт…». */
const plainReason = (reason: string): string => {
  const rest = reason.replace(/^Права на субсидию нет:\s*/, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
};

const PERIOD_HEADINGS: Record<Period, string> = { heating: 'В отопительный период', non_heating: 'В неотопительный период' };

/** The answer: the subsidy per month in each period (or why there is none) and every step that led to it. */
export function CalcResult({ result, state, standard }: { result: SubsidyResult; state: CalcState; standard: Record<Period, number> }) {
  const self = useRef<HTMLElement>(null);
  // a new answer comes into view: on a phone it is far below the button
  useEffect(() => self.current?.scrollIntoView({ block: 'start' }), [result]);
  return (
    <section ref={self} class="calc-result" aria-labelledby="calc-result-title" data-right={result.right ? 'yes' : 'no'}>
      <div class="calc-result__head">
        <h2 id="calc-result-title">{result.right ? 'Вам может быть назначена субсидия' : 'Права на субсидию нет'}</h2>
        <button type="button" class="button calc-print" onClick={() => window.print()}>
          Распечатать
        </button>
      </div>
      {!result.right && result.reason && <p class="calc-result__reason">{plainReason(result.reason)}.</p>}
      <div class="calc-result__periods">
        {PERIODS.map((p) => {
          const s = result[p];
          return (
            <div key={p} class="calc-period" data-period={p}>
              <p class="calc-period__title">{PERIOD_HEADINGS[p]}</p>
              <p class="calc-period__amount">{s.subsidy === null ? 'нет права' : `${formatRubles(s.subsidy)} в месяц`}</p>
              <p class="calc-period__note">
                {s.subsidy === null
                  ? `стандарт на семью ${formatRubles(s.cost)} не больше ${formatRubles(result.deduction)}, которые семья платит сама`
                  : s.capped
                    ? `равна вашему платежу ${formatRubles(s.payment)}: субсидия не больше того, что вы платите`
                    : `стандарт на семью ${formatRubles(s.cost)} минус ${formatRubles(result.deduction)}`}
              </p>
            </div>
          );
        })}
      </div>
      <p class="calc-result__summary">
        Семья из {result.n} чел., {CATEGORY_TITLES[state.category]}; {state.house && !state.manual ? `дом: ${state.house.address}; ` : ''}стандарт на
        человека: {formatRubles(standard.heating)} ({PERIOD_TITLES.heating}), {formatRubles(standard.non_heating)} ({PERIOD_TITLES.non_heating}).
      </p>
      <h3>Как посчитано</h3>
      <table class="calc-steps">
        <thead>
          <tr>
            <th scope="col">Шаг</th>
            <th scope="col">Расчёт</th>
            <th scope="col">Результат</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((s, i) => (
            <tr key={i}>
              <th scope="row">{s.label}</th>
              <td>{s.formula}</td>
              <td class="calc-steps__value">{s.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="calc-result__disclaimer">
        Это предварительный расчёт. Субсидию назначают на 6 месяцев органы социальной защиты по вашему заявлению и документам; каждый
        месяц считается по стандарту своего периода — отопительного или неотопительного.
      </p>
    </section>
  );
}
