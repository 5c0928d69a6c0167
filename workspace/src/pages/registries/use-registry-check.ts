import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../../../formulas/problem.ts';
import type { RegistryMeta, RegistryRows } from '../../../../formulas/registry/types.ts';
import { ApiFailure, messageOf } from '../../api.ts';
import { checkClient, type CheckRun, type ReferenceState } from '../../checks/check-client.ts';
import type { ParamsRead } from './check-params.ts';

export type ReferenceStatus = { status: 'loading' } | { status: 'ready'; reference: ReferenceState } | { status: 'failed'; message: string };

/** A registry file read by the worker and kept open there, so re-checks do not send its rows again. */
export interface OpenRegistry {
  id: string;
  fileName: string;
  meta: RegistryMeta;
  rows: RegistryRows;
  /** Cells that could not be read: the file is checked, these values count as empty. */
  problems: Problem[];
}

export type FileState =
  | { status: 'empty' }
  | { status: 'reading'; fileName: string }
  | { status: 'rejected'; fileName: string; problems: Problem[] }
  | { status: 'open'; registry: OpenRegistry };

/** A finished run and what it ran with: the page re-runs when the parameters or the reference move on. */
export interface Checked {
  run: CheckRun;
  registryId: string;
  paramsKey: string;
  referenceVersion: string;
}

export interface RegistryCheck {
  reference: ReferenceStatus;
  file: FileState;
  /** Share done of the run in progress, 0..1; null when none runs. */
  progress: number | null;
  /** The latest result for the open registry; kept on screen while a re-check runs. */
  checked: Checked | null;
  error: string | null;
  chooseFile(file: File): void;
}

// Anything but a refusal of the server is a bug of ours: the developer needs it in the console.
function userMessage(e: unknown): string {
  if (!(e instanceof ApiFailure)) console.error(e);
  return messageOf(e);
}

let registrySeq = 0;

/**
 * Reading and checking a registry file in the check worker: read → open → check with progress; re-checks
 * when the parameters change (on the already open registry) and when the page regains focus and the
 * server's reference data has a new version.
 */
export function useRegistryCheck(params: ParamsRead): RegistryCheck {
  const client = checkClient();
  const [reference, setReference] = useState<ReferenceStatus>({ status: 'loading' });
  const [file, setFile] = useState<FileState>({ status: 'empty' });
  const [progress, setProgress] = useState<number | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);
  // every new file and every new run takes a number; answers of older ones are dropped
  const seq = useRef(0);
  const open = useRef<OpenRegistry | null>(null);
  // the reference version a focus already started a re-check for (focus and visibilitychange come together)
  const recheckedFor = useRef<string | null>(null);
  const latest = useRef({ params, checked });
  latest.current = { params, checked };

  const refreshReference = useCallback(async (): Promise<ReferenceState> => {
    try {
      const r = await client.refreshReference();
      setReference({ status: 'ready', reference: r });
      return r;
    } catch (e) {
      setReference({ status: 'failed', message: userMessage(e) });
      throw e;
    }
  }, [client]);

  const runCheck = useCallback(
    async (registry: OpenRegistry): Promise<void> => {
      const p = latest.current.params;
      if (!p.ok) return; // the form says what to fix; the last result stays on screen
      const my = ++seq.current;
      setProgress(0);
      setError(null);
      try {
        const r = await refreshReference();
        await client.setRuleSet(p.ruleSet);
        const run = await client.check(registry.id, (done) => {
          if (seq.current === my) setProgress(done);
        });
        if (seq.current !== my) return;
        setChecked({ run, registryId: registry.id, paramsKey: p.key, referenceVersion: r.version });
      } catch (e) {
        if (seq.current === my) setError(userMessage(e));
      } finally {
        if (seq.current === my) setProgress(null);
      }
    },
    [client, refreshReference],
  );

  const chooseFile = useCallback(
    (chosen: File): void => {
      const my = ++seq.current;
      const previous = open.current;
      open.current = null;
      if (previous) void client.close(previous.id).catch(userMessage);
      setChecked(null);
      setError(null);
      setProgress(null);
      setFile({ status: 'reading', fileName: chosen.name });
      void (async () => {
        try {
          const bytes = new Uint8Array(await chosen.arrayBuffer());
          const read = await client.read(chosen.name, bytes);
          if (seq.current !== my) return;
          if (!read.ok) {
            setFile({ status: 'rejected', fileName: chosen.name, problems: read.problems });
            return;
          }
          const registry: OpenRegistry = { id: `file-${++registrySeq}`, fileName: chosen.name, meta: read.meta, rows: read.rows, problems: read.problems };
          await client.open(registry.id, { meta: read.meta, rows: read.rows });
          if (seq.current !== my) {
            void client.close(registry.id).catch(userMessage);
            return;
          }
          open.current = registry;
          setFile({ status: 'open', registry });
          await runCheck(registry);
        } catch (e) {
          if (seq.current !== my) return;
          setFile({ status: 'empty' });
          setError(userMessage(e));
        }
      })();
    },
    [client, runCheck],
  );

  // the reference data the checks will use, shown before any file is chosen
  useEffect(() => {
    refreshReference().catch(() => {});
  }, [refreshReference]);

  // new parameters re-run the checks on the open registry (also its first run, if the file came while they were wrong)
  useEffect(() => {
    const registry = open.current;
    const last = latest.current.checked;
    if (!params.ok || !registry || (last?.registryId === registry.id && last.paramsKey === params.key)) return;
    void runCheck(registry);
  }, [params, runCheck]);

  // back on the page: the reference may have been re-imported meanwhile
  useEffect(() => {
    const onFocus = (): void => {
      if (document.visibilityState !== 'visible') return;
      refreshReference().then(
        (r) => {
          const registry = open.current;
          const last = latest.current.checked;
          if (!registry || !last || last.registryId !== registry.id || last.referenceVersion === r.version || recheckedFor.current === r.version) return;
          recheckedFor.current = r.version;
          void runCheck(registry);
        },
        () => {},
      );
    };
    addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [refreshReference, runCheck]);

  // leaving the page: the worker lets go of the registry, late answers are dropped
  useEffect(
    () => () => {
      seq.current++;
      const registry = open.current;
      open.current = null;
      if (registry) void client.close(registry.id).catch(userMessage);
    },
    [client],
  );

  return { reference, file, progress, checked, error, chooseFile };
}
