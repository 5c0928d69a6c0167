/// <reference types="vite/client" />
import type { KeepMessage } from './sw.ts';

/**
 * Registers the service worker that keeps the application shell for offline starts (`sw.ts`). Only in a built
 * workspace: under `vite dev` the modules change on every edit and there is no `/sw.js`.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container.register('/sw.js').catch((e: unknown) => console.warn('service worker not registered: the workspace will not open offline', e));
  // what this page loaded before the worker took it over never passed through it: hand it the list
  const handOver = (): void => {
    const keep: KeepMessage = { keep: performance.getEntriesByType('resource').map((r) => r.name) };
    container.controller?.postMessage(keep);
  };
  if (container.controller) handOver();
  container.addEventListener('controllerchange', handOver);
}
