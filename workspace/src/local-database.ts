import type { Dexie } from 'dexie';

/** A Dexie database of this browser, opened on first use and deletable (sign-out); a later use opens a new one. */
export interface LocalDatabase<D extends Dexie> {
  open(): D;
  /** Deletes the database with everything in it. */
  forget(): Promise<void>;
}

export function localDatabase<D extends Dexie>(create: () => D): LocalDatabase<D> {
  let db: D | null = null;
  return {
    open: () => (db ??= create()),
    async forget() {
      const d = db ?? create();
      db = null;
      await d.delete();
    },
  };
}
