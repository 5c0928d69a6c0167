import type { MirrorState, RegistryDecisionMirror, RowMirror } from '../../formulas/collab/shared-doc.ts';
import type { Sql, Tx } from '../db/database.ts';

/**
 * What a registry's mirror must show, read from Postgres. `signature` names that state in a few fields (status,
 * executor, sums, the decisions version, the last status decision): the host stamps it into `meta` after writing
 * the mirror, so loading a document whose mirror is current costs one small query instead of reading every
 * decided row.
 */

const SIGNATURE_QUERY = (tx: Sql | Tx, registryId: number) => tx<{ signature: string }[]>`
  select concat_ws('|', r.status, r.executor_id, r.agreed_sum, r.rejected_sum, r.rows_agreed, r.rows_rejected, r.decisions_version,
    (select max(d.id) from registry_decisions d where d.registry_id = r.id)) as signature
  from registries r where r.id = ${registryId}`;

/** The signature of the registry's state now; null: no such registry. */
export async function mirrorSignature(sql: Sql, registryId: number): Promise<string | null> {
  const [r] = await SIGNATURE_QUERY(sql, registryId);
  return r?.signature ?? null;
}

/** Reads the mirror's state and its signature in one consistent snapshot of Postgres. Null: no such registry. */
export async function readMirrorState(sql: Sql, registryId: number): Promise<{ state: MirrorState; signature: string } | null> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [r] = await tx<{ status: string; declared_sum: string; agreed_sum: string; rejected_sum: string; rows_total: number; rows_agreed: number; rows_rejected: number; executor: string | null }[]>`
      select r.status, r.declared_sum, r.agreed_sum, r.rejected_sum, r.rows_total, r.rows_agreed, r.rows_rejected, u.full_name as executor
      from registries r left join users u on u.id = r.executor_id where r.id = ${registryId}`;
    if (!r) return null;
    const [sig] = await SIGNATURE_QUERY(tx, registryId);
    const rows = await tx<{ row_no: number; status: RowMirror['status']; decision_reason: string | null; by: string | null; decided_at: Date | null }[]>`
      select rr.row_no, rr.status, rr.decision_reason, u.full_name as by, rr.decided_at
      from registry_rows rr left join users u on u.id = rr.decided_by
      where rr.registry_id = ${registryId} and rr.status <> 'Требует решения'`;
    const decisions = await tx<{ id: string; from_status: string | null; to_status: string; reason: string | null; by: string | null; decided_at: Date }[]>`
      select d.id, d.from_status, d.to_status, d.reason, u.full_name as by, d.decided_at
      from registry_decisions d left join users u on u.id = d.actor_id
      where d.registry_id = ${registryId} order by d.id`;
    const state: MirrorState = {
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
    return { state, signature: sig?.signature ?? '' };
  });
}
