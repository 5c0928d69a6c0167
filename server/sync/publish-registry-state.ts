import * as Y from 'yjs';
import { registryDocName, writeMirror, type MirrorState, type RegistryDecisionMirror, type RowMirror } from '../../formulas/collab/shared-doc.ts';
import type { Sql } from '../db/database.ts';
import { appendUpdates, ensureStoredDoc, loadStoredDoc } from './doc-store.ts';
import { SERVER_ORIGIN } from './shared-doc-host.ts';
import { hubFor } from './sync-hub.ts';

/** Reads what the registry's mirror must show, in one consistent snapshot of Postgres. Null: no such registry. */
export async function readMirrorState(sql: Sql, registryId: number): Promise<MirrorState | null> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [r] = await tx<{ status: string; declared_sum: string; agreed_sum: string; rejected_sum: string; rows_total: number; rows_agreed: number; rows_rejected: number; executor: string | null }[]>`
      select r.status, r.declared_sum, r.agreed_sum, r.rejected_sum, r.rows_total, r.rows_agreed, r.rows_rejected, u.full_name as executor
      from registries r left join users u on u.id = r.executor_id where r.id = ${registryId}`;
    if (!r) return null;
    const rows = await tx<{ row_no: number; status: RowMirror['status']; decision_reason: string | null; by: string | null; decided_at: Date | null }[]>`
      select rr.row_no, rr.status, rr.decision_reason, u.full_name as by, rr.decided_at
      from registry_rows rr left join users u on u.id = rr.decided_by
      where rr.registry_id = ${registryId} and rr.status <> 'Требует решения'`;
    const decisions = await tx<{ id: string; from_status: string | null; to_status: string; reason: string | null; by: string | null; decided_at: Date }[]>`
      select d.id, d.from_status, d.to_status, d.reason, u.full_name as by, d.decided_at
      from registry_decisions d left join users u on u.id = d.actor_id
      where d.registry_id = ${registryId} order by d.id`;
    return {
      registry: {
        status: r.status,
        declaredSum: Number(r.declared_sum),
        agreedSum: Number(r.agreed_sum),
        rejectedSum: Number(r.rejected_sum),
        rowsTotal: r.rows_total,
        rowsAgreed: r.rows_agreed,
        rowsRejected: r.rows_rejected,
        rowsPending: r.rows_total - r.rows_agreed - r.rows_rejected,
        executor: r.executor,
        updatedAt: new Date().toISOString(),
      },
      rows: new Map(rows.map((x) => [x.row_no, { status: x.status, reason: x.decision_reason, by: x.by, at: x.decided_at ? x.decided_at.toISOString() : null }])),
      decisions: decisions.map((d): RegistryDecisionMirror => ({ id: Number(d.id), from: d.from_status, to: d.to_status, reason: d.reason, by: d.by, at: d.decided_at.toISOString() })),
    };
  });
}

/**
 * Writes the registry's authoritative state (status, sums, decided rows with their authors, status decisions)
 * into the mirror of its shared document, after a command committed. Call it after the transaction, never
 * inside it: `await publishRegistryState(sql, registryId)`. Through this process's sync hub when there is one
 * (the change is stored, sent to every open client and, with Redis, to the other processes); otherwise the
 * change is appended to the stored document, which clients receive when they next load it.
 * Only what differs is written, so calling it twice is harmless.
 */
export async function publishRegistryState(sql: Sql, registryId: number): Promise<void> {
  const hub = hubFor(sql);
  const state = hub ? await hub.db(() => readMirrorState(sql, registryId)) : await readMirrorState(sql, registryId);
  if (!state) return;
  if (hub) {
    const host = await hub.acquire({ kind: 'registry', registryId });
    try {
      writeMirror(host.doc, state, SERVER_ORIGIN);
      await host.settled();
    } finally {
      hub.release(host);
    }
    return;
  }
  const name = registryDocName(registryId);
  await ensureStoredDoc(sql, name);
  const stored = await loadStoredDoc(sql, name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.tail) Y.applyUpdate(doc, u);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  writeMirror(doc, state, SERVER_ORIGIN);
  doc.destroy();
  if (updates.length > 0) await sql.begin((tx) => appendUpdates(tx, name, 'publish', updates.map((update) => ({ update, actorId: null }))));
}
