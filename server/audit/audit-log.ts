import { createHash } from 'node:crypto';
import type { Fragment, Sql, Tx } from '../db/database.ts';

/** What a command records about itself. */
export interface AuditEntry {
  actorId: number | null;
  /** e.g. `reference.import`, `auth.login`, `registry.decide` */
  action: string;
  entity: string;
  entityId?: string | number | null;
  payload?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level: jsonb reorders keys, the hash must not depend on that. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface RecordFields {
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  payload: unknown;
}

/**
 * What a record's hash covers besides the previous hash, one field per line. The writer sends it and the
 * database prepends the head it reads under the chain lock (audit_append, migration 031); the verifier below
 * prepends the hash it walked to.
 */
function recordBody(r: RecordFields): string {
  return [r.at, r.actorId ?? '', r.action, r.entity, r.entityId ?? '', canonicalJson(r.payload)].join('\n');
}

const hashRecord = (prevHash: string, r: RecordFields): string => createHash('sha256').update(`${prevHash}\n${recordBody(r)}`).digest('hex');

/** Appends one record to the chain inside the caller's transaction: it commits or rolls back with the change. */
export function appendAudit(tx: Tx, e: AuditEntry): Promise<void> {
  return appendAuditMany(tx, [e]);
}

/**
 * Appends records in order, in one statement: the chain's lock, the read of its head and the inserts happen in
 * the database (audit_append). Inside the caller's transaction they commit or roll back with its change; outside
 * one, the statement is atomic by itself, so a writer can put its own insert and this call in one statement
 * (`auditAppend` as a fragment) and pay one round trip.
 */
export async function appendAuditMany(tx: Sql | Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx`select ${auditAppend(tx, entries)}`;
}

/** The `audit_append(…)` call of the entries, as a fragment to put in the caller's statement. */
export function auditAppend(tx: Sql | Tx, entries: AuditEntry[]): Fragment {
  const at = new Date().toISOString();
  const records = entries.map((e) => {
    const entityId = e.entityId === undefined || e.entityId === null ? null : String(e.entityId);
    const payload = JSON.parse(canonicalJson(e.payload ?? {})) as Record<string, unknown>;
    return { at, actor_id: e.actorId, action: e.action, entity: e.entity, entity_id: entityId, payload, body: recordBody({ at, actorId: e.actorId, action: e.action, entity: e.entity, entityId, payload }) };
  });
  return tx`audit_append(${tx.json(records as never)})`;
}

export type ChainVerdict = { ok: true; records: number } | { ok: false; records: number; brokenAt: number; message: string };

/** Recomputes the whole chain; names the first record whose content or link no longer matches. */
export function verifyAuditChain(sql: Sql): Promise<ChainVerdict> {
  return walkAuditChain(sql, () => null);
}

/**
 * Recomputes the whole chain in order, showing each intact record's id and hash to `visit`, which may stop the
 * walk with a message (a signed checkpoint that does not match).
 */
export async function walkAuditChain(sql: Sql, visit: (id: number, hash: string) => string | null): Promise<ChainVerdict> {
  let prevHash = GENESIS;
  let records = 0;
  const cursor = sql<{ id: string; at: Date; actor_id: number | null; action: string; entity: string; entity_id: string | null; payload: unknown; prev_hash: string; hash: string }[]>`
    select id, at, actor_id, action, entity, entity_id, payload, prev_hash, hash from audit_log order by id`.cursor(1000);
  for await (const rows of cursor) {
    for (const r of rows) {
      records++;
      const expected = hashRecord(prevHash, { at: r.at.toISOString(), actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, payload: r.payload });
      if (r.prev_hash !== prevHash || r.hash !== expected) {
        return { ok: false, records, brokenAt: Number(r.id), message: `Запись журнала №${r.id} изменена или удалена запись перед ней: цепочка хешей нарушена` };
      }
      const stop = visit(Number(r.id), r.hash);
      if (stop) return { ok: false, records, brokenAt: Number(r.id), message: stop };
      prevHash = r.hash;
    }
  }
  return { ok: true, records };
}
