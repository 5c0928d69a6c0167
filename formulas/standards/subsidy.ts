/**
 * The household subsidy of the citizens' calculator (DOMAIN.md «Household subsidy»), computed exactly:
 * every comparison and the final amount are taken on integers (BigInt) over one common denominator, so
 * СД = income/6 and the K coefficient never lose a kopeck; only the amounts shown in the steps are rounded.
 */
import { divRoundHalfUp, formatRub, type Kopecks } from '../money.ts';
import { SUBSISTENCE_GROUPS, SUBSISTENCE_GROUP_TITLES, type SubsistenceGroup } from './params.ts';
import { PERIOD_TITLES, PERIODS, type Category, type Period } from './types.ts';

export interface SubsidyInput {
  /** One entry per family member: the subsistence-minimum group. */
  members: readonly SubsistenceGroup[];
  /** Total family income over the 6 months that count. */
  income6m: Kopecks;
  category: Category;
  /** The standard per member for this family size, by period. */
  standardPerMember: Record<Period, Kopecks>;
  /** The actual monthly payment for ЖКУ, by period. */
  payment: Record<Period, Kopecks>;
  /** Maximum share of income × 10^4 (22% = 2200). */
  mdd: number;
  subsistenceMinimum: Record<SubsistenceGroup, Kopecks>;
}

export interface PeriodSubsidy {
  /** ССЖКУ = standard per member × n. */
  cost: Kopecks;
  /** С rounded half up to kopecks (for display; the decision is taken on the exact value). */
  c: Kopecks;
  payment: Kopecks;
  /** Null: С ≤ 0, no right to a subsidy in this period. */
  subsidy: Kopecks | null;
  /** The subsidy was cut to the actual payment. */
  capped: boolean;
}

export interface SubsidyStep {
  /** What is computed, in plain Russian. */
  label: string;
  /** How: the formula with the numbers put in. */
  formula: string;
  /** The result as a person reads it. */
  value: string;
}

export interface SubsidyResult {
  n: number;
  /** СД, Дсд, ПМсем rounded half up to kopecks for display. */
  sd: Kopecks;
  dsd: Kopecks;
  pmFamily: Kopecks;
  /** K × 10^4, or null when Дсд ≥ ПМсем and K does not apply. */
  k: number | null;
  /** МДД · (K ·) СД rounded to kopecks. */
  deduction: Kopecks;
  heating: PeriodSubsidy;
  non_heating: PeriodSubsidy;
  /** Right to a subsidy in at least one period. */
  right: boolean;
  /** Why there is no right, when there is none. */
  reason: string | null;
  steps: SubsidyStep[];
}

const rub = (k: Kopecks | bigint): string => `${formatRub(Number(k))} руб.`;
const k4 = (k: number): string => (k / 10_000).toFixed(4).replace('.', ',');
const share = (x: number): string => `${(x / 100).toLocaleString('ru-RU')}%`;

/** Denominator of every exact value: СД = income/6, МДД and K are × 10^4 each. */
const DEN = 6n * 100_000_000n;

export function computeSubsidy(i: SubsidyInput): SubsidyResult {
  const n = i.members.length;
  if (n === 0) throw new Error('a family has at least one member');
  const income = BigInt(i.income6m);
  const counts = SUBSISTENCE_GROUPS.map((g) => [g, i.members.filter((m) => m === g).length] as const).filter(([, c]) => c > 0);
  const pmSum = counts.reduce((s, [g, c]) => s + BigInt(i.subsistenceMinimum[g]) * BigInt(c), 0n);
  const steps: SubsidyStep[] = [];
  const sd = divRoundHalfUp(income, 6n);
  steps.push({ label: 'Среднемесячный доход семьи (СД)', formula: `доход за 6 месяцев ${rub(income)} / 6`, value: rub(sd) });
  const dsd = divRoundHalfUp(income, 6n * BigInt(n));
  steps.push({ label: 'Среднедушевой доход (Дсд)', formula: `СД / ${n} чел.`, value: rub(dsd) });
  const pmFamily = divRoundHalfUp(pmSum, BigInt(n));
  const pmParts = counts.map(([g, c]) => `${rub(i.subsistenceMinimum[g])} × ${c} (${SUBSISTENCE_GROUP_TITLES[g]})`).join(' + ');
  steps.push({ label: 'Прожиточный минимум семьи (ПМсем)', formula: `(${pmParts}) / ${n}`, value: rub(pmFamily) });

  // Дсд ≥ ПМсем ⇔ income/(6n) ≥ Σ ПМ·count/n ⇔ income ≥ 6·Σ ПМ·count: compared without dividing
  const belowMinimum = income < 6n * pmSum;
  let k: number | null = null;
  let deductionNum: bigint; // МДД·(K·)СД × DEN
  const mdd = BigInt(i.mdd);
  if (belowMinimum) {
    k = Number(divRoundHalfUp(income * 10_000n, 6n * pmSum));
    steps.push({ label: 'Поправочный коэффициент K (доход ниже прожиточного минимума)', formula: 'K = Дсд / ПМсем, до 4 знаков', value: k4(k) });
    deductionNum = mdd * BigInt(k) * income;
  } else {
    steps.push({ label: 'Поправочный коэффициент K', formula: 'Дсд не ниже ПМсем', value: 'не применяется' });
    deductionNum = mdd * 10_000n * income;
  }
  const deduction = divRoundHalfUp(deductionNum, DEN);
  steps.push({
    label: 'Максимально допустимая доля расходов (МДД) от дохода',
    formula: k === null ? `${share(i.mdd)} × СД ${rub(sd)}` : `${share(i.mdd)} × K ${k4(k)} × СД ${rub(sd)}`,
    value: rub(deduction),
  });

  const periods = {} as Record<Period, PeriodSubsidy>;
  for (const p of PERIODS) {
    const cost = BigInt(i.standardPerMember[p]) * BigInt(n);
    steps.push({ label: `Стандарт стоимости ЖКУ на семью (ССЖКУ), ${PERIOD_TITLES[p]}`, formula: `${rub(i.standardPerMember[p])} × ${n} чел.`, value: rub(cost) });
    const cNum = cost * DEN - deductionNum;
    const c = divRoundHalfUp(cNum, DEN);
    const payment = BigInt(i.payment[p]);
    let subsidy: bigint | null = null;
    let capped = false;
    if (cNum > 0n) {
      capped = cNum >= payment * DEN;
      subsidy = capped ? payment : c;
    }
    steps.push({ label: `Расчёт С, ${PERIOD_TITLES[p]}`, formula: `ССЖКУ ${rub(cost)} − ${rub(deduction)}`, value: rub(c) });
    steps.push({
      label: `Субсидия в месяц, ${PERIOD_TITLES[p]}`,
      formula: subsidy === null ? 'С ≤ 0' : capped ? `С больше фактического платежа ${rub(payment)}: субсидия равна платежу` : `С не больше фактического платежа ${rub(payment)}`,
      value: subsidy === null ? 'права на субсидию нет' : rub(subsidy),
    });
    periods[p] = { cost: Number(cost), c: Number(c), payment: Number(payment), subsidy: subsidy === null ? null : Number(subsidy), capped };
  }
  const right = periods.heating.subsidy !== null || periods.non_heating.subsidy !== null;
  return {
    n, sd: Number(sd), dsd: Number(dsd), pmFamily: Number(pmFamily), k, deduction: Number(deduction),
    heating: periods.heating, non_heating: periods.non_heating, right,
    reason: right ? null : `Права на субсидию нет: стандарт стоимости ЖКУ на семью не превышает ${share(i.mdd)} дохода семьи${k === null ? '' : ' (с учётом коэффициента K)'}`,
    steps,
  };
}
