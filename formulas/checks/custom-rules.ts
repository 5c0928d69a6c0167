/**
 * Low-code rules: a formula over the row's named fields, in Russian or English spelling. TRUE (or a non-zero
 * number) marks the row as violating the rule; an error on a row (#ДЕЛ/0!) skips the rule for that row. A rule
 * is compiled once and run over the registry's columns by the row evaluator (formulas/formula/); only a rule
 * the evaluator cannot take (cell references, ranges, functions it does not have) runs in a HyperFormula sheet.
 */
import { DetailedCellError, type CellValue } from 'hyperformula';
import { compileRowFormula, todaySerial, type CompiledFormula } from '../formula/row-formula.ts';
import { errorCodeOf } from '../formula/spelling.ts';
import { toCanonical } from '../formula/translate.ts';
import { ERRORS, FormulaError, type Value } from '../formula/values.ts';
import type { RegistryRows } from '../registry/types.ts';
import { createSheetRuleRunner, type SheetRuleRunner } from './custom-rules-sheet.ts';
import { CUSTOM_RULE_FIELDS, ruleFieldReaders, ruleMessage } from './rule-fields.ts';
import { STATUS, type CustomRuleSpec } from './types.ts';

export { CUSTOM_RULE_FIELDS } from './rule-fields.ts';

/** A broken formula, with the 1-based position in the formula as the analyst wrote it. */
export interface FormulaProblem {
  ruleId: string;
  position: number;
  message: string;
}

export interface CustomRuleResult {
  spec: CustomRuleSpec;
  /** STATUS codes per row */
  status: Uint8Array;
  reasons: string[];
}

/** Stored rules are canonical (English); a rule set file may be Russian: either reads, English first. */
const compile = (formula: string): CompiledFormula => compileRowFormula(formula, CUSTOM_RULE_FIELDS, { prefer: 'en' });

/** Checks a rule as the analyst writes it: every problem has a position, nothing throws. */
export function validateCustomRule(spec: CustomRuleSpec): FormulaProblem | null {
  const c = compile(spec.formula);
  return c.ok || c.spreadsheet ? null : { ruleId: spec.id, ...c.problem };
}

/**
 * Rules with their formulas in the canonical (English) spelling, as they are stored: an analyst's Russian
 * `=И([v_odn]>0; [v_odn]>[v_living])` becomes `=AND([v_odn]>0, [v_odn]>[v_living])`. A broken formula stays as
 * written (saving it is refused elsewhere, with its position).
 */
export function canonicalRules<T extends { custom: readonly CustomRuleSpec[] }>(ruleSet: T): T {
  return {
    ...ruleSet,
    custom: ruleSet.custom.map((spec) => {
      const c = toCanonical(spec.formula, { prefer: 'en' });
      return c.ok ? { ...spec, formula: c.formula } : spec;
    }),
  };
}

/** Why a row whose formula gave neither TRUE/non-zero nor FALSE/0 is skipped. */
function skippedReason(v: Value | CellValue): string {
  const error = v instanceof FormulaError ? v : v instanceof DetailedCellError ? ERRORS[errorCodeOf(v.value) ?? 'VALUE'] : null;
  return error ? `Формула не вычислена: ${error.name('ru')}` : 'Формула дала не логическое значение';
}

/** The local calendar date, for СЕГОДНЯ() when the caller gives none. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Runs low-code rules on one registry after another, keeping what is worth keeping between them: compiled
 * formulas, and the HyperFormula instances of the few rules that need a sheet.
 */
export interface CustomRuleRunner {
  run(specs: readonly CustomRuleSpec[], rows: RegistryRows, expected: Float64Array): { results: CustomRuleResult[]; problems: FormulaProblem[] };
  /** Frees the kept instances; the runner builds new ones if it is used again. */
  destroy(): void;
}

/**
 * `keptSheetRows: 0` builds a fresh HyperFormula instance for every run of a sheet rule (tests compare the two);
 * `today` gives СЕГОДНЯ() as an ISO date (default: the local date when the run starts).
 */
export function createCustomRuleRunner(opts: { keptSheetRows?: number; today?: () => string } = {}): CustomRuleRunner {
  const compiled = new Map<string, CompiledFormula>();
  let sheets: SheetRuleRunner | null = null;

  return {
    run(specs, rows, expected) {
      const problems: FormulaProblem[] = [];
      const results: CustomRuleResult[] = [];
      const ctx = { today: todaySerial((opts.today ?? localToday)()) };
      specs.forEach((spec) => {
        let c = compiled.get(spec.formula);
        if (!c) compiled.set(spec.formula, (c = compile(spec.formula)));
        if (!c.ok && !c.spreadsheet) {
          problems.push({ ruleId: spec.id, ...c.problem });
          return;
        }
        if (rows.count === 0) return;
        let value: (i: number) => Value | CellValue;
        if (c.ok) {
          const f = c.formula;
          value = f.bind(ruleFieldReaders(f.fields, rows, expected), ctx);
        } else {
          const values = (sheets ??= createSheetRuleRunner(opts)).evaluate(results.length, c.spreadsheet?.canonical ?? spec.formula, rows, expected);
          value = (i) => values[i] ?? null;
        }
        const message = ruleMessage(spec.message, rows, expected);
        const status = new Uint8Array(rows.count);
        const reasons = new Array<string>(rows.count).fill('');
        for (let i = 0; i < rows.count; i++) {
          const v = value(i);
          if (v === true || (typeof v === 'number' && v !== 0)) {
            status[i] = STATUS.failed;
            reasons[i] = message(i);
          } else if (v === false || v === 0) status[i] = STATUS.passed;
          else {
            status[i] = STATUS.skipped;
            reasons[i] = skippedReason(v);
          }
        }
        results.push({ spec, status, reasons });
      });
      return { results, problems };
    },
    destroy() {
      sheets?.destroy();
      sheets = null;
      compiled.clear();
    },
  };
}

/**
 * Evaluates low-code rules over every row. Broken rules are returned as problems and not run. A caller
 * checking registry after registry keeps a `createCustomRuleRunner()` instead.
 */
export function runCustomRules(specs: readonly CustomRuleSpec[], rows: RegistryRows, expected: Float64Array): { results: CustomRuleResult[]; problems: FormulaProblem[] } {
  const runner = createCustomRuleRunner();
  try {
    return runner.run(specs, rows, expected);
  } finally {
    runner.destroy();
  }
}
