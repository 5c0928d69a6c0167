import * as Y from 'yjs';
import { registryDocName, writeMirror } from '../../formulas/collab/shared-doc.ts';
import type { Sql } from '../db/database.ts';
import { appendUpdates, ensureStoredDoc, loadStoredDoc } from './doc-store.ts';
import { readMirrorState } from './mirror-state.ts';
import { SERVER_ORIGIN } from './shared-doc-host.ts';
import { hubFor, type SyncHub } from './sync-hub.ts';

export { readMirrorState } from './mirror-state.ts';

/**
 * Writes the registry's authoritative state (status, sums, executor, decided rows with their authors, status
 * decisions) into the mirror of its shared document, after a command committed. Call it after the transaction,
 * never inside it. Only what differs is written, so calling it twice is harmless.
 *
 * With a sync hub in this process it costs nothing for documents nobody has open: a document loaded here is
 * refreshed (stored, sent to its clients and, through Redis, to the other processes); one that is not is only
 * announced on Redis, so the processes that have it open refresh it themselves; and any document catches up
 * when it is next loaded (the host compares the mirror's stamped signature with Postgres on load).
 * Without a hub (a command line), the change is appended to the stored document.
 */
export async function publishRegistryState(sql: Sql, registryId: number): Promise<void> {
  const hub = hubFor(sql);
  if (hub) return publishThroughHub(hub, registryId);
  const read = await readMirrorState(sql, registryId);
  if (!read) return;
  const name = registryDocName(registryId);
  await ensureStoredDoc(sql, name);
  const stored = await loadStoredDoc(sql, name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.tail) Y.applyUpdate(doc, u);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  writeMirror(doc, read.state, SERVER_ORIGIN);
  doc.destroy();
  if (updates.length > 0) await sql.begin((tx) => appendUpdates(tx, name, 'publish', updates.map((update) => ({ update, actorId: null }))));
}

async function publishThroughHub(hub: SyncHub, registryId: number): Promise<void> {
  const name = registryDocName(registryId);
  if (!hub.loadedHost(name)) {
    hub.bus?.publish(name, 'mirror', new Uint8Array(0));
    return;
  }
  const host = await hub.acquire({ kind: 'registry', registryId });
  try {
    await host.refreshMirror();
  } finally {
    hub.release(host);
  }
}

/**
 * For commands: publishes in the background once the command committed. The command's answer does not wait
 * for it and never fails because of it (a failure is logged; the mirror catches up on the next command or load).
 * Nothing at all when this process serves no shared documents.
 */
export function publishAfterCommand(sql: Sql, registryId: number): void {
  const hub = hubFor(sql);
  if (!hub) return;
  publishRegistryState(sql, registryId).catch((e: unknown) => {
    hub.log(`синхронизация: решения реестра № ${registryId} не переданы в общий документ: ${e instanceof Error ? e.message : String(e)}`);
  });
}
