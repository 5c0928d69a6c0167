/**
 * Migrations of the shared documents' layout (`shared-doc.ts`), in the manner of tldraw's
 * `createMigrationSequence`: an ordered list of steps, each taking a document stored at version N to N + 1. The
 * server opens every document at the current version: it runs the steps above the version the document carries,
 * in one transaction of its own, so the changes are stored and sent to every client like any other change of the
 * server-only roots. A client never migrates: it receives the server's migrated document.
 *
 * A step is written for the documents as they were stored, never rewritten afterwards: it must keep working on
 * a document stored at its version long after the layout moved on (`migrations.test.ts` holds a stored v1
 * document). A step only adds or reshapes: comments, labels and flags that people wrote are never dropped.
 */
import type * as Y from 'yjs';
import { metaOf, type DocRef } from './shared-doc.ts';

export interface DocMigration {
  /** The version this step produces; the first step produces 2 (version 1 is the first layout). */
  version: number;
  /** What changes, in a sentence. */
  title: string;
  up(doc: Y.Doc, ref: DocRef): void;
}

export interface MigrationSequence {
  /** The version a document has after every step. */
  current: number;
  /** The steps in order. */
  steps: readonly DocMigration[];
}

/** Checks that the steps produce 2, 3, 4… in order, with no gap and no repeat. */
export function createMigrationSequence(steps: readonly DocMigration[]): MigrationSequence {
  steps.forEach((s, i) => {
    if (s.version !== i + 2) throw new Error(`shared document migration «${s.title}» produces version ${s.version}, expected ${i + 2}`);
  });
  return { current: steps.length + 1, steps };
}

/** The layout's steps. Add one at the end when the layout changes; `SCHEMA_VERSION` follows. */
export const SHARED_DOC_MIGRATIONS = createMigrationSequence([
  {
    version: 2,
    title: 'the document names its kind in meta (registry or standards), so one kind is never served as another',
    up: (doc, ref) => metaOf(doc).set('kind', ref.kind),
  },
]);

/** The version of the layout this code reads and writes. */
export const SCHEMA_VERSION = SHARED_DOC_MIGRATIONS.current;

/** The schema version the server wrote, null before the first load. */
export function schemaVersionOf(doc: Y.Doc): number | null {
  const v = metaOf(doc).get('schemaVersion');
  return typeof v === 'number' ? v : null;
}

/** `from` is null for a new document. */
export type MigrationResult = { ok: true; from: number | null; to: number } | { ok: false; message: string };

/**
 * Server only: brings a document to `sequence.current` in one transaction with `origin` (nothing happens, and no
 * update is made, when it is there already). A document never stamped is new: it goes through every step, from
 * the first layout. A document stored by a newer server is left untouched and refused.
 */
export function migrateSharedDoc(doc: Y.Doc, ref: DocRef, origin: unknown, sequence: MigrationSequence = SHARED_DOC_MIGRATIONS): MigrationResult {
  const stored = schemaVersionOf(doc);
  const from = stored ?? 1;
  if (from > sequence.current) return { ok: false, message: `документ записан в схеме версии ${from}, этот сервер знает версии до ${sequence.current}` };
  if (stored === sequence.current) return { ok: true, from: stored, to: stored };
  doc.transact(() => {
    for (const step of sequence.steps) if (step.version > from) step.up(doc, ref);
    metaOf(doc).set('schemaVersion', sequence.current);
  }, origin);
  return { ok: true, from: stored, to: sequence.current };
}
