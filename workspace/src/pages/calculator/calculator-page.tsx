import { useMemo, useState } from 'preact/hooks';
import { CalcChat } from './calc-chat.tsx';
import { CalcForm } from './calc-form.tsx';
import { CalcResult } from './calc-result.tsx';
import { computeFromState, INITIAL_STATE, type CalcState } from './calc-state.ts';
import './calculator.css';

type Mode = 'form' | 'chat';

/**
 * The citizens' subsidy calculator (ЖК РФ ст.159): public, no sign-in. A questionnaire on one page or the
 * same questions one at a time; the answer with every step of the computation, printable.
 */
export function CalculatorPage({ isPublic = false }: { isPublic?: boolean }) {
  const [mode, setMode] = useState<Mode>('form');
  const [state, setState] = useState<CalcState>(INITIAL_STATE);
  // the answer is shown for the answers as they were when «Рассчитать» was pressed (or the chat ended)
  const [asked, setAsked] = useState<CalcState | null>(null);
  const update = (patch: Partial<CalcState>) => setState((s) => ({ ...s, ...patch }));
  const outcome = useMemo(() => (asked ? computeFromState(asked) : null), [asked]);

  const switchTo = (m: Mode) => {
    setMode(m);
    setAsked(null);
  };

  return (
    <div class={`calc${isPublic ? ' calc--public' : ''}`}>
      {isPublic && (
        <header class="calc-top">
          <span class="calc-top__product">Сверка · Калькулятор субсидии</span>
          <a href="/" class="calc-top__login">
            Вход для сотрудников
          </a>
        </header>
      )}
      <div class="calc-page">
        <div class="calc-intro">
          <h1>Калькулятор субсидии на оплату жилья и коммунальных услуг</h1>
          <p>
            Узнайте, положена ли вашей семье субсидия на оплату ЖКУ и какой она может быть. Расчёт по статье 159 Жилищного кодекса: если
            расходы на ЖКУ по региональному стандарту больше допустимой доли дохода семьи, разницу возмещает субсидия.
          </p>
          <div class="calc-modes" role="tablist" aria-label="Как заполнить">
            <button type="button" role="tab" aria-selected={mode === 'form'} class="calc-mode" onClick={() => switchTo('form')}>
              Анкета на одной странице
            </button>
            <button type="button" role="tab" aria-selected={mode === 'chat'} class="calc-mode" onClick={() => switchTo('chat')}>
              Пошаговый помощник
            </button>
          </div>
        </div>
        {mode === 'form' ? (
          <CalcForm state={state} update={update} onSubmit={() => setAsked(state)} />
        ) : (
          <CalcChat
            state={state}
            update={update}
            onDone={(last) => {
              const next = { ...state, ...last };
              setState(next);
              setAsked(next);
            }}
            onRestart={() => setAsked(null)}
          />
        )}
        {outcome && !outcome.ok && (
          <div class="calc-problems" role="alert">
            <p>Чтобы посчитать, заполните ещё:</p>
            <ul>
              {outcome.problems.map((p, i) => (
                <li key={i}>
                  <strong>{p.field}</strong>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {outcome?.ok && <CalcResult result={outcome.result} state={asked ?? state} standard={outcome.standard} />}
      </div>
    </div>
  );
}
