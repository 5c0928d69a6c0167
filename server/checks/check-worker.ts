// Entry of a worker thread that runs the checks: the same service the browser's Web Worker exposes.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort } from 'node:worker_threads';
import { createCheckService, type CheckServiceApi } from '../../formulas/checks/check-service.ts';

if (!parentPort) throw new Error('check-worker must run as a worker thread');
const service = createCheckService();
// results go back by transfer, not copy: at 30,000 rows a copy costs more than the checks
Comlink.expose({
  ...service,
  check: (id: string, onProgress?: (done: number) => void) => {
    const r = service.check(id, onProgress);
    return Comlink.transfer(r, [r.status.buffer, r.reasonIds.buffer, r.expected.buffer]);
  },
} satisfies CheckServiceApi, nodeEndpoint(parentPort));
