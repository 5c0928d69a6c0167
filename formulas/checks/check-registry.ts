import { runCustomRules, type CustomRuleRunner, type FormulaProblem } from './custom-rules.ts';
import { runChecks, type CheckOutput, type RunOptions } from './engine.ts';
import type { CheckInput, CustomRuleSpec } from './types.ts';

/** The nine checks and the rule set's low-code rules, side by side in one output. */
export interface RegistryCheckResult extends CheckOutput {
  /** Per rule: built-ins are errors; low-code rules carry their own severity. */
  severities: ('error' | 'warning')[];
  /** Low-code rules that could not run, with the position of the error in their formula. */
  formulaProblems: FormulaProblem[];
  /** Time of the whole run where it ran (worker or server), ms. */
  elapsedMs: number;
}

/** Appends columns of low-code verdicts to the built-ins' (row-major: rule r of row i at i × R + r). */
function merge(base: CheckOutput, extra: ReturnType<typeof runCustomRules>['results'], count: number): CheckOutput {
  if (extra.length === 0) return base;
  const R0 = base.ruleIds.length;
  const R = R0 + extra.length;
  const status = new Uint8Array(count * R);
  const reasonIds = new Uint32Array(count * R);
  const reasonTexts = [...base.reasonTexts];
  const index = new Map(reasonTexts.map((t, k) => [t, k]));
  const idOf = (text: string): number => {
    let id = index.get(text);
    if (id === undefined) index.set(text, (id = reasonTexts.push(text) - 1));
    return id;
  };
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < R0; r++) {
      status[i * R + r] = base.status[i * R0 + r] ?? 0;
      reasonIds[i * R + r] = base.reasonIds[i * R0 + r] ?? 0;
    }
    extra.forEach((x, k) => {
      status[i * R + R0 + k] = x.status[i] ?? 0;
      reasonIds[i * R + R0 + k] = idOf(x.reasons[i] ?? '');
    });
  }
  return {
    ...base,
    ruleIds: [...base.ruleIds, ...extra.map((x) => x.spec.id)],
    ruleTitles: [...base.ruleTitles, ...extra.map((x) => x.spec.title)],
    status,
    reasonIds,
    reasonTexts,
  };
}

/**
 * The one entry point every runner uses: the browser worker, the server at intake and the CLI. A caller that
 * checks registry after registry passes its `customRules` runner, which keeps compiled formulas between them.
 */
export function checkRegistry(input: CheckInput, custom: readonly CustomRuleSpec[], opts: RunOptions & { customRules?: CustomRuleRunner } = {}): RegistryCheckResult {
  const started = performance.now();
  const progress = opts.onProgress;
  // the nine take most of a run: low-code rules are compiled row formulas (a HyperFormula sheet only for the rare
  // rule with cell references, which the last tenth of the bar then waits for)
  const share = custom.length > 0 ? 0.9 : 1;
  const { customRules, ...runOpts } = opts;
  const base = runChecks(input, { ...runOpts, ...(progress ? { onProgress: (d: number) => progress(d * share) } : {}) });
  const { results, problems } = customRules ? customRules.run(custom, input.rows, base.expected) : runCustomRules(custom, input.rows, base.expected);
  if (custom.length > 0) progress?.(1);
  const merged = merge(base, results, input.rows.count);
  return {
    ...merged,
    severities: [...base.ruleIds.map(() => 'error' as const), ...results.map((r) => r.spec.severity)],
    formulaProblems: problems,
    elapsedMs: performance.now() - started,
  };
}
