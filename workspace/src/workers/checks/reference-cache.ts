import { Dexie, type EntityTable } from 'dexie';
import type { ReferenceData } from '../../../../formulas/checks/reference-index.ts';
import { localDatabase } from '../../local-database.ts';

/** One cached reference snapshot, as GET /api/reference/snapshot sent it. */
export interface CachedReference {
  version: string;
  data: ReferenceData;
}

/**
 * The browser's copy of the reference data (houses, tariff decisions, organisations), keyed by the
 * server's version stamp, so the check worker does not download megabytes on every visit. One snapshot
 * is one record: only the latest version is kept.
 */
class ReferenceCacheDb extends Dexie {
  snapshots!: EntityTable<CachedReference, 'version'>;

  constructor() {
    super('sverka-reference');
    this.version(1).stores({ snapshots: '&version' });
  }
}

const { open } = localDatabase(() => new ReferenceCacheDb());

/** The snapshot of this version, or null when it is not cached (or the browser refuses storage). */
export async function cachedReference(version: string): Promise<ReferenceData | null> {
  try {
    return (await open().snapshots.get(version))?.data ?? null;
  } catch {
    return null;
  }
}

/** Keeps this snapshot as the only one. A failure to store is not an error: the next visit downloads again. */
export async function storeReference(version: string, data: ReferenceData): Promise<void> {
  const cache = open();
  try {
    await cache.transaction('rw', cache.snapshots, async () => {
      await cache.snapshots.clear();
      await cache.snapshots.put({ version, data });
    });
  } catch {
    // private windows and full disks refuse IndexedDB writes; the checks still run on what was downloaded
  }
}
