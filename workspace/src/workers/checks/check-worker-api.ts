import type { CheckServiceApi } from '../../../../formulas/checks/check-service.ts';
import type { Problem } from '../../../../formulas/problem.ts';
import type { RegistryMeta } from '../../../../formulas/registry/types.ts';

/** A file read and kept open in the worker: what the page needs of it, without its rows. */
/** `fileRow`: each row's line in the file, for saying which rows fail (4 bytes a row, transferred). */
export type OpenedRead = { ok: true; meta: RegistryMeta; count: number; problems: Problem[]; fileRow: Uint32Array } | { ok: false; problems: Problem[] };

/**
 * What the browser's check worker exposes: the check service, plus reading a file straight into an open
 * registry, so 30,000 rows never cross to the page's thread and back (their structured clone is what would
 * hold the page up).
 */
export interface CheckWorkerApi extends CheckServiceApi {
  readOpen(id: string, fileName: string, bytes: Uint8Array): Promise<OpenedRead>;
}
