import { DATES } from './dates.ts';
import { LOGICAL } from './logical.ts';
import { MATH } from './math.ts';
import { TEXT } from './text.ts';
import type { FunctionDef } from './types.ts';

/** The functions the row evaluator runs itself, by canonical (English) name. */
export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = { ...LOGICAL, ...MATH, ...TEXT, ...DATES };

/** How many arguments a function takes, for the ones the row evaluator knows. */
export function arityOf(canonical: string): { min: number; max: number } | null {
  const f = FUNCTIONS[canonical];
  return f ? { min: f.min, max: f.max } : null;
}
