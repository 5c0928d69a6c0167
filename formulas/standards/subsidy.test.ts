import { describe, expect, it } from 'vitest';
import { computeSubsidy, type SubsidyInput } from './subsidy.ts';

const pm = { working_age: 1_200_000, pensioner: 1_100_000, child: 1_150_000 };
const base: SubsidyInput = {
  members: ['working_age'], income6m: 7_500_000, category: 'owner',
  standardPerMember: { heating: 466_100, non_heating: 300_000 }, payment: { heating: 500_000, non_heating: 500_000 },
  mdd: 2200, subsistenceMinimum: pm,
};

describe('household subsidy (DOMAIN.md)', () => {
  it('the public example: one owner, standard 4,661.00, СД 12,500, МДД 22% → 1,911.00', () => {
    const r = computeSubsidy(base);
    expect(r.sd).toBe(1_250_000);
    expect(r.k).toBeNull();
    expect(r.deduction).toBe(275_000);
    expect(r.heating).toEqual({ cost: 466_100, c: 191_100, payment: 500_000, subsidy: 191_100, capped: false });
    expect(r.non_heating.subsidy).toBe(25_000); // 3,000.00 − 2,750.00
    expect(r.right).toBe(true);
    expect(r.steps.map((s) => s.label)).toContain('Расчёт С, отопительный период');
  });

  it('income below the subsistence minimum applies K = round(Дсд / ПМсем, 4)', () => {
    // family of 3: two working-age, one child; income 6m 150,000 → СД 25,000, Дсд 8,333.33
    // ПМсем = (12,000·2 + 11,500) / 3 = 11,833.33; K = 8,333.33 / 11,833.33 = 0.704225… → 0.7042
    const r = computeSubsidy({ ...base, members: ['working_age', 'working_age', 'child'], income6m: 15_000_000, standardPerMember: { heating: 300_000, non_heating: 200_000 } });
    expect(r.k).toBe(7042);
    // МДД·K·СД = 0.22 · 0.7042 · 25,000 = 3,873.10; ССЖКУ = 3 · 3,000 = 9,000 → С = 5,126.90, capped at 5,000
    expect(r.deduction).toBe(387_310);
    expect(r.heating).toEqual({ cost: 900_000, c: 512_690, payment: 500_000, subsidy: 500_000, capped: true });
    // non-heating: 6,000 − 3,873.10 = 2,126.90
    expect(r.non_heating).toMatchObject({ c: 212_690, subsidy: 212_690, capped: false });
  });

  it('K is rounded half up to 4 places and the comparison with ПМ is exact', () => {
    // one pensioner, ПМ 11,000: income 6m 65,997 → Дсд 10,999.50, K = 0.99995454… → 1.0000 (rounded up) yet K applies
    const r = computeSubsidy({ ...base, members: ['pensioner'], income6m: 6_599_700 });
    expect(r.k).toBe(10_000);
    // exactly at the minimum: Дсд = ПМсем → no K
    expect(computeSubsidy({ ...base, members: ['pensioner'], income6m: 6_600_000 }).k).toBeNull();
  });

  it('the subsidy never exceeds the actual payment', () => {
    const r = computeSubsidy({ ...base, payment: { heating: 150_000, non_heating: 10_000 } });
    expect(r.heating).toMatchObject({ subsidy: 150_000, capped: true });
    expect(r.non_heating).toMatchObject({ subsidy: 10_000, capped: true });
  });

  it('С ≤ 0 gives no right, with the reason', () => {
    const r = computeSubsidy({ ...base, income6m: 18_000_000, standardPerMember: { heating: 660_000, non_heating: 500_000 } });
    // СД 30,000; 22% = 6,600.00 = the heating standard exactly: С = 0 → no right
    expect(r.heating).toMatchObject({ c: 0, subsidy: null });
    expect(r.non_heating.subsidy).toBeNull();
    expect(r.right).toBe(false);
    expect(r.reason).toMatch(/Права на субсидию нет/);
    expect(r.steps.at(-1)?.value).toBe('права на субсидию нет');
  });

  it('the right may exist in the heating months only', () => {
    const r = computeSubsidy({ ...base, standardPerMember: { heating: 300_000, non_heating: 200_000 } });
    expect(r.heating.subsidy).toBe(25_000);
    expect(r.non_heating.subsidy).toBeNull();
    expect(r.right).toBe(true);
  });
});
