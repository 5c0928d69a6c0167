import { CUSTOM_RULE_FIELDS } from '../../../../formulas/checks/rule-fields.ts';
import type { CustomRuleSpec, RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import { DEFAULT_LINKED_TOLERANCE } from '../../../../formulas/checks/params.ts';
import { compileRowFormula, type FormulaProblem } from '../../../../formulas/formula/row-formula.ts';
import { toSpelling } from '../../../../formulas/formula/translate.ts';
import { parseInteger, parseScaled, scaledToDecimal } from '../../../../formulas/parse/decimal.ts';

/**
 * The rule set as the editor holds it: parameters as typed («0,01», «50» %), low-code rules as written — shown
 * in Russian spelling (`=И([v_odn]>0; [v_odn]>[v_living])`), typed in Russian or English.
 */
export interface RuleDraft {
  tariffTolerance: string;
  sumTolerance: string;
  /** percent: «50» for 0.5 */
  jumpPercent: string;
  historyMonths: string;
  minHistoryMonths: string;
  minCommissioningYear: string;
  /** percent: «2» for 0.02 */
  linkedPercent: string;
  custom: CustomRuleSpec[];
}

export type DraftParam = Exclude<keyof RuleDraft, 'custom'>;

export const DRAFT_PARAMS: { key: DraftParam; label: string; hint: string }[] = [
  { key: 'tariffTolerance', label: 'Допуск тарифа, руб.', hint: 'Проверки 4 и 5' },
  { key: 'sumTolerance', label: 'Допуск суммы, руб.', hint: 'Проверка 8' },
  { key: 'jumpPercent', label: 'Резкое изменение, %', hint: 'Проверка 9' },
  { key: 'historyMonths', label: 'Месяцев истории', hint: 'Проверка 9' },
  { key: 'minHistoryMonths', label: 'Минимум месяцев', hint: 'Проверка 9' },
  { key: 'minCommissioningYear', label: 'Год ввода не ранее', hint: 'Проверка 3' },
  { key: 'linkedPercent', label: 'Допуск ВО к ХВС + ГВС, %', hint: 'Проверка 10' },
];

const comma = (s: string): string => s.replace('.', ',');
const trimZeros = (d: string): string => (d.includes('.') ? d.replace(/\.?0+$/, '') : d);

/** A share of 10⁻⁴ as percent text: 0.5 → «50», 0.025 → «2,5». */
const percentOf = (share: string): string => {
  const r = parseScaled(share, 4);
  return r.ok ? comma(trimZeros(scaledToDecimal(r.value, 2))) : '';
};

export function draftOf(t: RuleSetTemplate): RuleDraft {
  return {
    tariffTolerance: comma(t.params.tariff_tolerance_rub),
    sumTolerance: comma(t.params.sum_tolerance_rub),
    jumpPercent: percentOf(t.params.jump_threshold),
    historyMonths: String(t.params.history_months),
    minHistoryMonths: String(t.params.min_history_months),
    minCommissioningYear: String(t.params.min_commissioning_year),
    linkedPercent: percentOf(t.params.linked_tolerance ?? DEFAULT_LINKED_TOLERANCE),
    custom: t.custom.map((c) => ({ ...c, formula: toSpelling(c.formula, 'ru') })),
  };
}

export type DraftRead =
  | { ok: true; ruleSet: RuleSetTemplate; key: string }
  | { ok: false; errors: Partial<Record<DraftParam, string>>; ruleErrors: Record<number, string>; formulaProblems: Record<number, FormulaProblem> };

/**
 * A rule's formula as the analyst types it: its canonical (English) form to store, or the problem with its
 * 1-based position in the text as typed. Russian wins where a formula reads both ways (`=ABS(1,5)` is 1,5).
 */
export function readRuleFormula(formula: string): { ok: true; canonical: string } | { ok: false; problem: FormulaProblem } {
  const c = compileRowFormula(formula, CUSTOM_RULE_FIELDS, { prefer: 'ru' });
  if (c.ok) return { ok: true, canonical: c.formula.canonical };
  if (c.spreadsheet) return { ok: true, canonical: c.spreadsheet.canonical };
  return { ok: false, problem: c.problem };
}

const MAX_MONTHS = 36;
const RULE_ID = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The draft as a rule set on top of `base` (same id; the server numbers the new version), exactly: decimals
 * become integers of 10⁻⁴ and back, never floats; formulas in their canonical spelling, as stored. Or what is
 * wrong, per field and per low-code rule, a formula's problem with its position as typed.
 */
export function readDraft(d: RuleDraft, base: RuleSetTemplate): DraftRead {
  const errors: Partial<Record<DraftParam, string>> = {};
  const amount = (key: DraftParam): string => {
    const r = parseScaled(d[key], 4);
    if (!r.ok || r.value < 0) errors[key] = 'Число не меньше нуля, например 0,01';
    return r.ok ? scaledToDecimal(r.value, 4) : '';
  };
  const integer = (key: DraftParam, min: number, max: number): number => {
    const r = parseInteger(d[key]);
    if (!r.ok || r.value < min || r.value > max) errors[key] = `Целое число от ${min} до ${max}`;
    return r.ok ? r.value : 0;
  };
  const tariff = amount('tariffTolerance');
  const sum = amount('sumTolerance');
  const jump = parseScaled(d.jumpPercent, 2);
  if (!jump.ok || jump.value <= 0) errors.jumpPercent = 'Процент больше нуля, например 50';
  const history = integer('historyMonths', 1, MAX_MONTHS);
  const minHistory = integer('minHistoryMonths', 1, MAX_MONTHS);
  if (!errors.historyMonths && !errors.minHistoryMonths && minHistory > history) errors.minHistoryMonths = 'Не больше, чем месяцев истории';
  const minYear = integer('minCommissioningYear', 1000, 2100);
  const linked = parseScaled(d.linkedPercent, 2);
  if (!linked.ok || linked.value < 0 || linked.value > 10_000) errors.linkedPercent = 'Процент от 0 до 100, например 2';

  const ruleErrors: Record<number, string> = {};
  const formulaProblems: Record<number, FormulaProblem> = {};
  const canonical: string[] = [];
  const seen = new Set<string>();
  d.custom.forEach((c, k) => {
    if (!RULE_ID.test(c.id)) ruleErrors[k] = 'Код правила: латинские буквы, цифры и «_», с буквы';
    else if (seen.has(c.id)) ruleErrors[k] = `Код «${c.id}» уже есть в наборе`;
    else if (!c.title.trim()) ruleErrors[k] = 'Дайте правилу название';
    else if (!c.formula.trim()) ruleErrors[k] = 'Напишите формулу, например =[v_odn]>[v_living]';
    else if (!c.message.trim()) ruleErrors[k] = 'Напишите сообщение для строки, нарушившей правило';
    seen.add(c.id);
    const f = readRuleFormula(c.formula);
    if (f.ok) canonical[k] = f.canonical.trim();
    else if (c.formula.trim()) formulaProblems[k] = f.problem;
  });
  if (Object.keys(errors).length > 0 || Object.keys(ruleErrors).length > 0 || Object.keys(formulaProblems).length > 0 || !jump.ok || !linked.ok) return { ok: false, errors, ruleErrors, formulaProblems };
  const ruleSet: RuleSetTemplate = {
    ...base,
    params: {
      tariff_tolerance_rub: tariff,
      sum_tolerance_rub: sum,
      jump_threshold: scaledToDecimal(jump.value, 4),
      history_months: history,
      min_history_months: minHistory,
      min_commissioning_year: minYear,
      linked_tolerance: scaledToDecimal(linked.value, 4),
    },
    custom: d.custom.map((c, k) => ({ ...c, title: c.title.trim(), formula: canonical[k] ?? c.formula.trim(), message: c.message.trim() })),
  };
  return { ok: true, ruleSet, key: JSON.stringify([ruleSet.params, ruleSet.custom]) };
}
