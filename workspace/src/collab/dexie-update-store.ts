import { Dexie, type EntityTable } from 'dexie';
import { localDatabase } from '../local-database.ts';
import type { UpdateStore } from './y-persistence.ts';

interface StoredUpdate {
  id?: number;
  doc: string;
  update: Uint8Array;
}

/** The Yjs updates of every shared document this browser opened, one record per batch, keyed in order. */
class YUpdatesDb extends Dexie {
  updates!: EntityTable<StoredUpdate, 'id'>;

  constructor() {
    super('sverka-yjs');
    this.version(1).stores({ updates: '++id, doc' });
  }
}

const database = localDatabase(() => new YUpdatesDb());
const open = database.open;

/** Deletes every stored update of every document (sign-out); the next use starts an empty store. */
export const forgetSharedDocuments = database.forget;

/** The browser's update store (IndexedDB through Dexie). */
export const dexieUpdateStore: UpdateStore = {
  async load(docName) {
    const rows = await open().updates.where('doc').equals(docName).sortBy('id');
    return { keys: rows.map((r) => r.id as number), updates: rows.map((r) => r.update) };
  },
  async append(docName, updates) {
    await open().updates.bulkAdd(updates.map((update) => ({ doc: docName, update })));
  },
  async replace(docName, keys, merged) {
    const d = open();
    await d.transaction('rw', d.updates, async () => {
      await d.updates.bulkDelete(keys);
      await d.updates.add({ doc: docName, update: merged });
    });
  },
};
