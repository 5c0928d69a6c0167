import { describe, expect, it } from 'vitest';
import type { Standards } from '../../../../formulas/standards/types.ts';
import { computeFromState, INITIAL_STATE, type CalcState, type FoundHouse } from './calc-state.ts';

/** Standards whose value says where it came from: category, family size, period. */
const standards = (): Standards => {
  const by = (base: number) => ({
    '1': { heating: base + 110, non_heating: base + 120 },
    '2': { heating: base + 210, non_heating: base + 220 },
    '3': { heating: base + 310, non_heating: base + 320 },
  });
  return { tenant: by(100_000), owner: by(200_000), owner_no_kr: by(300_000) };
};

const house: FoundHouse = { fias_id: '5e0f1c2a-0000-4000-8000-000000000001', address: 'ул. Мира, д. 7', standards: standards(), reason: null };
const filled: CalcState = { ...INITIAL_STATE, house, income6m: '75 000', payment: { heating: '9 000', non_heating: '9 000' } };

describe('calculator form state', () => {
  it('starts from the region parameters of the template: МДД 22 %, ПМ by group', () => {
    expect(INITIAL_STATE.mddPercent).toBe('22');
    expect(INITIAL_STATE.subsistence).toEqual({ working_age: '17 932,00', pensioner: '14 151,00', child: '16 095,00' });
  });

  it('names every field still to fill, in Russian, instead of computing', () => {
    const r = computeFromState({ ...INITIAL_STATE, members: [], income6m: 'много', payment: { heating: '-5', non_heating: '' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['Состав семьи', 'Адрес дома', 'Доход семьи за 6 месяцев', 'Платёж в отопительный период', 'Платёж в неотопительный период']);
    expect(r.problems[2]?.message).toBe('введите сумму цифрами, например 12 500 или 4 661,50');
    expect(r.problems[3]?.message).toBe('сумма не может быть отрицательной');
  });

  it('takes the standard of the family’s category and size (3 and more share one) from the house', () => {
    const size = (n: number) => computeFromState({ ...filled, category: 'tenant', members: Array.from({ length: n }, () => 'child' as const) });
    const pick = (n: number) => {
      const r = size(n);
      return r.ok ? r.standard : null;
    };
    expect(pick(1)).toEqual({ heating: 100_110, non_heating: 100_120 });
    expect(pick(2)).toEqual({ heating: 100_210, non_heating: 100_220 });
    expect(pick(3)).toEqual({ heating: 100_310, non_heating: 100_320 });
    expect(pick(5)).toEqual({ heating: 100_310, non_heating: 100_320 });
    const owner = computeFromState({ ...filled, category: 'owner_no_kr' });
    expect(owner.ok && owner.standard).toEqual({ heating: 300_110, non_heating: 300_120 });
  });

  it('says why a house without a standard cannot be computed', () => {
    const r = computeFromState({ ...filled, house: { ...house, standards: null, reason: 'Нет ставок МО для «Абатский»' } });
    expect(r.ok ? null : r.problems).toEqual([{ field: 'Адрес дома', message: 'Нет ставок МО для «Абатский»' }]);
  });

  it('computes DOMAIN.md’s example from a standard typed in, with the minimum a specialist set', () => {
    const r = computeFromState({
      ...INITIAL_STATE,
      manual: true,
      manualStandard: { heating: '4 661,00', non_heating: '1 361' },
      income6m: '75000',
      payment: { heating: '5200', non_heating: '2100' },
      subsistence: { ...INITIAL_STATE.subsistence, working_age: '12 000' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.sd).toBe(1_250_000);
    expect(r.result.deduction).toBe(275_000);
    expect(r.result.heating.subsidy).toBe(191_100);
    expect(r.result.non_heating.subsidy).toBeNull();
  });

  it('refuses a share of income outside 0–100 %', () => {
    const r = computeFromState({ ...filled, mddPercent: '120' });
    expect(r.ok ? null : r.problems).toEqual([{ field: 'МДД', message: 'доля от 0 до 100 процентов, например 22' }]);
  });
});
