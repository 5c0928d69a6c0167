import * as Y from 'yjs';
import { auditAppend, type AuditEntry } from '../audit/audit-log.ts';
import type { Sql, Tx } from '../db/database.ts';

/** The durable log of shared documents: a snapshot plus the updates appended after it (migration 007). */

const bytes = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export interface StoredDoc {
  snapshot: Uint8Array | null;
  tail: Uint8Array[];
}

/** Creates the document's row if it is new (updates reference it). */
export async function ensureStoredDoc(sql: Sql, name: string): Promise<void> {
  await sql`insert into sync_docs (name) values (${name}) on conflict (name) do nothing`;
}

export async function loadStoredDoc(sql: Sql, name: string): Promise<StoredDoc> {
  return sql.begin('isolation level repeatable read', async (tx) => {
    const [doc] = await tx<{ snapshot: Buffer | null }[]>`select snapshot from sync_docs where name = ${name}`;
    const rows = await tx<{ update: Buffer }[]>`select update from sync_updates where doc = ${name} order by id`;
    return { snapshot: doc?.snapshot ?? null, tail: rows.map((r) => new Uint8Array(r.update)) };
  });
}

export interface AppendedUpdate {
  update: Uint8Array;
  actorId: number | null;
}

/**
 * Appends accepted updates and the audit records of what they say (new comments) in one statement: atomic by
 * itself, one round trip, so a live comment is stored before it is broadcast without a transaction's four.
 */
export async function appendUpdates(sql: Sql | Tx, name: string, origin: string, updates: AppendedUpdate[], audit: AuditEntry[] = []): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => ({ doc: name, update: bytes(u.update), origin, actor_id: u.actorId }));
  const insert = sql`insert into sync_updates ${sql(rows, 'doc', 'update', 'origin', 'actor_id')}`;
  // a data-modifying WITH runs to completion whether or not the outer statement reads it
  if (audit.length === 0) await insert;
  else await sql`with appended as (${insert}) select ${auditAppend(sql, audit)}`;
}

export async function tailLength(sql: Sql, name: string): Promise<number> {
  const [r] = await sql<{ n: number }[]>`select count(*)::int as n from sync_updates where doc = ${name}`;
  return r?.n ?? 0;
}

/**
 * Folds the tail into the snapshot. Works on the database alone (not on any process's memory), so it is safe
 * while other processes append: only the updates read here are deleted, in the same transaction that stores
 * the snapshot containing them; the row lock keeps two compactions of one document apart (`no key update`: the
 * appends' foreign-key checks take key-share locks on the same row and must not wait for a compaction).
 */
export async function compactStoredDoc(sql: Sql, name: string): Promise<number> {
  return sql.begin(async (tx) => {
    const [doc] = await tx<{ snapshot: Buffer | null }[]>`select snapshot from sync_docs where name = ${name} for no key update`;
    if (!doc) return 0;
    const rows = await tx<{ id: string; update: Buffer }[]>`select id, update from sync_updates where doc = ${name} order by id`;
    if (rows.length === 0) return 0;
    const ydoc = new Y.Doc({ gc: true });
    if (doc.snapshot) Y.applyUpdate(ydoc, new Uint8Array(doc.snapshot));
    for (const r of rows) Y.applyUpdate(ydoc, new Uint8Array(r.update));
    const snapshot = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    await tx`update sync_docs set snapshot = ${bytes(snapshot)}, compactions = compactions + 1, compacted_at = now() where name = ${name}`;
    await tx`delete from sync_updates where id = any(${rows.map((r) => r.id)}::bigint[])`;
    return rows.length;
  });
}
