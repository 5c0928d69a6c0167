import * as Comlink from 'comlink';
import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import type { ReferenceData } from '../../../../formulas/checks/reference-index.ts';
import type { RegisteredRegistry, RegistryFinding } from '../../../../formulas/checks/registry-checks.ts';
import type { RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import type { RegistryRead } from '../../../../formulas/registry/read-registry.ts';
import type { RegistryMeta, RegistryRows } from '../../../../formulas/registry/types.ts';
import { registrySpec, serviceSpecs } from '../../../../templates/index.ts';
import { api, unwrap } from '../../api.ts';
import type { CheckWorkerApi, OpenedRead } from './check-worker-api.ts';
import { cachedReference, storeReference } from './reference-cache.ts';

/** Which reference data the worker checks against, and how much of it there is. */
export interface ReferenceState {
  version: string;
  houses: number;
  tariffs: number;
  organisations: number;
}

/** A finished run of the checks and how long the user waited for it (worker time plus the return trip). */
export interface CheckRun {
  result: RegistryCheckResult;
  ms: number;
}

/**
 * The page's side of the check worker: the worker keeps the indexed reference data, the rule set and the
 * open registries; this keeps the reference current and turns a dead worker into an error instead of a
 * call that never returns.
 */
export interface CheckClient {
  /**
   * Makes the worker hold the server's current reference data: asks the version; when it differs from the
   * worker's, takes the snapshot from the browser's cache or downloads it (and caches it).
   */
  refreshReference(): Promise<ReferenceState>;
  setRuleSet(ruleSet: RuleSetTemplate): Promise<void>;
  read(fileName: string, bytes: Uint8Array): Promise<RegistryRead>;
  /** Reads a file and keeps it open under `id`, in the worker only: the page gets its header and size, not its rows. */
  readOpen(id: string, fileName: string, bytes: Uint8Array): Promise<OpenedRead>;
  open(id: string, registry: { meta: RegistryMeta; rows: RegistryRows }): Promise<void>;
  close(id: string): Promise<void>;
  check(id: string, onProgress: (done: number) => void): Promise<CheckRun>;
  /** Registry-level findings of an open registry (ИНН, ФНС status, duplicate registry) against the held reference. */
  findings(id: string, registered: RegisteredRegistry[], isCorrection: boolean): Promise<RegistryFinding[]>;
}

/**
 * Where the reference comes from: the regulator's pages take the region's (`/api/reference/*`); an РСО's portal
 * takes its own slice (`/api/portal/reference/*`: every house, its own tariffs). Set once by the page that checks.
 */
let referenceSource: 'staff' | 'portal' = 'staff';
export function setReferenceSource(source: 'staff' | 'portal'): void {
  referenceSource = source;
}

/** Stored registries come with registry intake: until then checks 7 and 9 see only the file itself. */
const NO_HISTORY = 'none';

const countsOf = (version: string, data: ReferenceData): ReferenceState => ({
  version,
  houses: data.houses.length,
  tariffs: data.tariffs.length,
  organisations: data.organisations.length,
});

function startClient(): CheckClient {
  const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'Сверка: проверки' });
  const remote = Comlink.wrap<CheckWorkerApi>(worker);
  // A worker that fails to load or crashes would leave every pending call waiting forever: fail them instead.
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`check worker failed: ${e.message || 'could not start'}`)), { once: true });
  });
  died.catch(() => {});
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, died]);

  const ready = guard(
    (async () => {
      await remote.configure({ registry: registrySpec, services: serviceSpecs });
      await remote.setHistory(NO_HISTORY, []);
    })(),
  );
  let reference: ReferenceState | null = null;
  let refreshing: Promise<ReferenceState> | null = null;

  async function refresh(): Promise<ReferenceState> {
    await ready;
    const portal = referenceSource === 'portal';
    const { version } = await unwrap(portal ? api.portal.reference.version.$get() : api.reference.version.$get());
    const held = (await guard(remote.versions())).reference;
    if (held === version && reference?.version === version) return reference;
    const cached = await cachedReference(version);
    if (cached) {
      await guard(remote.setReference(version, cached));
      return (reference = countsOf(version, cached));
    }
    const snapshot = await unwrap(portal ? api.portal.reference.snapshot.$get() : api.reference.snapshot.$get());
    const data: ReferenceData = { houses: snapshot.houses, tariffs: snapshot.tariffs, organisations: snapshot.organisations };
    // the server may have moved on between the two requests: the snapshot carries its own version
    await Promise.all([storeReference(snapshot.version, data), guard(remote.setReference(snapshot.version, data))]);
    return (reference = countsOf(snapshot.version, data));
  }

  return {
    refreshReference() {
      // the page asks on open and on every return of focus: one request in flight is enough
      refreshing ??= refresh().finally(() => (refreshing = null));
      return refreshing;
    },
    async setRuleSet(ruleSet) {
      await ready;
      await guard(remote.setRuleSet(ruleSet));
    },
    async read(fileName, bytes) {
      await ready;
      return guard<RegistryRead>(remote.read(fileName, Comlink.transfer(bytes, [bytes.buffer])));
    },
    async readOpen(id, fileName, bytes) {
      await ready;
      return guard<OpenedRead>(remote.readOpen(id, fileName, Comlink.transfer(bytes, [bytes.buffer])));
    },
    async open(id, registry) {
      await ready;
      await guard(remote.open(id, registry));
    },
    async close(id) {
      await ready;
      await guard(remote.close(id));
    },
    async check(id, onProgress) {
      await ready;
      const started = performance.now();
      // progress comes through its own message port, so its last reports may arrive after the result: a
      // caller must never see progress once the check has returned (it would show a finished check as running)
      let returned = false;
      const progress = (done: number): void => {
        if (!returned) onProgress(done);
      };
      try {
        const result = await guard(remote.check(id, Comlink.proxy(progress)));
        return { result, ms: performance.now() - started };
      } finally {
        returned = true;
      }
    },
    async findings(id, registered, isCorrection) {
      await ready;
      return guard(remote.findings(id, registered, isCorrection));
    },
  };
}

let client: CheckClient | null = null;

/** The one check worker of the tab, started on first use and kept: its indexed reference outlives a page. */
export const checkClient = (): CheckClient => (client ??= startClient());
