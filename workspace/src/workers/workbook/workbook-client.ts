import * as Comlink from 'comlink';
import type { WorkbookServiceApi } from './workbook-api.ts';

type Remote = { [K in keyof WorkbookServiceApi]: (...args: Parameters<WorkbookServiceApi[K]>) => Promise<ReturnType<WorkbookServiceApi[K]>> };

function startClient(): Remote {
  const worker = new Worker(new URL('./workbook-worker.ts', import.meta.url), { type: 'module', name: 'Сверка: рабочие книги' });
  const remote = Comlink.wrap<WorkbookServiceApi>(worker);
  // a worker that fails to load would leave every call waiting forever: fail them instead
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`workbook worker failed: ${e.message || 'could not start'}`)), { once: true });
  });
  died.catch(() => {});
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, died]);
  return {
    load: (...a) => guard(remote.load(...a)),
    loaded: () => guard(remote.loaded()),
    evaluate: (...a) => guard(remote.evaluate(...a)),
    drill: (...a) => guard(remote.drill(...a)),
  };
}

let client: Remote | null = null;

/** The one workbook worker of the tab, started on first use. */
export const workbookClient = (): Remote => (client ??= startClient());
