// A module Web Worker running the checks: the same service the server's worker threads expose.
import * as Comlink from 'comlink';
import { transferringCheckService } from '../../../../formulas/checks/check-service.ts';
import type { CheckWorkerApi } from './check-worker-api.ts';

const service = transferringCheckService(Comlink.transfer);

const api: CheckWorkerApi = {
  ...service,
  async readOpen(id, fileName, bytes) {
    const read = await service.read(fileName, bytes);
    if (!read.ok) return read;
    service.open(id, { meta: read.meta, rows: read.rows });
    const fileRow = Uint32Array.from(read.rows.fileRow);
    return Comlink.transfer({ ok: true as const, meta: read.meta, count: read.rows.count, problems: read.problems, fileRow }, [fileRow.buffer]);
  },
};

Comlink.expose(api);
