import type { Problem } from '../../formulas/problem.ts';
import { readReference, referenceRecords } from '../../formulas/reference/read-reference.ts';
import type { ReferenceKind, ReferenceRecords } from '../../formulas/reference/types.ts';
import { readRegistry, type RegistryRead } from '../../formulas/registry/read-registry.ts';
import { serviceDictionary } from '../../formulas/registry/services.ts';
import type { Cell } from '../../formulas/table/grid.ts';
import { readGridFile, readGridRows, UnreadableRows } from '../../formulas/table/read-file.ts';
import { referenceSpecs, registrySpec, serviceSpecs } from '../../templates/index.ts';
import { stagingEncoder, type StagedKind } from './staging-rows.ts';

/** More problems than this are summarised: nobody reads the 40,001st line, and the answer stays small. */
export const MAX_REPORTED_PROBLEMS = 500;

export type ReferenceFileRead<K extends ReferenceKind = ReferenceKind> = { ok: true; records: ReferenceRecords[K][] } | { ok: false; problems: Problem[] };

/** How far a streamed read is: data rows the file has (parsed) and how many of them were checked. */
export interface ReadProgress {
  read: number;
  validated: number;
}
/**
 * Where a streamed read sends its COPY text (`staging-rows.ts`), a chunk at a time, while the file is still being
 * checked; `null` carries progress only. Awaited: the reader waits while the database is behind.
 */
export type CopySink = (chunk: Uint8Array | null, progress: ReadProgress) => Promise<void>;
export type StreamedRead = { ok: true; rows: number } | { ok: false; problems: Problem[] };

/** Records per COPY chunk sent from the thread. */
const CHUNK_ROWS = 20_000;

/**
 * Reading an uploaded file, as plain-data calls: what the upload thread exposes (`reader-thread.ts`) and what
 * tests call in-thread. Every file a user sends is read here, never on the thread that answers HTTP requests.
 */
export interface UploadReaderApi {
  /** A registry file (csv or xlsx) against the unified template. */
  readRegistry(fileName: string, bytes: Uint8Array): Promise<RegistryRead>;
  /** A reference file against its template; the problems, at most `MAX_REPORTED_PROBLEMS` of them and a summary. */
  readReference<K extends ReferenceKind>(kind: K, fileName: string, bytes: Uint8Array): Promise<ReferenceFileRead<K>>;
  /**
   * A reference file read and checked row by row, every valid row sent on as COPY text of its staging table until
   * the first problem; after it the reading goes on only to find every problem (capped as above).
   */
  streamReference(kind: StagedKind, fileName: string, bytes: Uint8Array, sink: CopySink): Promise<StreamedRead>;
}

function capped(all: Problem[], fileName: string): Problem[] {
  const problems = all.slice(0, MAX_REPORTED_PROBLEMS);
  if (all.length > MAX_REPORTED_PROBLEMS) problems.push({ file: fileName, message: `и ещё ${all.length - MAX_REPORTED_PROBLEMS} ошибок; файл не загружен` });
  return problems;
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
      return { ok: false, problems: capped(read.problems, fileName) };
    },
    async streamReference(kind, fileName, bytes, sink) {
      const rows = await readGridRows(fileName, bytes);
      if (!rows.ok) return { ok: false, problems: [{ file: fileName, message: rows.message }] };
      const problems: Problem[] = [];
      const encode = stagingEncoder(kind);
      const encoder = new TextEncoder();
      let read = 0;
      const counted = function* (): Generator<Cell[]> {
        for (const row of rows.value) {
          read++;
          yield row;
        }
      };
      let text = '';
      let inChunk = 0;
      let n = 0;
      const flush = async (): Promise<void> => {
        const chunk = problems.length === 0 && text !== '' ? encoder.encode(text) : null;
        text = '';
        inChunk = 0;
        await sink(chunk, { read, validated: n });
      };
      await sink(null, { read, validated: 0 });
      try {
        for (const rec of referenceRecords(kind, referenceSpecs[kind], counted(), fileName, problems)) {
          n++;
          if (problems.length > 0) continue; // nothing more is written; the rest is read for its problems
          text += encode(rec, n);
          if (++inChunk === CHUNK_ROWS) await flush();
        }
      } catch (e) {
        // met further down the file (a control character, too many cells): the file is refused as a whole
        if (e instanceof UnreadableRows) return { ok: false, problems: [{ file: fileName, message: e.message }] };
        throw e;
      }
      await flush();
      if (problems.length === 0) return { ok: true, rows: n };
      problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      return { ok: false, problems: capped(problems, fileName) };
    },
  };
}

/** The reader as the thread exposes it: a registry's columns go back to the caller by transfer, not by copy. */
export function transferringUploadReader(transfer: <T>(value: T, buffers: ArrayBuffer[]) => T): UploadReaderApi {
  const reader = createUploadReader();
  return {
    ...reader,
    streamReference: (kind, fileName, bytes, sink) =>
      reader.streamReference(kind, fileName, bytes, (chunk, progress) => sink(chunk && transfer(chunk, [chunk.buffer as ArrayBuffer]), progress)),
    async readRegistry(fileName, bytes) {
      const r = await reader.readRegistry(fileName, bytes);
      if (!r.ok) return r;
      const { rows } = r;
      return transfer(r, [rows.fileRow, rows.n, rows.eot, rows.lt, rows.vLiving, rows.vOdn, rows.subsidy].map((a) => a.buffer as ArrayBuffer));
    },
  };
}
