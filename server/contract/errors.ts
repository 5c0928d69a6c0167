import type { Problem } from '../../formulas/problem.ts';

/** The one error body that crosses the API boundary: a code for programs, a Russian message for people. */
export interface ApiErrorBody {
  code: string;
  message: string;
  problems?: Problem[];
}
