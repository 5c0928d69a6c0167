import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RegisteredRegistry, RegistryFinding } from '../../../../formulas/checks/registry-checks.ts';
import type { Problem } from '../../../../formulas/problem.ts';
import { isCounted, registryLabel } from '../../../../formulas/registry/registered.ts';
import type { RegistryMeta } from '../../../../formulas/registry/types.ts';
import { defaultRuleSet } from '../../../../templates/index.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { checkClient, type ReferenceState } from '../../workers/checks/check-client.ts';
import { rowsWithErrors, ruleSummaries, type RuleSummary } from './registry-rows.ts';

/** What the local pre-check found, before anything is sent. */
export interface PrecheckResult {
  meta: RegistryMeta;
  rows: number;
  /** Cells that could not be read: they count as empty, the checks mark those rows. */
  problems: Problem[];
  rules: RuleSummary[];
  rowsWithErrors: number;
  /** kopecks */
  declaredSum: number;
  expectedSum: number;
  /** Worker time plus the return trip, ms. */
  ms: number;
  reference: ReferenceState;
}

export type Precheck =
  | { status: 'empty' }
  | { status: 'reading'; file: File }
  /** The worker reports the share done, 0..1. */
  | { status: 'checking'; file: File; meta: RegistryMeta; rows: number; progress: number }
  | { status: 'checked'; file: File; result: PrecheckResult }
  /** The file is not a registry the template can read: every problem by file, row and column. */
  | { status: 'rejected'; file: File; problems: Problem[] }
  | { status: 'failed'; file: File; message: string };

/** Registry-level findings: null while they are being worked out. */
export type Findings = { status: 'pending' } | { status: 'ready'; findings: RegistryFinding[] } | { status: 'failed'; message: string };

let precheckSeq = 0;

/**
 * Reads and checks a chosen registry file in the tab's check worker (read and open there → the nine checks with
 * progress), then works out the registry-level findings against the registries already registered for the
 * same РСО, service and period. Everything heavy runs in the worker: the page only gets counts back.
 * The rows stay open in the worker while the dialog is open, so ticking «корректировка» only redoes the findings.
 */
export function usePrecheck(isCorrection: boolean): { precheck: Precheck; findings: Findings; choose(file: File): void } {
  const client = checkClient();
  const [precheck, setPrecheck] = useState<Precheck>({ status: 'empty' });
  const [findings, setFindings] = useState<Findings>({ status: 'pending' });
  const [registered, setRegistered] = useState<RegisteredRegistry[] | null>(null);
  const seq = useRef(0);
  const open = useRef<string | null>(null);

  const release = useCallback(() => {
    const id = open.current;
    open.current = null;
    if (id) void client.close(id).catch(userMessage);
  }, [client]);

  const choose = useCallback(
    (file: File): void => {
      const my = ++seq.current;
      release();
      setRegistered(null);
      setFindings({ status: 'pending' });
      setPrecheck({ status: 'reading', file });
      void (async () => {
        try {
          const reference = await client.refreshReference();
          const bytes = new Uint8Array(await file.arrayBuffer());
          const id = `registration-${++precheckSeq}`;
          // read and kept in the worker: the rows never come to this thread
          const read = await client.readOpen(id, file.name, bytes);
          if (seq.current !== my) {
            if (read.ok) void client.close(id).catch(userMessage);
            return;
          }
          if (!read.ok) {
            setPrecheck({ status: 'rejected', file, problems: read.problems });
            return;
          }
          open.current = id;
          const count = read.count;
          setPrecheck({ status: 'checking', file, meta: read.meta, rows: count, progress: 0 });
          // the server's intake checks with its current rule set and the stored history; locally the default
          // rule set and no history give the same verdicts for checks 1–6 and 8, and 7 within the file
          await client.setRuleSet(defaultRuleSet);
          const run = await client.check(id, (progress) => {
            if (seq.current === my) setPrecheck({ status: 'checking', file, meta: read.meta, rows: count, progress });
          });
          if (seq.current !== my) return;
          const { result } = run;
          setPrecheck({
            status: 'checked',
            file,
            result: {
              meta: read.meta,
              rows: count,
              problems: read.problems,
              rules: ruleSummaries(result, count),
              rowsWithErrors: rowsWithErrors(result, count),
              declaredSum: result.declaredSum,
              expectedSum: result.expectedSum,
              ms: run.ms,
              reference,
            },
          });
          const twins = await unwrap(api.registries.$get({ query: { rso: read.meta.rsoInn, service: read.meta.service, period: read.meta.period.key } }));
          if (seq.current !== my) return;
          setRegistered(
            twins.rows.map((r) => ({
              id: String(r.id),
              label: registryLabel(r),
              rsoInn: r.rsoInn,
              service: r.service,
              period: r.period,
              counts: isCounted(r.status),
            })),
          );
        } catch (e) {
          if (seq.current === my) setPrecheck({ status: 'failed', file, message: userMessage(e) });
        }
      })();
    },
    [client, release],
  );

  // the findings depend on «корректировка»: worked out again in the worker when it is ticked
  useEffect(() => {
    const id = open.current;
    if (!id || registered === null) return;
    let live = true;
    setFindings({ status: 'pending' });
    client.findings(id, registered, isCorrection).then(
      (f) => live && setFindings({ status: 'ready', findings: f }),
      (e: unknown) => live && setFindings({ status: 'failed', message: userMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, registered, isCorrection]);

  // closing the dialog: the worker lets go of the rows, late answers are dropped
  useEffect(
    () => () => {
      seq.current++;
      release();
    },
    [release],
  );

  return { precheck, findings, choose };
}
