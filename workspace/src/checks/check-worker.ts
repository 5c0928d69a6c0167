// A module Web Worker running the checks: the same service the server's worker threads expose.
import * as Comlink from 'comlink';
import { createCheckService, type CheckServiceApi } from '../../../formulas/checks/check-service.ts';

const service = createCheckService();

// Results go back by transfer, not copy: at 30,000 rows a copy costs more than the checks.
Comlink.expose({
  ...service,
  check: (id: string, onProgress?: (done: number) => void) => {
    const r = service.check(id, onProgress);
    return Comlink.transfer(r, [r.status.buffer, r.reasonIds.buffer, r.expected.buffer]);
  },
} satisfies CheckServiceApi);
