import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRoundHalfUp } from '../money.ts';
import { fmtKopecks, fmtScaled4 } from './format.ts';
import { expectedSubsidy } from './subsidy.ts';

const exact = (eot: number, lt: number, v: number): number => Number(divRoundHalfUp(BigInt(eot - lt) * BigInt(v), 1_000_000n));

// volumes up to 10^11 (10 million units): fc.integer stops at 2^31
const big = fc.tuple(fc.nat(1_000_000), fc.nat(99_999)).map(([a, b]) => a * 100_000 + b);

describe('expected subsidy', () => {
  it('equals the BigInt formula on the fast path and beyond it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100_000_000 }), big,
        (eot, lt, v) => {
          expect(expectedSubsidy(eot, lt, v, Number.NaN)).toBe(exact(eot, lt, v));
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
  it('rounds exact halves away from zero on both sides', () => {
    expect(expectedSubsidy(10_000, 0, 50, 0)).toBe(1); // 0,005 руб. → 0,01
    expect(expectedSubsidy(0, 10_000, 50, 0)).toBe(-1);
    expect(expectedSubsidy(10_000, 0, 49, 0)).toBe(0);
  });
});

describe('number formats in reasons', () => {
  it('group thousands with spaces', () => {
    expect(fmtKopecks(221480624)).toBe('2 214 806,24');
    expect(fmtKopecks(-707)).toBe('−7,07');
    expect(fmtScaled4(38_090_000)).toBe('3 809,00');
    expect(fmtScaled4(32_222, 4)).toBe('3,2222');
    expect(fmtScaled4(1_000_000_000_000)).toBe('100 000 000,00');
  });
});
