import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { Worker } from 'node:worker_threads';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import type { RegistryRead } from '../../formulas/registry/read-registry.ts';
import type { StagedKind } from './staging-rows.ts';
import type { CopySink, ReferenceFileRead, StreamedRead, UploadReaderApi } from './upload-reader.ts';

/**
 * The thread that reads uploaded files. A file is untrusted: reading it costs what its author chose, so it is
 * done here and never on the thread that answers HTTP requests, which keeps answering meanwhile. The thread's
 * heap is capped: a file that would need more is refused with a Russian message, the thread is replaced, and the
 * server lives on. Files are read one at a time; an idle thread is stopped so its memory goes back.
 */

/** The thread's old-generation heap: a 200,000-house directory needs about a third of it. */
export const READER_HEAP_MB = 1024;
/** An idle thread is stopped after this long (the next upload starts one in about half a second). */
const IDLE_MS = 60_000;

interface Thread {
  api: Comlink.Remote<UploadReaderApi>;
  worker: Worker;
  died: Promise<never>;
}

let heapMb = READER_HEAP_MB;
let thread: Thread | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idle: ReturnType<typeof setTimeout> | null = null;

function start(): Thread {
  const worker = new Worker(new URL('./reader-worker-boot.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const died = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => reject(new Error(`upload reader exited with code ${code}`)));
  });
  died.catch(() => {
    if (thread?.worker === worker) thread = null;
  });
  return { api: Comlink.wrap<UploadReaderApi>(nodeEndpoint(worker)), worker, died };
}

const outOfMemory = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

/** Runs one read in the thread, after the reads before it; a read that exhausted the thread's heap is `tooBig`. */
function inThread<T>(read: (api: Comlink.Remote<UploadReaderApi>) => Promise<T>, tooBig: () => T): Promise<T> {
  const run = queue.then(async () => {
    if (idle) clearTimeout(idle);
    const t = (thread ??= start());
    t.worker.ref();
    try {
      return await Promise.race([read(t.api), t.died]);
    } catch (e) {
      if (outOfMemory(e)) return tooBig();
      throw e;
    } finally {
      if (thread === t) {
        t.worker.unref();
        idle = setTimeout(() => void stopUploadReader(), IDLE_MS);
        idle.unref();
      }
    }
  });
  queue = run.catch(() => {});
  return run;
}

const TOO_BIG = 'файл слишком велик или сложен для разбора (не хватило памяти): разделите его на части';

/** The upload thread's reader: the same calls as `createUploadReader()`, run off the main thread. */
export const uploadReader: UploadReaderApi = {
  readRegistry: (fileName, bytes): Promise<RegistryRead> =>
    inThread<RegistryRead>((api) => api.readRegistry(fileName, bytes), () => ({ ok: false, problems: [{ file: fileName, message: TOO_BIG }] })),
  readReference: <K extends ReferenceKind>(kind: K, fileName: string, bytes: Uint8Array): Promise<ReferenceFileRead<K>> =>
    inThread<ReferenceFileRead<K>>((api) => api.readReference(kind, fileName, bytes) as Promise<ReferenceFileRead<K>>, () => ({ ok: false, problems: [{ file: fileName, message: TOO_BIG }] })),
  streamReference: (kind: StagedKind, fileName: string, bytes: Uint8Array, sink: CopySink): Promise<StreamedRead> =>
    inThread<StreamedRead>((api) => api.streamReference(kind, fileName, bytes, Comlink.proxy(sink)), () => ({ ok: false, problems: [{ file: fileName, message: TOO_BIG }] })),
};

/** The heap of threads started from now on (tests exhaust a small one). */
export function setUploadReaderHeap(mb: number): void {
  heapMb = mb;
}

/** Stops the thread (shutdown, tests, idle); the next read starts a new one. */
export async function stopUploadReader(): Promise<void> {
  const t = thread;
  thread = null;
  if (idle) clearTimeout(idle);
  if (!t) return;
  t.api[Comlink.releaseProxy]();
  await t.worker.terminate();
}
