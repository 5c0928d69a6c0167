import { formatRub } from '../../../../formulas/money.ts';
import { parseScaled } from '../../../../formulas/parse/decimal.ts';
import { standardParams, SUBSISTENCE_GROUPS, type SubsistenceGroup } from '../../../../formulas/standards/params.ts';
import { computeSubsidy, type SubsidyResult } from '../../../../formulas/standards/subsidy.ts';
import type { Category, FamilySize, Period } from '../../../../formulas/standards/types.ts';
import type { CalculatorHouse } from '../../../../server/contract/calculator.ts';
import { standardParamsTemplate } from '../../../../templates/index.ts';

/** A house the address search found, with the standards of its group (null and a reason when it has none). */
export type FoundHouse = Pick<CalculatorHouse, 'fias_id' | 'address' | 'standards' | 'reason'>;

/** What the family tells the calculator: text as typed, read when computing. */
export interface CalcState {
  house: FoundHouse | null;
  /** The standard typed in instead of found by address (руб. per member per month). */
  manual: boolean;
  manualStandard: Record<Period, string>;
  members: SubsistenceGroup[];
  income6m: string;
  category: Category;
  payment: Record<Period, string>;
  /** Region parameters, shown and editable: МДД in percent, ПМ by group in roubles. */
  mddPercent: string;
  subsistence: Record<SubsistenceGroup, string>;
}

const params = standardParams(standardParamsTemplate);


export const INITIAL_STATE: CalcState = {
  house: null,
  manual: false,
  manualStandard: { heating: '', non_heating: '' },
  members: ['working_age'],
  income6m: '',
  category: 'owner',
  payment: { heating: '', non_heating: '' },
  mddPercent: String(params.mdd / 100).replace('.', ','),
  subsistence: Object.fromEntries(SUBSISTENCE_GROUPS.map((g) => [g, formatRub(params.subsistenceMinimum[g])])) as Record<SubsistenceGroup, string>,
};

/** One thing the family still has to fix, named as the form names the field. */
export interface CalcProblem {
  field: string;
  message: string;
}

export type CalcOutcome = { ok: true; result: SubsidyResult; standard: Record<Period, number> } | { ok: false; problems: CalcProblem[] };

export const familySize = (n: number): FamilySize => (n >= 3 ? '3' : n === 2 ? '2' : '1');

function money(text: string, field: string, problems: CalcProblem[], { positive = false } = {}): number {
  if (text.trim() === '') {
    problems.push({ field, message: 'укажите сумму' });
    return 0;
  }
  const r = parseScaled(text.replace(/руб\.?|₽/g, ''), 2);
  if (!r.ok) problems.push({ field, message: 'введите сумму цифрами, например 12 500 или 4 661,50' });
  else if (r.value < 0 || (positive && r.value === 0)) problems.push({ field, message: positive ? 'сумма должна быть больше нуля' : 'сумма не может быть отрицательной' });
  return r.ok ? r.value : 0;
}

/** The standard per member the family's house has for its category and size. */
export function standardFor(state: CalcState, problems: CalcProblem[]): Record<Period, number> {
  if (state.manual) {
    return {
      heating: money(state.manualStandard.heating, 'Стандарт в отопительный период', problems, { positive: true }),
      non_heating: money(state.manualStandard.non_heating, 'Стандарт в неотопительный период', problems, { positive: true }),
    };
  }
  if (!state.house) {
    problems.push({ field: 'Адрес дома', message: 'найдите свой дом по адресу или введите стандарт вручную' });
    return { heating: 0, non_heating: 0 };
  }
  if (!state.house.standards) {
    problems.push({ field: 'Адрес дома', message: state.house.reason ?? 'для этого дома стандарт пока не рассчитан' });
    return { heating: 0, non_heating: 0 };
  }
  return state.house.standards[state.category][familySize(state.members.length)];
}

/** Reads the form and computes the subsidy with the same code the server and `sverka subsidy` use. */
export function computeFromState(state: CalcState): CalcOutcome {
  const problems: CalcProblem[] = [];
  if (state.members.length === 0) problems.push({ field: 'Состав семьи', message: 'добавьте хотя бы одного человека' });
  const standard = standardFor(state, problems);
  const income6m = money(state.income6m, 'Доход семьи за 6 месяцев', problems);
  const payment = {
    heating: money(state.payment.heating, 'Платёж в отопительный период', problems),
    non_heating: money(state.payment.non_heating, 'Платёж в неотопительный период', problems),
  };
  const mdd = parseScaled(state.mddPercent.replace('%', ''), 2);
  if (!mdd.ok || mdd.value <= 0 || mdd.value > 10_000) problems.push({ field: 'МДД', message: 'доля от 0 до 100 процентов, например 22' });
  const subsistence = Object.fromEntries(
    SUBSISTENCE_GROUPS.map((g) => [g, money(state.subsistence[g], `Прожиточный минимум (${g === 'working_age' ? 'трудоспособный' : g === 'pensioner' ? 'пенсионер' : 'ребёнок'})`, problems, { positive: true })]),
  ) as Record<SubsistenceGroup, number>;
  if (problems.length > 0 || !mdd.ok) return { ok: false, problems };
  const result = computeSubsidy({
    members: state.members,
    income6m,
    category: state.category,
    standardPerMember: standard,
    payment,
    mdd: mdd.value,
    subsistenceMinimum: subsistence,
  });
  return { ok: true, result, standard };
}
