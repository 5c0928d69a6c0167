import { useEffect, useRef, useState } from 'preact/hooks';
import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import type { FormulaProblem } from '../../../../formulas/checks/custom-rules.ts';
import type { RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import { periodOf } from '../../../../formulas/registry/period.ts';
import type { RegistryCard, RegistryRowsPayload } from '../../../../server/contract/registries.ts';
import { ApiFailure, messageOf } from '../../api.ts';
import { checkClient } from '../../workers/checks/check-client.ts';
import { registryRowsOf } from './review-rows.ts';

const FAILED = 2;

/** How a draft rule set changes the verdicts of the open registry, against the saved rule set run the same way. */
export interface RecheckDiff {
  /** (row, rule) failures the draft adds */
  newErrors: number;
  /** (row, rule) failures the draft removes */
  vanished: number;
  /** rows whose set of failed rules changes */
  changedRows: Set<number>;
  formulaProblems: FormulaProblem[];
  ruleTitles: Map<string, string>;
  ms: number;
}

export type Recheck = { status: 'idle' } | { status: 'running' } | { status: 'done'; diff: RecheckDiff } | { status: 'failed'; message: string };

/** Per row, the ids of the rules it failed, sorted: what «the verdict» of a row is. */
function failedByRow(r: RegistryCheckResult, count: number): string[][] {
  const R = r.ruleIds.length;
  const out = new Array<string[]>(count);
  for (let i = 0; i < count; i++) {
    const f: string[] = [];
    for (let k = 0; k < R; k++) if (r.status[i * R + k] === FAILED) f.push(r.ruleIds[k] ?? '');
    out[i] = f;
  }
  return out;
}

export function diffRuns(before: string[][], after: RegistryCheckResult, count: number, ms: number): RecheckDiff {
  const now = failedByRow(after, count);
  let newErrors = 0;
  let vanished = 0;
  const changedRows = new Set<number>();
  for (let i = 0; i < count; i++) {
    const a = before[i] ?? [];
    const b = now[i] ?? [];
    const added = b.filter((id) => !a.includes(id)).length;
    const removed = a.filter((id) => !b.includes(id)).length;
    newErrors += added;
    vanished += removed;
    if (added + removed > 0) changedRows.add(i);
  }
  return { newErrors, vanished, changedRows, formulaProblems: after.formulaProblems, ruleTitles: new Map(after.ruleIds.map((id, k) => [id, after.ruleTitles[k] ?? id])), ms };
}

/**
 * Runs the checks on the open registry in the browser's worker: once with the saved rule set (the baseline),
 * then with every settled draft, and says which rows change verdict. Both runs are the worker's, with the
 * same reference and the same (empty) history of other registries, so the difference is the draft's alone.
 */
export function useLiveRecheck(card: RegistryCard | null, payload: RegistryRowsPayload | null, saved: RuleSetTemplate | null, draft: RuleSetTemplate | null, active: boolean): Recheck {
  const [state, setState] = useState<Recheck>({ status: 'idle' });
  const opened = useRef<{ id: string; baseline: Promise<string[][]> } | null>(null);
  const seq = useRef(0);
  // the card changes with every decision; the rows the worker checks change only with the check run (payload)
  const cardRef = useRef(card);
  cardRef.current = card;

  // the registry goes to the worker once per check run and page visit
  useEffect(() => {
    const card = cardRef.current;
    if (!active || !card || !payload || !saved) return;
    const client = checkClient();
    const id = `review-${payload.registryId}-${payload.checkRunId}`;
    const m = /^(\d{4})-(\d{2})$/.exec(card.period);
    const meta = {
      rsoName: card.rsoName,
      rsoInn: card.rsoInn,
      service: card.service,
      period: periodOf(Number(m?.[1] ?? 2000), Number(m?.[2] ?? 1)),
      letterNo: card.letterOutNo,
      letterDate: card.letterOutDate,
    };
    const baseline = (async () => {
      await client.refreshReference();
      await client.open(id, { meta, rows: registryRowsOf(payload) });
      await client.setRuleSet(saved);
      const run = await client.check(id, () => {});
      return failedByRow(run.result, payload.count);
    })();
    baseline.catch(() => {});
    opened.current = { id, baseline };
    return () => {
      opened.current = null;
      seq.current++;
      void client.close(id).catch(() => {});
    };
  }, [active, payload, saved]);

  useEffect(() => {
    const o = opened.current;
    if (!active || !o || !draft || !payload) return;
    const my = ++seq.current;
    setState({ status: 'running' });
    const client = checkClient();
    void (async () => {
      try {
        const before = await o.baseline;
        await client.setRuleSet(draft);
        const run = await client.check(o.id, () => {});
        if (seq.current === my) setState({ status: 'done', diff: diffRuns(before, run.result, payload.count, run.ms) });
      } catch (e) {
        if (!(e instanceof ApiFailure)) console.error(e);
        if (seq.current === my) setState({ status: 'failed', message: messageOf(e) });
      }
    })();
  }, [active, draft, payload]);

  return state;
}
