import { createHash } from 'node:crypto';
import type { Sql, Tx } from '../db/database.ts';

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
// Any constant works; it serialises writers of the chain so two transactions never link to the same head.
const CHAIN_LOCK = 0x5e4b;

/** JSON with keys sorted at every level: jsonb reorders keys, the hash must not depend on that. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface HashedFields {
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  payload: unknown;
  prevHash: string;
}

function hashRecord(r: HashedFields): string {
  const text = [r.prevHash, r.at, r.actorId ?? '', r.action, r.entity, r.entityId ?? '', canonicalJson(r.payload)].join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** Appends one record to the chain inside the caller's transaction: it commits or rolls back with the change. */
export async function appendAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx`select pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const [head] = await tx<{ hash: string }[]>`select hash from audit_log order by id desc limit 1`;
  const prevHash = head?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const entityId = e.entityId === undefined || e.entityId === null ? null : String(e.entityId);
  const payload = JSON.parse(canonicalJson(e.payload ?? {})) as Record<string, unknown>;
  const hash = hashRecord({ at, actorId: e.actorId, action: e.action, entity: e.entity, entityId, payload, prevHash });
  await tx`insert into audit_log (at, actor_id, action, entity, entity_id, payload, prev_hash, hash)
    values (${at}, ${e.actorId}, ${e.action}, ${e.entity}, ${entityId}, ${tx.json(payload as never)}, ${prevHash}, ${hash})`;
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
      const expected = hashRecord({ at: r.at.toISOString(), actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, payload: r.payload, prevHash });
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

/**
 * Appends several records in order, inside the caller's transaction, with one lock, one read of the chain's head
 * and one insert: for writers that record many at once (comments of a group-committed batch of sync updates).
 * The lock and the read go out together (pipelined), so this is two round trips whatever the count.
 */
export async function appendAuditMany(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const [, [head]] = await Promise.all([tx`select pg_advisory_xact_lock(${CHAIN_LOCK})`, tx<{ hash: string }[]>`select hash from audit_log order by id desc limit 1`]);
  let prevHash = head?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const rows = entries.map((e) => {
    const entityId = e.entityId === undefined || e.entityId === null ? null : String(e.entityId);
    const payload = JSON.parse(canonicalJson(e.payload ?? {})) as Record<string, unknown>;
    const hash = hashRecord({ at, actorId: e.actorId, action: e.action, entity: e.entity, entityId, payload, prevHash });
    const row = { at, actor_id: e.actorId, action: e.action, entity: e.entity, entity_id: entityId, payload, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  // ids are assigned in the order of the rows: the chain (ordered by id) links them as computed
  await tx`insert into audit_log (at, actor_id, action, entity, entity_id, payload, prev_hash, hash)
    select (r->>'at')::timestamptz, (r->>'actor_id')::int, r->>'action', r->>'entity', r->>'entity_id', r->'payload', r->>'prev_hash', r->>'hash'
    from jsonb_array_elements(${tx.json(rows as never)}) with ordinality as e(r, n) order by n`;
}
