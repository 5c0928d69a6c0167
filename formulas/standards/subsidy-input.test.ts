import { describe, expect, it } from 'vitest';
import { readSubsidyInput } from './subsidy-input.ts';

const region = { mdd: 2200, subsistenceMinimum: { working_age: 1_793_200, pensioner: 1_415_100, child: 1_609_500 } };
const base = { members: ['working_age'], income_6m: 75000, category: 'owner', standard_per_member: { heating: 4661, non_heating: 3000 }, payment: { heating: 5000, non_heating: 3500 } };

const read = (x: Record<string, unknown>) => readSubsidyInput({ ...base, ...x }, region);

describe('the subsidy request: region parameters and their overrides', () => {
  it('takes the region’s МДД and ПМ when the request gives none (or null)', () => {
    for (const r of [read({}), read({ mdd: null, subsistence_minimum: null })]) {
      expect(r.ok && r.value.mdd).toBe(2200);
      expect(r.ok && r.value.subsistenceMinimum).toEqual(region.subsistenceMinimum);
    }
  });

  it('honours МДД as a share, a percent string or a number of percent', () => {
    for (const mdd of [0.18, '18%', 18, '18 %', '0,18']) {
      const r = read({ mdd });
      expect(r.ok && r.value.mdd, String(mdd)).toBe(1800);
    }
  });

  it('replaces only the ПМ groups the request names, by English or Russian name', () => {
    const r = read({ subsistence_minimum: { pensioner: '12 000,50', дети: 11500 } });
    expect(r.ok && r.value.subsistenceMinimum).toEqual({ working_age: 1_793_200, pensioner: 1_200_050, child: 1_150_000 });
  });

  it('refuses bad overrides with Russian messages naming the field', () => {
    const r = read({ mdd: '150%', subsistence_minimum: { working_age: 0, alien: 1, child: 'много', pensioner: -5 } });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toContain('mdd: доля должна быть больше 0 и не больше 100% (до сотых процента)');
    expect(problems).toContain('subsistence_minimum.working_age: прожиточный минимум должен быть больше нуля');
    expect(problems.some((p) => p.startsWith('subsistence_minimum.alien: неизвестная группа'))).toBe(true);
    expect(problems.some((p) => p.startsWith('subsistence_minimum.child: не число'))).toBe(true);
    expect(problems).toContain('subsistence_minimum.pensioner: сумма не может быть отрицательной');
    const notObject = read({ subsistence_minimum: 12000, mdd: 'много' });
    expect(notObject.ok ? [] : notObject.problems).toEqual([
      'mdd: не число: «много»',
      'subsistence_minimum: нужен объект {"working_age": …, "pensioner": …, "child": …} с суммами в рублях, получено 12000',
    ]);
  });
});
