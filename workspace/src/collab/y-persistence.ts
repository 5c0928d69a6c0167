import * as Y from 'yjs';

/** Where a document's updates are kept between visits (IndexedDB through Dexie in the browser). */
export interface UpdateStore {
  /** The stored updates of one document in the order they were added, with their keys. */
  load(docName: string): Promise<{ keys: number[]; updates: Uint8Array[] }>;
  append(docName: string, updates: Uint8Array[]): Promise<void>;
  /** Replaces the records `keys` by one update, atomically (a crash leaves either the old or the new). */
  replace(docName: string, keys: number[], merged: Uint8Array): Promise<void>;
}

/** The origin of updates applied from the store: they are not stored again. */
export const STORE_ORIGIN = Symbol('stored updates');

export interface Persistence {
  /** Whatever was loaded: false when the store refused (private window), the document then starts empty. */
  loaded: boolean;
  /** Writes what is queued now. */
  flush(): Promise<void>;
  /** Stops listening, writing what is queued. */
  destroy(): Promise<void>;
}

export interface PersistenceOptions {
  /** more stored records than this are merged into one at load */
  compactAfter?: number;
  /** updates arriving within this many ms are written together */
  batchMs?: number;
}

/**
 * Keeps a Y.Doc in an update store: loads what was stored into the document (before a provider connects, so the
 * provider's first sync already asks only for what is new), then appends every later update, local or from the
 * server, in small batches. Comments written while offline are thus on disk before they reach the server, and a
 * reload without a connection still shows the threads, flags and decisions last seen.
 */
export async function persistDoc(doc: Y.Doc, docName: string, store: UpdateStore, opts: PersistenceOptions = {}): Promise<Persistence> {
  const compactAfter = opts.compactAfter ?? 100;
  const batchMs = opts.batchMs ?? 50;
  let loaded = true;
  try {
    const { keys, updates } = await store.load(docName);
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    }, STORE_ORIGIN);
    if (keys.length > compactAfter) await store.replace(docName, keys, Y.encodeStateAsUpdate(doc));
  } catch {
    loaded = false;
  }

  let queue: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return writing;
    const batch = queue;
    queue = [];
    // one write at a time, in order; a refused write is lost for this store only: the server has the update
    writing = writing.then(() => store.append(docName, batch)).catch(() => undefined);
    return writing;
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORE_ORIGIN) return;
    queue.push(update);
    timer ??= setTimeout(() => void flush(), batchMs);
  };
  doc.on('update', onUpdate);
  return {
    loaded,
    flush,
    async destroy() {
      doc.off('update', onUpdate);
      await flush();
    },
  };
}
