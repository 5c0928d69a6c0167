import { sign, verify, type KeyObject } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { walkAuditChain, type ChainVerdict } from './audit-log.ts';
import { keyIdOf, type SigningKey } from './signing-key.ts';

/**
 * Anchored audit (ASVS V7.3.3): the chain's head is signed now and then with a key kept outside the database.
 * `verifyAnchoredChain` recomputes the chain and checks it against every checkpoint, so a record rewritten and
 * the chain re-hashed after it — which the unkeyed chain alone cannot tell — no longer matches a signature.
 */

// serialises checkpoint writers (several server processes): each signs the one before it
const CHECKPOINT_LOCK = 0x5e4c;

export interface Checkpoint {
  id: number;
  at: string;
  headId: number;
  headHash: string;
  records: number;
  prevSignature: string | null;
  keyId: string;
  signature: string;
}

/** What a checkpoint's signature covers. */
const signedText = (c: Omit<Checkpoint, 'keyId' | 'signature'>): Buffer =>
  Buffer.from(['sverka-audit-checkpoint v1', c.id, c.at, c.headId, c.headHash, c.records, c.prevSignature ?? ''].join('\n'));

/** Signs the chain's head when it moved since the last checkpoint; null when there was nothing new. */
export async function writeCheckpoint(sql: Sql, key: SigningKey): Promise<Checkpoint | null> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    const [head] = await tx<{ id: string; hash: string }[]>`select id, hash from audit_log order by id desc limit 1`;
    if (!head) return null;
    const [last] = await tx<{ head_id: string; signature: string }[]>`select head_id, signature from audit_checkpoints order by id desc limit 1`;
    if (last && last.head_id === head.id) return null;
    const [{ id, records } = { id: '0', records: '0' }] = await tx<{ id: string; records: string }[]>`
      select nextval('audit_checkpoints_id_seq') as id, (select count(*) from audit_log where id <= ${head.id}) as records`;
    const body = { id: Number(id), at: new Date().toISOString(), headId: Number(head.id), headHash: head.hash, records: Number(records), prevSignature: last?.signature ?? null };
    const signature = sign(null, signedText(body), key.privateKey).toString('base64');
    await tx`insert into audit_checkpoints (id, at, head_id, head_hash, records, prev_signature, key_id, signature)
      values (${body.id}, ${body.at}, ${body.headId}, ${body.headHash}, ${body.records}, ${body.prevSignature}, ${key.keyId}, ${signature})`;
    return { ...body, keyId: key.keyId, signature };
  });
}

async function checkpoints(sql: Sql): Promise<Checkpoint[]> {
  const rows = await sql<{ id: string; at: Date; head_id: string; head_hash: string; records: string; prev_signature: string | null; key_id: string; signature: string }[]>`
    select id, at, head_id, head_hash, records, prev_signature, key_id, signature from audit_checkpoints order by id`;
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), headId: Number(r.head_id), headHash: r.head_hash, records: Number(r.records), prevSignature: r.prev_signature, keyId: r.key_id, signature: r.signature }));
}

export type AnchoredVerdict = ChainVerdict & {
  checkpoints: number;
  /** the last checkpoint: which record it covers and when it was made */
  last: { id: number; at: string; headId: number } | null;
  /** records after the last checkpoint (not covered by a signature yet) */
  uncovered: number;
};

const dateTime = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

/**
 * The chain recomputed and checked against every signed checkpoint: each signature valid under `publicKey`,
 * each checkpoint signing the one before it, each head record present with the signed hash and count. A
 * rewritten and re-hashed chain fails at the first checkpoint after the change.
 */
export async function verifyAnchoredChain(sql: Sql, publicKey: KeyObject): Promise<AnchoredVerdict> {
  const list = await checkpoints(sql);
  const keyId = keyIdOf(publicKey);
  const fail = (message: string, records = 0): AnchoredVerdict => ({ ok: false, records, brokenAt: 0, message, checkpoints: list.length, last: null, uncovered: 0 });
  if (list.length === 0) return fail('В журнале нет ни одной подписанной контрольной точки: проверить его по ключу нечем');
  let prev: string | null = null;
  for (const c of list) {
    const where = `Контрольная точка №${c.id} от ${dateTime(c.at)}`;
    if (c.keyId !== keyId) return fail(`${where} подписана другим ключом (${c.keyId}), не ${keyId}`);
    if (!verify(null, signedText(c), publicKey, Buffer.from(c.signature, 'base64'))) return fail(`${where}: подпись не сходится — точка изменена`);
    if (c.prevSignature !== prev) return fail(`${where}: не продолжает предыдущую — точка перед ней удалена или изменена`);
    prev = c.signature;
  }
  const byHead = new Map(list.map((c) => [c.headId, c]));
  let count = 0;
  const verdict = await walkAuditChain(sql, (id, hash) => {
    count++;
    const c = byHead.get(id);
    if (!c) return null;
    if (c.headHash !== hash || c.records !== count) {
      return `Журнал переписан: запись №${id} не совпадает с контрольной точкой №${c.id} от ${dateTime(c.at)}, подписанной ключом (изменена она или запись перед ней, а хеши пересчитаны)`;
    }
    byHead.delete(id);
    return null;
  });
  const last = list[list.length - 1] as Checkpoint;
  const summary = { checkpoints: list.length, last: { id: last.id, at: last.at, headId: last.headId }, uncovered: 0 };
  if (!verdict.ok) return { ...verdict, ...summary };
  const missing = [...byHead.values()][0];
  if (missing) return { ok: false, records: verdict.records, brokenAt: missing.headId, message: `Журнал переписан: записи №${missing.headId}, подписанной в контрольной точке №${missing.id}, больше нет`, ...summary };
  const [after] = await sql<{ n: string }[]>`select count(*) as n from audit_log where id > ${last.headId}`;
  return { ...verdict, ...summary, uncovered: Number(after?.n ?? 0) };
}
