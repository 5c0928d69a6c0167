import * as Y from 'yjs';
import { flagsOf, labelsOf, threadsOf, type Author } from '../../formulas/collab/shared-doc.ts';

/**
 * Comments, threads, labels and flags carry their author (`author`/`authorName`, `createdBy`, `resolvedBy`, `by`),
 * written by the client. The server holds each connection's session user, so it checks them: content a connection
 * inserts under someone else's name is deleted again in the same transaction that applied it. Yjs then collects
 * it before the transaction's update is emitted, so what is stored and broadcast holds only a tombstone of it
 * (no text), the audit never sees it, and the deletion goes back to the sender too: its document drops the forged
 * content and stays in step with the server (its clock stays contiguous, its later updates apply).
 */

/** Each client's next clock in the document: what is at or after it was inserted by the current update. */
export function clocksOf(doc: Y.Doc): Map<number, number> {
  const out = new Map<number, number>();
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1];
    if (last) out.set(client, last.id.clock + last.length);
  }
  return out;
}

type Forged = { what: string; revert: () => void };

const isNew = (item: Y.Item, before: Map<number, number>): boolean => item.id.clock >= (before.get(item.id.client) ?? 0);

/** The value a map entry's item holds (a map entry's item holds one). */
const valueOf = (item: Y.Item): unknown => item.content.getContent().at(-1);

/**
 * Takes back a map entry this update set: deletes its item and, when the update overwrote an earlier value,
 * restores that value (the overwritten item is deleted in this very transaction but not collected yet).
 */
function revertEntry(tx: Y.Transaction, map: Y.Map<unknown>, key: string): void {
  const item = map._map.get(key);
  if (!item || item.deleted) return;
  const prev = item.left;
  item.delete(tx);
  if (prev && prev.deleted && deletedIn(tx, prev.id) && prev.content instanceof Y.ContentAny) {
    // a write of the server inside the sender's transaction: local, or Yjs takes its own clock moving for a
    // clientID collision and renames the document's client
    tx.local = true;
    map.set(key, valueOf(prev));
  }
}

/** Whether the transaction deleted the id (its delete set is not sorted until the transaction ends: no binary search). */
function deletedIn(tx: Y.Transaction, id: Y.ID): boolean {
  return (tx.deleteSet.clients.get(id.client) ?? []).some((r) => id.clock >= r.clock && id.clock < r.clock + r.len);
}

/**
 * Finds what the current transaction inserted under another name than `author`'s and takes it back. Call inside
 * the transaction that applied the connection's update, with the clocks from before it. Returns what was taken
 * back, for the log.
 */
export function revertForgedAuthorship(doc: Y.Doc, tx: Y.Transaction, before: Map<number, number>, author: Author): string[] {
  const threads = threadsOf(doc);
  const labels = labelsOf(doc) as Y.Map<unknown>;
  const flags = flagsOf(doc) as Y.Map<unknown>;
  const forged = new Map<Y.Item | string, Forged>();
  const isMine = (login: unknown): boolean => login === null || login === author.login;

  /** A thread created by this update goes as a whole; in an older one, what this update set goes. */
  const forgeInThread = (thread: Y.Map<unknown>, what: string, ownKey: Y.Item | string, own: () => void): void => {
    const holder = thread._item;
    if (!holder) return;
    if (isNew(holder, before)) forged.set(holder, { what, revert: () => holder.delete(tx) });
    else forged.set(ownKey, { what, revert: own });
  };

  for (const [client, structs] of doc.store.clients) {
    const from = before.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= from) continue;
    for (let i = from === 0 ? 0 : Y.findIndexSS(structs, from); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentAny)) continue;
      const parent = item.parent as Y.AbstractType<unknown>;
      const key = item.parentSub;
      if ((parent === labels || parent === flags) && key !== null) {
        const mark = valueOf(item) as { by?: unknown } | null;
        if (mark && typeof mark === 'object' && !isMine(mark.by)) {
          forged.set(item, { what: `${parent === labels ? 'метка' : 'флаг'} строки от имени ${String(mark.by)}`, revert: () => revertEntry(tx, parent as Y.Map<unknown>, key) });
        }
        continue;
      }
      const holder = parent._item;
      if (!holder) continue;
      if (parent instanceof Y.Map && holder.parent === threads && (key === 'createdBy' || key === 'resolvedBy')) {
        const login = valueOf(item);
        if (!isMine(login)) {
          const thread = parent as Y.Map<unknown>;
          // a forged resolution goes with the resolved flag and time it came with
          forgeInThread(thread, `${key === 'createdBy' ? 'обсуждение' : 'закрытие обсуждения'} от имени ${String(login)}`, `${holder.id.client}:${holder.id.clock}`, () => {
            for (const [k, it] of thread._map) if (isNew(it, before) && !it.deleted) revertEntry(tx, thread, k);
          });
        }
        continue;
      }
      const thread = holder.parent;
      if (parent instanceof Y.Array && holder.parentSub === 'comments' && thread instanceof Y.Map && thread._item?.parent === threads) {
        const bad = (item.content.getContent() as { author?: unknown; authorName?: unknown }[]).find((c) => !c || c.author !== author.login || c.authorName !== author.name);
        if (bad) {
          const what = `комментарий от имени ${String(bad?.author)} (${String(bad?.authorName)})`;
          forgeInThread(thread as Y.Map<unknown>, what, item, () => item.delete(tx));
        }
      }
    }
  }
  const out: string[] = [];
  for (const f of forged.values()) {
    f.revert();
    out.push(f.what);
  }
  return out;
}
