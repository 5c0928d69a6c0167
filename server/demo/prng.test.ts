import { describe, expect, it } from 'vitest';
import { Rng, unitHash } from './prng.ts';
import { halfYearsCovering, monthsEndingAt } from './calendar.ts';
import { apportion } from './apportion.ts';

describe('Rng', () => {
  it('repeats itself for the same labels and forks independently', () => {
    const draws = (r: Rng): number[] => Array.from({ length: 5 }, () => r.uint32());
    expect(draws(new Rng(1, 'a'))).toEqual(draws(new Rng(1, 'a')));
    expect(draws(new Rng(1, 'a'))).not.toEqual(draws(new Rng(2, 'a')));
    expect(draws(new Rng(1).fork('x'))).toEqual(draws(new Rng(1, 'x')));
  });

  it('draws GUIDs shaped like v4 and floats in [0, 1)', () => {
    const r = new Rng('guid');
    for (let i = 0; i < 1000; i++) {
      expect(r.guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const u = unitHash(i, 2, 3, 4);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe('calendar and sizes', () => {
  it('ends the default 13 months with 2026-10 and covers them with tariff half-years', () => {
    const months = monthsEndingAt('2026-10', 13);
    expect(months.map((m) => m.key)).toEqual([
      '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
    expect(months[4]?.lastDay).toBe('2026-02-28');
    expect(halfYearsCovering(months).map((h) => `${h.from}..${h.to}`)).toEqual(['2025-07-01..2025-12-31', '2026-01-01..2026-06-30', '2026-07-01..2026-12-31']);
  });

  it('apportions exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});
