import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { Worker } from 'node:worker_threads';
import type { CheckServiceApi } from '../../formulas/checks/check-service.ts';
import { registrySpec, serviceSpecs } from '../../templates/index.ts';

export interface CheckThread {
  api: Comlink.Remote<CheckServiceApi>;
  close(): Promise<void>;
}

/**
 * Starts a worker thread running the check service, configured with the templates. Checks of big
 * registries run there so the HTTP server keeps answering while 30,000 rows are checked.
 */
export async function startCheckThread(): Promise<CheckThread> {
  const worker = new Worker(new URL('./check-worker-boot.mjs', import.meta.url));
  // a thread that dies would leave every pending call waiting forever: fail them loudly instead
  const died = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => reject(new Error(`check worker exited with code ${code}`)));
  });
  died.catch(() => {});
  const api = Comlink.wrap<CheckServiceApi>(nodeEndpoint(worker));
  await Promise.race([api.configure({ registry: registrySpec, services: serviceSpecs }), died]);
  return {
    api,
    async close() {
      api[Comlink.releaseProxy]();
      await worker.terminate();
    },
  };
}

export const progressCallback = (fn: (done: number) => void): ((done: number) => void) => Comlink.proxy(fn);
