import { Dexie, type EntityTable } from 'dexie';
import type { RegistryCard, RegistryRowsPayload } from '../../../../server/contract/registries.ts';
import { localDatabase } from '../../local-database.ts';
import { packRows, unpackRows, type PackedRows } from './rows-pack.ts';

/** The rows of one registry as the server sent them for one check run, packed for a fast copy. */
interface CachedRows {
  registryId: number;
  checkRunId: number;
  packed: PackedRows | null;
  /** only when the payload could not be packed */
  payload: RegistryRowsPayload | null;
}

/**
 * The browser's copy of registry rows with their verdicts. A payload never changes for its check run, so a
 * second visit to a registry reads its 30,000 rows from IndexedDB instead of the network. One record per
 * registry: a newer check run replaces the older one.
 */
class RowsCacheDb extends Dexie {
  rows!: EntityTable<CachedRows, 'registryId'>;
  /** the header card last seen, so a reviewer who lost the connection still reads the registry */
  cards!: EntityTable<RegistryCard, 'id'>;

  constructor() {
    super('sverka-registry-rows');
    this.version(2).stores({ rows: '&registryId' });
    this.version(3).stores({ rows: '&registryId', cards: '&id' });
  }
}

const database = localDatabase(() => new RowsCacheDb());
const open = database.open;

/** Deletes every cached registry's rows and card (sign-out); the next visit downloads them again. */
export const forgetCachedRegistries = database.forget;

/**
 * The cached rows of this registry, whatever their check run (the caller compares it with the card's, so
 * the cache is read while the card is still on its way), or null (not cached, or no storage).
 */
export async function cachedRows(registryId: number): Promise<RegistryRowsPayload | null> {
  try {
    const hit = await open().rows.get(registryId);
    if (!hit) return null;
    return hit.packed ? unpackRows(hit.packed) : hit.payload;
  } catch {
    return null;
  }
}

/** Keeps these rows for the next visit. A refused write is not an error: the next visit downloads again. */
export async function storeRows(payload: RegistryRowsPayload): Promise<void> {
  try {
    const packed = packRows(payload);
    await open().rows.put({ registryId: payload.registryId, checkRunId: payload.checkRunId, packed, payload: packed ? null : payload });
  } catch {
    // private windows and full disks refuse IndexedDB writes
  }
}

/** The card of this registry as last seen in this browser, or null. */
export async function cachedCard(registryId: number): Promise<RegistryCard | null> {
  try {
    return (await open().cards.get(registryId)) ?? null;
  } catch {
    return null;
  }
}

/** Keeps the card for a visit without a connection; a refused write is not an error. */
export async function storeCard(card: RegistryCard): Promise<void> {
  try {
    await open().cards.put(card);
  } catch {
    // private windows and full disks refuse IndexedDB writes
  }
}
