import { useEffect, useRef, useState } from 'preact/hooks';
import { parseScaled } from '../../../../formulas/parse/decimal.ts';
import { SUBSISTENCE_GROUPS, type SubsistenceGroup } from '../../../../formulas/standards/params.ts';
import { CATEGORIES } from '../../../../formulas/standards/types.ts';
import { AddressSearch } from './address-search.tsx';
import { CATEGORY_CHOICES, MEMBER_CHOICES } from './calc-form.tsx';
import type { CalcState } from './calc-state.ts';

type Step = 'house' | 'members' | 'income' | 'category' | 'pay-heating' | 'pay-summer' | 'done';

interface Message {
  who: 'bot' | 'me';
  text: string;
}

const QUESTIONS: Record<Exclude<Step, 'done'>, string> = {
  house: 'Здравствуйте! Я помогу посчитать субсидию на оплату ЖКУ. Для начала — в каком доме вы живёте? Напишите улицу и номер дома.',
  members: 'Кто живёт вместе с вами? Добавьте каждого члена семьи, включая себя, и нажмите «Это вся семья».',
  income: 'Какой доход был у всей семьи за последние 6 месяцев? Сложите зарплаты, пенсии, пособия и стипендии.',
  category: 'Вы собственник жилья или живёте по договору найма?',
  'pay-heating': 'Сколько вы платите за ЖКУ в месяц зимой, в отопительный период?',
  'pay-summer': 'А летом, в неотопительный период?',
};

const MEMBER_WORDS: Record<SubsistenceGroup, string> = { working_age: 'трудоспособный', pensioner: 'пенсионер', child: 'ребёнок' };

/** The same questions one at a time, as the «Умный помощник ЖКХ» chat-bot asks them. */
export function CalcChat({ state, update, onDone, onRestart }: {
  state: CalcState;
  update: (patch: Partial<CalcState>) => void;
  /** The last answer, which completes the state the answer is computed from. */
  onDone: (last: Partial<CalcState>) => void;
  onRestart: () => void;
}) {
  const [step, setStep] = useState<Step>('house');
  const [log, setLog] = useState<Message[]>([{ who: 'bot', text: QUESTIONS.house }]);
  const [members, setMembers] = useState<SubsistenceGroup[]>([]);
  const [text, setText] = useState('');
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [log, step]);

  const answer = (mine: string, next: Step, bot?: string) => {
    setLog((l) => [...l, { who: 'me', text: mine }, ...(bot ? [{ who: 'bot' as const, text: bot }] : []), ...(next === 'done' ? [] : [{ who: 'bot' as const, text: QUESTIONS[next] }])]);
    setStep(next);
    setText('');
  };

  const amount = (next: Step, apply: (v: string) => void) => {
    const r = parseScaled(text.replace(/руб\.?|₽/g, ''), 2);
    if (!r.ok || r.value < 0) {
      setLog((l) => [...l, { who: 'me', text }, { who: 'bot', text: 'Не получилось прочитать сумму. Напишите её цифрами, например 12 500 или 4 661,50.' }]);
      setText('');
      return;
    }
    apply(text.trim());
    answer(`${text.trim()} ₽`, next);
  };

  const restart = () => {
    setStep('house');
    setMembers([]);
    setLog([{ who: 'bot', text: QUESTIONS.house }]);
    update({ house: null, manual: false });
    onRestart();
  };

  return (
    <section class="calc-chat" aria-label="Пошаговый помощник">
      <ol class="calc-chat__log">
        {log.map((m, i) => (
          <li key={i} class={`calc-chat__msg calc-chat__msg--${m.who}`}>
            {m.text}
          </li>
        ))}
      </ol>
      <div class="calc-chat__answer" ref={end}>
        {step === 'house' && (
          <AddressSearch
            id="calc-chat-address"
            autoFocus
            onPick={(house) => {
              update({ house, manual: false });
              answer(house.address, 'members', house.standards ? undefined : `${house.reason ?? 'Для этого дома стандарт пока не рассчитан'}. Я всё равно задам остальные вопросы.`);
            }}
          />
        )}
        {step === 'members' && (
          <div class="calc-chat__buttons">
            {SUBSISTENCE_GROUPS.map((g) => (
              <button key={g} type="button" class="button" onClick={() => setMembers((m) => [...m, g])}>
                + {MEMBER_CHOICES[g]}
              </button>
            ))}
            <p class="calc-hint" aria-live="polite">
              {members.length === 0 ? 'Пока никого не добавили.' : `В семье: ${members.map((m) => MEMBER_WORDS[m]).join(', ')}.`}
            </p>
            <button
              type="button"
              class="button button--primary"
              disabled={members.length === 0}
              onClick={() => {
                update({ members });
                answer(`Нас ${members.length}: ${members.map((m) => MEMBER_WORDS[m]).join(', ')}`, 'income');
              }}
            >
              Это вся семья
            </button>
          </div>
        )}
        {step === 'category' && (
          <div class="calc-chat__buttons">
            {CATEGORIES.map((c) => (
              <button
                key={c}
                type="button"
                class="button"
                onClick={() => {
                  update({ category: c });
                  answer(CATEGORY_CHOICES[c], 'pay-heating');
                }}
              >
                {CATEGORY_CHOICES[c]}
              </button>
            ))}
          </div>
        )}
        {(step === 'income' || step === 'pay-heating' || step === 'pay-summer') && (
          <form
            class="calc-chat__form"
            onSubmit={(e) => {
              e.preventDefault();
              if (step === 'income') amount('category', (v) => update({ income6m: v }));
              else if (step === 'pay-heating') amount('pay-summer', (v) => update({ payment: { ...state.payment, heating: v } }));
              else amount('done', (v) => onDone({ payment: { ...state.payment, non_heating: v } }));
            }}
          >
            <label class="visually-hidden" for="calc-chat-amount">
              Сумма в рублях
            </label>
            <input id="calc-chat-amount" class="calc-input" inputMode="decimal" autoComplete="off" autoFocus value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit" class="button button--primary" disabled={text.trim() === ''}>
              Ответить
            </button>
          </form>
        )}
        {step === 'done' && (
          <button type="button" class="button" onClick={restart}>
            Начать заново
          </button>
        )}
      </div>
    </section>
  );
}
