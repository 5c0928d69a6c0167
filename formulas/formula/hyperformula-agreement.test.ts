import fc from 'fast-check';
import { DetailedCellError, HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { columnReader } from './columns.ts';
import { compileRowFormula } from './row-formula.ts';
import { errorCodeOf } from './spelling.ts';
import { BLANK, FormulaError, type Value } from './values.ts';

/**
 * The row evaluator against HyperFormula, which evaluated low-code rules before it: the same values for
 * the formulas rules are written with. Where Excel and HyperFormula part, the evaluator follows Excel; those
 * cases are in row-formula.test.ts (ЦЕЛОЕ(−10,75) = −11, И over an empty field, text joined with a decimal
 * comma, a text field that looks like a number stays text).
 */
const FORMULAS = [
  '=AND([a]>0, [a]>[b])',
  '=[a]+[b]-[c]',
  '=[a]*[b]',
  '=[a]/[b]',
  '=[a]>=[b]*1.5',
  '=[a]=[b]',
  '=[a]<>[b]',
  '=OR([a]>10, [b]<0)',
  '=NOT([a]>5)',
  '=IF([a]>[b], "x", [b])',
  '=IFERROR([a]/[b], -1)',
  '=ABS([a]-[b])',
  '=ROUND([a]*[b], 2)',
  '=MIN([a], [b])',
  '=MAX([a], [b], 0)',
  '=SUM([a], [b], [c])',
  '=ISBLANK([a])',
  '=ISNUMBER([a])',
  '=LEN([t])',
  '=LEFT([t], 3)&RIGHT([t], 2)',
  '=[t]&"x"',
  '=SEARCH("ка", [t])',
  '=ISNUMBER(SEARCH("казан", [t]))',
  '=FIND("К", [t])',
  '=[t]="казанский"',
  '=[t]>"К"',
  '=[t]=""',
  '=[a]=0',
  '=YEAR([c])*100+MONTH([c])',
  '=DATE(2024, [b], 1)',
  '=[a]^2',
  '=-[a]%',
  '=IF([a]>1.5*[b], "рост", "")',
  '=ISERROR([a]/[b])',
  '=MOD([a], 3)',
  '=TRUE()',
];

const toHf = (v: number) => (Number.isNaN(v) ? null : v);

function normal(v: Value | unknown): unknown {
  if (v instanceof FormulaError) return v.code;
  if (v instanceof DetailedCellError) return errorCodeOf(v.value);
  if (v === BLANK || v === null || v === '') return null;
  return v;
}

/** HyperFormula rounds the numbers it returns to 10 decimal places: numbers are equal within that. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('the row evaluator and HyperFormula', () => {
  it('give the same values for the formulas low-code rules are written with', () => {
    const amount = fc.oneof(fc.constant(Number.NaN), fc.integer({ min: -400, max: 4000 }).map((x) => x * 2500));
    const row = fc.record({ a: amount, b: amount, c: fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 60_000 })), t: fc.constantFrom('', 'Казанский', 'абатский р-н', 'Тюмень') });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.constantFrom(...FORMULAS), (rows, formula) => {
        const c = compileRowFormula(formula, ['a', 'b', 'c', 't'], { spelling: 'en' });
        if (!c.ok) throw new Error(c.problem.message);
        const columns = {
          a: columnReader({ kind: 'number', values: rows.map((r) => r.a), scale: 4 }),
          b: columnReader({ kind: 'number', values: rows.map((r) => r.b), scale: 4 }),
          c: columnReader({ kind: 'number', values: rows.map((r) => r.c) }),
          t: columnReader({ kind: 'text', values: rows.map((r) => r.t) }),
        };
        const read = c.formula.bind(c.formula.fields.map((f) => columns[f as keyof typeof columns]), { today: 46_000 });
        const sheet = rows.map((r, i) => [toHf(r.a / 10_000), toHf(r.b / 10_000), toHf(r.c), r.t || null, formula.replace(/\[(\w)\]/g, (_, f: string) => `${'abct'.indexOf(f) >= 0 ? 'ABCD'['abct'.indexOf(f)] : ''}${i + 1}`)]);
        const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3' });
        try {
          rows.forEach((_, i) => {
            const mine = normal(read(i));
            const theirs = normal(hf.getCellValue({ sheet: 0, row: i, col: 4 }));
            if (!same(mine, theirs)) expect([formula, i, mine]).toEqual([formula, i, theirs]);
          });
        } finally {
          hf.destroy();
        }
      }),
      { numRuns: 80 },
    );
  });
});
