import { readRegistry, type RegistryRead } from '../registry/read-registry.ts';
import { serviceDictionary, type ServiceSpec } from '../registry/services.ts';
import type { RegistryMeta, RegistryRows, RegistrySpec } from '../registry/types.ts';
import { readGridFile } from '../table/read-file.ts';
import { checkRegistry, type RegistryCheckResult } from './check-registry.ts';
import { createCustomRuleRunner } from './custom-rules.ts';
import { buildHistoryIndex, type HistoryIndex, type OtherRegistry } from './history-index.ts';
import { ruleParams } from './params.ts';
import { buildReferenceIndex, type ReferenceData, type ReferenceIndex } from './reference-index.ts';
import { registryFindings, type RegisteredRegistry, type RegistryFinding } from './registry-checks.ts';
import type { RuleSetTemplate } from './types.ts';

/**
 * The checks as a service of plain-data calls: what a browser Web Worker exposes through comlink, what the
 * server's worker_threads expose the same way, and what tests call in-thread. State (indexed reference,
 * history, rule set) is kept between calls so a re-check after an edit does not rebuild the indexes.
 */
export interface CheckServiceApi {
  configure(templates: { registry: RegistrySpec; services: ServiceSpec[] }): void;
  /** Indexes reference data once per version; a call with the version already held is free. */
  setReference(version: string, data: ReferenceData): void;
  setHistory(version: string, registries: OtherRegistry[]): void;
  setRuleSet(ruleSet: RuleSetTemplate): void;
  /** Reads a registry file (csv or xlsx bytes). */
  read(fileName: string, bytes: Uint8Array): Promise<RegistryRead>;
  /** Keeps a registry in the service, so re-checks after a reference or rule change do not send its rows again. */
  open(id: string, registry: { meta: RegistryMeta; rows: RegistryRows }): void;
  close(id: string): void;
  /** Runs the nine checks and the rule set's low-code rules on an open registry; `onProgress` gets the share done, 0..1. */
  check(id: string, onProgress?: (done: number) => void): RegistryCheckResult;
  /** Registry-level findings of an open registry (ИНН, ФНС status, duplicate registry) against the held reference. */
  findings(id: string, registered: RegisteredRegistry[], isCorrection: boolean): RegistryFinding[];
  /** What the service holds now, for a UI to decide what to send. */
  versions(): { reference: string | null; history: string | null; ruleSet: string | null };
}

export function createCheckService(): CheckServiceApi {
  let templates: { registry: RegistrySpec; services: ReturnType<typeof serviceDictionary> } | null = null;
  let reference: { version: string; index: ReferenceIndex; data: ReferenceData } | null = null;
  let history: { version: string; registries: OtherRegistry[]; index: HistoryIndex; excluded: string | undefined } | null = null;
  let ruleSet: RuleSetTemplate | null = null;
  const open = new Map<string, { meta: RegistryMeta; rows: RegistryRows }>();
  // HyperFormula instances for the low-code rules, set up once and reused by every check (rows replaced each time)
  const customRules = createCustomRuleRunner();

  const need = <T>(v: T | null, what: string): T => {
    if (v === null) throw new Error(`check service: ${what} not set`);
    return v;
  };

  return {
    configure(t) {
      templates = { registry: t.registry, services: serviceDictionary(t.services) };
      if (reference) reference = { ...reference, index: buildReferenceIndex(reference.data, templates.services) };
    },
    setReference(version, data) {
      if (reference?.version === version) return;
      reference = { version, data, index: buildReferenceIndex(data, need(templates, 'templates').services) };
    },
    setHistory(version, registries) {
      if (history?.version === version) return;
      history = { version, registries, index: buildHistoryIndex(registries), excluded: undefined };
    },
    setRuleSet(r) {
      ruleParams(r); // refuse a broken parameter block now, not in the middle of a run
      ruleSet = r;
    },
    async read(fileName, bytes) {
      const t = need(templates, 'templates');
      const grid = await readGridFile(fileName, bytes, t.registry);
      if (!grid.ok) return { ok: false, problems: [{ file: fileName, message: grid.message }] };
      return readRegistry(grid.value, t.registry, t.services, fileName);
    },
    open(id, registry) {
      open.set(id, registry);
    },
    close(id) {
      open.delete(id);
    },
    check(id, onProgress) {
      const registry = need(open.get(id) ?? null, `registry ${id}`);
      const t = need(templates, 'templates');
      const rules = need(ruleSet, 'rule set');
      const h = need(history, 'history');
      // a stored registry must not find itself as its own duplicate or history
      if (id !== h.excluded) history = { ...h, index: buildHistoryIndex(h.registries, id), excluded: id };
      return checkRegistry(
        { meta: registry.meta, rows: registry.rows, reference: need(reference, 'reference').index, history: need(history, 'history').index, params: ruleParams(rules) },
        rules.custom,
        { unit: t.services.unit(registry.meta.service), customRules, ...(onProgress ? { onProgress } : {}) },
      );
    },
    findings(id, registered, isCorrection) {
      const registry = need(open.get(id) ?? null, `registry ${id}`);
      return registryFindings(registry.meta, need(reference, 'reference').index, registered, isCorrection);
    },
    versions: () => ({ reference: reference?.version ?? null, history: history?.version ?? null, ruleSet: ruleSet ? `${ruleSet.id}@${ruleSet.version}` : null }),
  };
}

/**
 * The service as a worker exposes it: `check` hands its result and its buffers to the messaging layer's
 * `transfer` (comlink's), so 30,000 rows of results move to the caller instead of being copied.
 */
export function transferringCheckService(transfer: <T>(value: T, buffers: ArrayBuffer[]) => T): CheckServiceApi {
  const service = createCheckService();
  return {
    ...service,
    check(id, onProgress) {
      const r = service.check(id, onProgress);
      return transfer(r, [r.status.buffer as ArrayBuffer, r.reasonIds.buffer as ArrayBuffer, r.expected.buffer as ArrayBuffer]);
    },
  };
}
