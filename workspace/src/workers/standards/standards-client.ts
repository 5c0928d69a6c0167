import * as Comlink from 'comlink';
import type { StandardParams } from '../../../../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../../../../formulas/standards/sheet.ts';
import type { StandardsEdit, StandardsEvaluation, StandardsGroupInput, StandardsServiceApi } from './standards-api.ts';

/** A finished evaluation and how long the user waited for it (worker time plus the trip there and back). */
export interface StandardsRun extends StandardsEvaluation {
  totalMs: number;
}

export interface StandardsClient {
  evaluate(groups: StandardsGroupInput[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): Promise<StandardsRun>;
  edit(groupId: string, service: string, patch: { tariff?: number; norm?: number }): Promise<StandardsEdit>;
}

function startClient(): StandardsClient {
  const worker = new Worker(new URL('./standards-worker.ts', import.meta.url), { type: 'module', name: 'Сверка: стандарты' });
  const remote = Comlink.wrap<StandardsServiceApi>(worker);
  // A worker that fails to load would leave every call waiting forever: fail them instead.
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`standards worker failed: ${e.message || 'could not start'}`)), { once: true });
  });
  died.catch(() => {});
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, died]);
  return {
    async evaluate(groups, template, params) {
      const started = performance.now();
      const result = await guard(remote.evaluate(groups, template, params));
      return { ...result, totalMs: performance.now() - started };
    },
    edit: (groupId, service, patch) => guard(remote.edit(groupId, service, patch)),
  };
}

let client: StandardsClient | null = null;

/** The one standards worker of the tab, started on first use. */
export const standardsClient = (): StandardsClient => (client ??= startClient());
