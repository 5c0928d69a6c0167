import type { Problem } from '../../formulas/problem.ts';
import { readReference } from '../../formulas/reference/read-reference.ts';
import type { ReferenceKind, ReferenceRecords } from '../../formulas/reference/types.ts';
import { readRegistry, type RegistryRead } from '../../formulas/registry/read-registry.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import { readGridFile } from '../../formulas/table/read-file.ts';
import { referenceSpecs, registrySpec, serviceSpecs } from '../../templates/index.ts';

/** More problems than this are summarised: nobody reads the 40,001st line, and the answer stays small. */
export const MAX_REPORTED_PROBLEMS = 500;

export type ReferenceFileRead<K extends ReferenceKind = ReferenceKind> = { ok: true; records: ReferenceRecords[K][] } | { ok: false; problems: Problem[] };

/**
 * Reading an uploaded file, as plain-data calls: what the upload thread exposes (`reader-thread.ts`) and what
 * tests call in-thread. Every file a user sends is read here, never on the thread that answers HTTP requests.
 */
export interface UploadReaderApi {
  /** A registry file (csv or xlsx) against the unified template. */
  readRegistry(fileName: string, bytes: Uint8Array): Promise<RegistryRead>;
  /** A reference file against its template; the problems, at most `MAX_REPORTED_PROBLEMS` of them and a summary. */
  readReference<K extends ReferenceKind>(kind: K, fileName: string, bytes: Uint8Array): Promise<ReferenceFileRead<K>>;
}

export function createUploadReader(): UploadReaderApi {
  const services = serviceDictionary(serviceSpecs);
  return {
    async readRegistry(fileName, bytes) {
      const grid = await readGridFile(fileName, bytes, registrySpec);
      if (!grid.ok) return { ok: false, problems: [{ file: fileName, message: grid.message }] };
      return readRegistry(grid.value, registrySpec, services, fileName);
    },
    async readReference(kind, fileName, bytes) {
      const grid = await readGridFile(fileName, bytes, referenceSpecs[kind]);
      if (!grid.ok) return { ok: false, problems: [{ file: fileName, message: grid.message }] };
      const read = readReference(kind, referenceSpecs[kind], grid.value, fileName);
      if (read.problems.length === 0) return { ok: true, records: read.records };
      const problems = read.problems.slice(0, MAX_REPORTED_PROBLEMS);
      if (read.problems.length > MAX_REPORTED_PROBLEMS) {
        problems.push({ file: fileName, message: `и ещё ${read.problems.length - MAX_REPORTED_PROBLEMS} ошибок; файл не загружен` });
      }
      return { ok: false, problems };
    },
  };
}

/** The reader as the thread exposes it: a registry's columns go back to the caller by transfer, not by copy. */
export function transferringUploadReader(transfer: <T>(value: T, buffers: ArrayBuffer[]) => T): UploadReaderApi {
  const reader = createUploadReader();
  return {
    ...reader,
    async readRegistry(fileName, bytes) {
      const r = await reader.readRegistry(fileName, bytes);
      if (!r.ok) return r;
      const { rows } = r;
      return transfer(r, [rows.fileRow, rows.n, rows.eot, rows.lt, rows.vLiving, rows.vOdn, rows.subsidy].map((a) => a.buffer as ArrayBuffer));
    },
  };
}
