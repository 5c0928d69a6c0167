import type { RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import { parseInteger, parseScaled, scaledToDecimal } from '../../../../formulas/parse/decimal.ts';
import { defaultRuleSet } from '../../../../templates/index.ts';

/** The parameters a user may change, as typed in the form («0,01», «50»). */
export interface ParamsForm {
  tariffTolerance: string;
  sumTolerance: string;
  /** Percent, as users think of a jump: «50» for 0.5. */
  jumpPercent: string;
  historyMonths: string;
  minHistoryMonths: string;
}

export type ParamKey = keyof ParamsForm;

export const PARAM_FIELDS: { key: ParamKey; label: string; hint: string }[] = [
  { key: 'tariffTolerance', label: 'Допуск тарифа, руб.', hint: 'Проверки 4 и 5' },
  { key: 'sumTolerance', label: 'Допуск суммы, руб.', hint: 'Проверка 8' },
  { key: 'jumpPercent', label: 'Порог резкого изменения, %', hint: 'Проверка 9' },
  { key: 'historyMonths', label: 'Месяцев истории', hint: 'Проверка 9' },
  { key: 'minHistoryMonths', label: 'Минимум месяцев', hint: 'Проверка 9' },
];

const commaDecimal = (text: string): string => text.replace('.', ',');

/** The rule set's own parameters as the form shows them. */
export function defaultParamsForm(): ParamsForm {
  const p = defaultRuleSet.params;
  const jump = parseScaled(p.jump_threshold, 4);
  return {
    tariffTolerance: commaDecimal(p.tariff_tolerance_rub),
    sumTolerance: commaDecimal(p.sum_tolerance_rub),
    jumpPercent: jump.ok ? commaDecimal(trimZeros(scaledToDecimal(jump.value, 2))) : '50',
    historyMonths: String(p.history_months),
    minHistoryMonths: String(p.min_history_months),
  };
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

export type ParamsRead = { ok: true; ruleSet: RuleSetTemplate; key: string } | { ok: false; errors: Partial<Record<ParamKey, string>> };

const MAX_HISTORY_MONTHS = 36;

/**
 * The default rule set with the user's parameters, exactly (decimals are read as integers of 10⁻⁴, never as
 * floats), or what is wrong with each field. `key` identifies the parameters, to tell whether a run used them.
 */
export function readParams(form: ParamsForm): ParamsRead {
  const errors: Partial<Record<ParamKey, string>> = {};
  const amount = (key: ParamKey, scale: number, positive: boolean): string => {
    const r = parseScaled(form[key], scale);
    if (!r.ok) errors[key] = 'Введите число, например 0,01';
    else if (r.value < 0 || (positive && r.value === 0)) errors[key] = positive ? 'Должно быть больше нуля' : 'Не может быть отрицательным';
    return r.ok ? scaledToDecimal(r.value, scale) : '';
  };
  const months = (key: ParamKey, min: number, max: number): number => {
    const r = parseInteger(form[key]);
    if (!r.ok || r.value < min || r.value > max) errors[key] = `Целое число от ${min} до ${max}`;
    return r.ok ? r.value : 0;
  };
  const tariff = amount('tariffTolerance', 4, false);
  const sum = amount('sumTolerance', 4, false);
  // percent with two decimals is a share in 10⁻⁴: «12,5» % → 0.1250
  const jumpPercent = parseScaled(form.jumpPercent, 2);
  if (!jumpPercent.ok || jumpPercent.value <= 0) errors.jumpPercent = 'Процент больше нуля, например 50';
  const history = months('historyMonths', 1, MAX_HISTORY_MONTHS);
  const minHistory = months('minHistoryMonths', 1, MAX_HISTORY_MONTHS);
  if (!errors.historyMonths && !errors.minHistoryMonths && minHistory > history) errors.minHistoryMonths = 'Не больше, чем месяцев истории';
  if (Object.keys(errors).length > 0 || !jumpPercent.ok) return { ok: false, errors };

  const params: RuleSetTemplate['params'] = {
    ...defaultRuleSet.params,
    tariff_tolerance_rub: tariff,
    sum_tolerance_rub: sum,
    jump_threshold: scaledToDecimal(jumpPercent.value, 4),
    history_months: history,
    min_history_months: minHistory,
  };
  return { ok: true, ruleSet: { ...defaultRuleSet, params }, key: JSON.stringify(params) };
}
