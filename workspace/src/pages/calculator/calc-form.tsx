import { SUBSISTENCE_GROUPS, SUBSISTENCE_GROUP_TITLES, type SubsistenceGroup } from '../../../../formulas/standards/params.ts';
import { CATEGORIES, type Category, type Period } from '../../../../formulas/standards/types.ts';
import { AddressSearch } from './address-search.tsx';
import type { CalcState } from './calc-state.ts';
import { ErrorLine } from '../../error-line.tsx';

export const CATEGORY_CHOICES: Record<Category, string> = {
  owner: 'Собственник жилья',
  owner_no_kr: 'Собственник, не платящий взнос на капремонт',
  tenant: 'Наниматель (живу по договору найма)',
};

export const MEMBER_CHOICES: Record<SubsistenceGroup, string> = {
  working_age: 'Трудоспособный взрослый',
  pensioner: 'Пенсионер',
  child: 'Ребёнок',
};

type Update = (patch: Partial<CalcState>) => void;

function Amount({ id, label, hint, value, onInput }: { id: string; label: string; hint?: string; value: string; onInput: (v: string) => void }) {
  return (
    <div class="calc-field">
      <label for={id}>{label}</label>
      {hint && <p class="calc-hint">{hint}</p>}
      <div class="calc-money">
        <input id={id} class="calc-input" inputMode="decimal" autoComplete="off" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        <span aria-hidden="true">₽</span>
      </div>
    </div>
  );
}

/** The whole questionnaire on one page: house, family, income, category, payments, region parameters. */
export function CalcForm({ state, update, onSubmit }: { state: CalcState; update: Update; onSubmit: () => void }) {
  const setMember = (i: number, g: SubsistenceGroup) => update({ members: state.members.map((m, j) => (j === i ? g : m)) });
  const period = (p: Period, v: string, key: 'payment' | 'manualStandard') => update({ [key]: { ...state[key], [p]: v } });
  return (
    <form
      class="calc-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset class="calc-block">
        <legend>1. Ваш дом</legend>
        {state.manual ? (
          <>
            <Amount id="calc-standard-heating" label="Стандарт на одного человека в отопительный период" value={state.manualStandard.heating} onInput={(v) => period('heating', v, 'manualStandard')} />
            <Amount id="calc-standard-summer" label="Стандарт на одного человека в неотопительный период" value={state.manualStandard.non_heating} onInput={(v) => period('non_heating', v, 'manualStandard')} />
            <button type="button" class="calc-link" onClick={() => update({ manual: false })}>
              Найти дом по адресу
            </button>
          </>
        ) : state.house ? (
          <div class="calc-house">
            <p>
              <strong>{state.house.address}</strong>
            </p>
            {!state.house.standards && <ErrorLine quiet>{state.house.reason ?? 'Для этого дома стандарт пока не рассчитан.'}</ErrorLine>}
            <button type="button" class="calc-link" onClick={() => update({ house: null })}>
              Выбрать другой дом
            </button>
          </div>
        ) : (
          <>
            <label for="calc-address">Адрес дома</label>
            <p class="calc-hint">Начните вводить улицу и номер дома — мы найдём стандарт стоимости ЖКУ для вашего дома.</p>
            <AddressSearch id="calc-address" onPick={(house) => update({ house })} />
            <button type="button" class="calc-link" onClick={() => update({ manual: true })}>
              Я знаю стандарт, введу вручную
            </button>
          </>
        )}
      </fieldset>

      <fieldset class="calc-block">
        <legend>2. Кто живёт в семье</legend>
        <ol class="calc-members">
          {state.members.map((m, i) => (
            <li key={i}>
              <label for={`calc-member-${i}`}>Человек {i + 1}</label>
              <select id={`calc-member-${i}`} class="calc-input" value={m} onChange={(e) => setMember(i, e.currentTarget.value as SubsistenceGroup)}>
                {SUBSISTENCE_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {MEMBER_CHOICES[g]}
                  </option>
                ))}
              </select>
              {state.members.length > 1 && (
                <button type="button" class="calc-link" aria-label={`Убрать человека ${i + 1}`} onClick={() => update({ members: state.members.filter((_, j) => j !== i) })}>
                  Убрать
                </button>
              )}
            </li>
          ))}
        </ol>
        <button type="button" class="button" onClick={() => update({ members: [...state.members, 'working_age'] })}>
          Добавить человека
        </button>
      </fieldset>

      <fieldset class="calc-block">
        <legend>3. Доход семьи</legend>
        <Amount
          id="calc-income"
          label="Доход всей семьи за последние 6 месяцев"
          hint="Зарплаты, пенсии, пособия, стипендии всех членов семьи вместе, до вычета налога."
          value={state.income6m}
          onInput={(v) => update({ income6m: v })}
        />
      </fieldset>

      <fieldset class="calc-block">
        <legend>4. Вы живёте как</legend>
        {CATEGORIES.map((c) => (
          <label key={c} class="calc-choice">
            <input type="radio" name="calc-category" value={c} checked={state.category === c} onChange={() => update({ category: c })} />
            {CATEGORY_CHOICES[c]}
          </label>
        ))}
      </fieldset>

      <fieldset class="calc-block">
        <legend>5. Сколько вы платите за ЖКУ в месяц</legend>
        <Amount id="calc-pay-heating" label="Зимой, в отопительный период" value={state.payment.heating} onInput={(v) => period('heating', v, 'payment')} />
        <Amount id="calc-pay-summer" label="Летом, в неотопительный период" value={state.payment.non_heating} onInput={(v) => period('non_heating', v, 'payment')} />
      </fieldset>

      <details class="calc-block calc-params">
        <summary>Параметры региона для расчёта</summary>
        <p class="calc-hint">Значения, утверждённые в регионе. Специалист может изменить их, если они поменялись.</p>
        <div class="calc-field">
          <label for="calc-mdd">Максимально допустимая доля расходов на ЖКУ (МДД), %</label>
          <input id="calc-mdd" class="calc-input calc-input--short" inputMode="decimal" value={state.mddPercent} onInput={(e) => update({ mddPercent: e.currentTarget.value })} />
        </div>
        {SUBSISTENCE_GROUPS.map((g) => (
          <Amount
            key={g}
            id={`calc-pm-${g}`}
            label={`Прожиточный минимум: ${SUBSISTENCE_GROUP_TITLES[g]}`}
            value={state.subsistence[g]}
            onInput={(v) => update({ subsistence: { ...state.subsistence, [g]: v } })}
          />
        ))}
      </details>

      <button type="submit" class="button button--primary calc-submit">
        Рассчитать субсидию
      </button>
    </form>
  );
}
