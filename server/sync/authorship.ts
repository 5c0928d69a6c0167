import * as Y from 'yjs';
import { flagsOf, labelsOf, threadsOf, type Author, type Comment } from '../../formulas/collab/shared-doc.ts';

/**
 * Comments, threads, labels and flags carry their author (`author`/`authorName`, `createdBy`, `resolvedBy`, `by`),
 * written by the client. The server holds each connection's session user, so it checks what an update does:
 * - what it inserts must be signed with the session user's name (a missing or null author is refused);
 * - what it deletes or overwrites must be the sender's own: another person's thread, comment or label cannot be
 *   removed or edited (a thread's row, author, time and comments never change; anyone may resolve or reopen
 *   it, under his own name); flags are the row's shared marker, anyone may change them under his own name.
 * What breaks these rules is taken back in the same transaction that applied it: forged content is deleted
 * again, deleted or overwritten content is put back (as new items with the old values). Yjs collects the
 * deleted content before the transaction's update is emitted, so what is stored and broadcast holds only a
 * tombstone of it (no text), the audit never sees it, and the correction goes back to the sender too: its
 * document stays in step with the server (its clock stays contiguous, its later updates apply).
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

const isNew = (item: Y.Item, before: Map<number, number>): boolean => item.id.clock >= (before.get(item.id.client) ?? 0);

/** The value a map entry's item holds (a map entry's item holds one). */
const valueOf = (item: Y.Item): unknown => item.content.getContent().at(-1);

/** Whether the transaction deleted the id (its delete set is not sorted until the transaction ends: no binary search). */
function deletedIn(tx: Y.Transaction, id: Y.ID): boolean {
  return (tx.deleteSet.clients.get(id.client) ?? []).some((r) => id.clock >= r.clock && id.clock < r.clock + r.len);
}

/** Items the transaction deleted that were there before it (not the ones the update inserted and deleted itself). */
function deletedBefore(doc: Y.Doc, tx: Y.Transaction, before: Map<number, number>): Y.Item[] {
  const out: Y.Item[] = [];
  for (const [client, ranges] of tx.deleteSet.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const r of ranges) {
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length; i++) {
        const s = structs[i];
        if (!s || s.id.clock >= r.clock + r.len) break;
        if (s instanceof Y.Item && !isNew(s, before)) out.push(s);
      }
    }
  }
  return out;
}

/** Items the update inserted (still there: inserted and deleted by the update itself is nobody's concern). */
function inserted(doc: Y.Doc, before: Map<number, number>): Y.Item[] {
  const out: Y.Item[] = [];
  for (const [client, structs] of doc.store.clients) {
    const from = before.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= from) continue;
    for (let i = from === 0 ? 0 : Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i];
      if (s instanceof Y.Item && !s.deleted) out.push(s);
    }
  }
  return out;
}

// Fields of a thread set once when it is started; the resolution is anyone's to change.
const THREAD_FIXED = new Set(['row', 'createdBy', 'createdAt', 'comments']);
const RESOLUTION = new Set(['resolved', 'resolvedBy', 'resolvedAt']);

/** The comments of a comments array as they were before this transaction (deleted by it or still there). */
function commentsOf(arr: Y.AbstractType<unknown>, tx: Y.Transaction): Comment[] {
  const out: Comment[] = [];
  for (let n = arr._start; n; n = n.right) {
    if (n.content instanceof Y.ContentAny && (!n.deleted || deletedIn(tx, n.id))) out.push(...(n.content.getContent() as Comment[]));
  }
  return out;
}

interface ThreadState {
  fields: [string, unknown][];
  comments: Comment[];
  createdBy: unknown;
}

/** A thread's fields and comments as they were before this transaction, read from its items (it may be deleted). */
function threadState(thread: Y.Map<unknown>, tx: Y.Transaction): ThreadState {
  const fields: [string, unknown][] = [];
  let comments: Comment[] = [];
  for (const [k, item] of thread._map) {
    if (item.deleted && !deletedIn(tx, item.id)) continue;
    if (k === 'comments') {
      if (item.content instanceof Y.ContentType) comments = commentsOf(item.content.type, tx);
    } else if (item.content instanceof Y.ContentAny) fields.push([k, valueOf(item)]);
  }
  return { fields, comments, createdBy: fields.find(([k]) => k === 'createdBy')?.[1] };
}

/** A new thread with the old one's fields and comments (the server's write: marked restored for the audit). */
function rebuiltThread(state: ThreadState, restored: WeakSet<object>): Y.Map<unknown> {
  const thread = new Y.Map<unknown>();
  for (const [k, v] of state.fields) thread.set(k, v);
  const comments = new Y.Array<Comment>();
  for (const c of state.comments) if (c && typeof c === 'object') restored.add(c);
  comments.push(state.comments);
  thread.set('comments', comments);
  return thread;
}

const isThreadMap = (type: unknown, threads: Y.Map<unknown>): type is Y.Map<unknown> => type instanceof Y.Map && type._item?.parent === threads;

/**
 * Finds what the current transaction did under another name than `author`'s, or to another person's content,
 * and takes it back. Call inside the transaction that applied the connection's update, with the clocks from
 * before it. Returns what was taken back, for the log; comments it put back are added to `restored` (they are
 * not new comments for the audit).
 */
export function revertForgedAuthorship(doc: Y.Doc, tx: Y.Transaction, before: Map<number, number>, author: Author, restored: WeakSet<object> = new WeakSet()): string[] {
  const threads = threadsOf(doc) as Y.Map<unknown>;
  const labels = labelsOf(doc) as Y.Map<unknown>;
  const flags = flagsOf(doc) as Y.Map<unknown>;
  const mine = (login: unknown): boolean => login === author.login;
  const ownComment = (c: unknown): boolean => {
    const x = c as Partial<Comment> | null;
    return !!x && typeof x === 'object' && x.author === author.login && x.authorName === author.name && typeof x.text === 'string';
  };
  const taken: string[] = [];
  const fixes: (() => void)[] = [];
  const fix = (what: string, revert: () => void): void => {
    taken.push(what);
    fixes.push(revert);
  };
  // the server's own writes inside the sender's transaction: local, or Yjs takes its own clock moving for a
  // clientID collision and renames the document's client
  const write = (f: () => void) => () => {
    tx.local = true;
    f();
  };

  // every map entry the update touched (set, overwritten or deleted), and every comments array it changed
  const entries = new Map<Y.Map<unknown>, Set<string>>();
  const arrays = new Set<Y.Array<unknown>>();
  const touch = (item: Y.Item): void => {
    const parent = item.parent as Y.AbstractType<unknown>;
    if (parent instanceof Y.Map && item.parentSub !== null) {
      let keys = entries.get(parent);
      if (!keys) entries.set(parent, (keys = new Set()));
      keys.add(item.parentSub);
    } else if (parent instanceof Y.Array && parent._item?.parentSub === 'comments' && isThreadMap(parent._item.parent, threads)) arrays.add(parent);
  };
  const removed = deletedBefore(doc, tx, before);
  for (const item of removed) touch(item);
  for (const item of inserted(doc, before)) touch(item);

  /** The entry's item before this update, when the update deleted it; and the entry's item the update set. */
  const sides = (map: Y.Map<unknown>, key: string): { prior: Y.Item | null; added: Y.Item | null } => {
    let item: Y.Item | null = map._map.get(key) ?? null;
    const added = item && !item.deleted && isNew(item, before) ? item : null;
    while (item && isNew(item, before)) item = item.left;
    return { prior: item && item.deleted && deletedIn(tx, item.id) ? item : null, added };
  };
  /** Puts the entry back as it was: the prior value again, or nothing when it had none. */
  const restoreEntry = (map: Y.Map<unknown>, key: string, prior: Y.Item | null, added: Y.Item | null, rebuild?: () => unknown) => () => {
    if (prior) write(() => map.set(key, rebuild ? rebuild() : valueOf(prior)))();
    else added?.delete(tx);
  };

  for (const [map, keys] of entries) {
    for (const key of keys) {
      const { prior, added } = sides(map, key);
      if (map === labels || map === flags) {
        const mark = added ? (valueOf(added) as { by?: unknown } | null) : null;
        const forged = added !== null && !(mark && typeof mark === 'object' && mine(mark.by));
        // a label is its author's: nobody else removes or rewrites it; a flag is the row's
        const others = map === labels && prior !== null && !mine((valueOf(prior) as { by?: unknown } | null)?.by);
        if (forged || others) {
          const what = map === labels ? 'метка строки' : 'флаг строки';
          fix(forged ? `${what} от имени ${String(mark?.by)}` : `${what} ${String((valueOf(prior as Y.Item) as { by?: unknown } | null)?.by)} изменена или удалена`, restoreEntry(map, key, prior, added));
        }
      } else if (map === threads) {
        // a thread started by this update: signed with the sender's name, its comments too
        if (added) {
          const type = added.content instanceof Y.ContentType ? added.content.type : null;
          const state = type instanceof Y.Map ? threadState(type, tx) : null;
          const ok = state !== null && mine(state.createdBy) && type instanceof Y.Map && type.get('comments') instanceof Y.Array && state.comments.every(ownComment);
          if (!ok) {
            const old = prior?.content instanceof Y.ContentType && prior.content.type instanceof Y.Map ? threadState(prior.content.type, tx) : null;
            fix(`обсуждение от имени ${String(state?.createdBy)}`, restoreEntry(map, key, prior, added, old ? () => rebuiltThread(old, restored) : undefined));
            continue;
          }
        }
        // a thread that was there: only its author removes it, and only while it holds nothing of others
        if (prior && prior.content instanceof Y.ContentType && prior.content.type instanceof Y.Map) {
          const state = threadState(prior.content.type, tx);
          if (!mine(state.createdBy) || !state.comments.every((c) => c?.author === author.login)) {
            fix(`удаление обсуждения ${String(state.createdBy)}`, restoreEntry(map, key, prior, added, () => rebuiltThread(state, restored)));
          }
        }
      } else if (isThreadMap(map, threads) && !map._item?.deleted && !isNew(map._item as Y.Item, before)) {
        // a field of a thread that was there before
        if (THREAD_FIXED.has(key)) {
          const rebuild = key === 'comments' && prior?.content instanceof Y.ContentType
            ? () => {
                const arr = new Y.Array<Comment>();
                const old = commentsOf((prior.content as Y.ContentType).type, tx);
                for (const c of old) if (c && typeof c === 'object') restored.add(c);
                arr.push(old);
                return arr;
              }
            : undefined;
          fix(`изменение обсуждения (${key})`, restoreEntry(map, key, prior, added, rebuild));
        } else if (RESOLUTION.has(key)) {
          const by = added && key === 'resolvedBy' ? valueOf(added) : undefined;
          if (added === null || (key === 'resolvedBy' && by !== null && !mine(by))) {
            fix(added === null ? `удаление поля обсуждения (${key})` : `закрытие обсуждения от имени ${String(by)}`, restoreEntry(map, key, prior, added));
            // a forged resolution goes with the resolved flag and time it came with
            for (const k of RESOLUTION) {
              if (k === key || !keys.has(k)) continue;
              const other = sides(map, k);
              fixes.push(restoreEntry(map, k, other.prior, other.added));
              keys.delete(k);
            }
          }
        } else if (added) fix(`лишнее поле обсуждения (${key})`, () => added.delete(tx));
      }
    }
  }

  for (const arr of arrays) {
    const thread = arr._item?.parent as Y.Map<unknown>;
    // a new thread was judged whole above; so was a comments array replaced or a thread deleted
    if (!arr._item || arr._item.deleted || isNew(arr._item, before) || !thread._item || thread._item.deleted) continue;
    for (let n = arr._start; n; n = n.right) {
      if (!(n.content instanceof Y.ContentAny)) continue;
      const comments = n.content.getContent() as Comment[];
      if (!n.deleted && isNew(n, before)) {
        const bad = comments.find((c) => !ownComment(c));
        if (bad) {
          const item = n;
          fix(`комментарий от имени ${String(bad?.author)} (${String(bad?.authorName)})`, () => item.delete(tx));
        }
      } else if (n.deleted && deletedIn(tx, n.id) && !isNew(n, before) && comments.some((c) => c?.author !== author.login)) {
        // put back where it was: after the comments before it that are still there (counted when put back,
        // after the corrections before it)
        const gone = n;
        fix(`удаление комментария ${comments.map((c) => String(c?.author)).join(', ')}`, write(() => {
          let index = 0;
          for (let m = arr._start; m && m !== gone; m = m.right) if (!m.deleted && m.countable) index += m.length;
          for (const c of comments) if (c && typeof c === 'object') restored.add(c);
          arr.insert(index, comments);
        }));
      }
    }
  }

  for (const f of fixes) f();
  return taken;
}
