import type { Value } from '../values.ts';

/** What a row formula is evaluated with besides its fields. */
export interface EvalContext {
  /** СЕГОДНЯ(): a date serial given by the caller, so a run is repeatable. */
  today: number;
}

/** An argument not yet evaluated: lazy functions (ЕСЛИ, ЕСЛИОШИБКА) evaluate only the branch they take. */
export type Thunk = (row: number) => Value;

/**
 * A function of the row evaluator. `refs[k]` says whether argument k is a field, which Excel treats as a
 * cell reference: СУММ, МИН, МАКС, И, ИЛИ skip an empty or text field, but not a literal "12".
 */
export type FunctionDef =
  | { min: number; max: number; lazy?: false; call(args: Value[], refs: readonly boolean[], ctx: EvalContext): Value }
  | { min: number; max: number; lazy: true; call(args: readonly Thunk[], row: number, ctx: EvalContext): Value };

export const VARIADIC = 255;
