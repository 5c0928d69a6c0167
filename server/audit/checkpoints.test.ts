import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { appendAudit, verifyAuditChain } from './audit-log.ts';
import { verifyAnchoredChain, writeCheckpoint } from './checkpoints.ts';
import { keyIdOf, loadPublicKey, loadSigningKey, type SigningKey } from './signing-key.ts';

/**
 * What someone with write access to the database does: turns the append-only trigger off, rewrites a record and
 * recomputes every later hash exactly as the server computes them (canonical JSON, SHA-256), all in SQL.
 */
async function rewriteAndRehash(db: Database, id: number, payload: Record<string, unknown>): Promise<void> {
  await db.sql.unsafe(`
    create or replace function attacker_canonical(j jsonb) returns text language plpgsql immutable as $f$
    declare out text;
    begin
      case jsonb_typeof(j)
        when 'object' then
          select '{' || coalesce(string_agg(to_json(k)::text || ':' || attacker_canonical(v), ',' order by k collate "C"), '') || '}' into out from jsonb_each(j) as e(k, v);
        when 'array' then
          select '[' || coalesce(string_agg(attacker_canonical(v), ',' order by n), '') || ']' into out from jsonb_array_elements(j) with ordinality as a(v, n);
        else out := j::text;
      end case;
      return out;
    end $f$`);
  await db.sql.begin(async (tx) => {
    await tx.unsafe('alter table audit_log disable trigger audit_log_no_update');
    await tx`update audit_log set payload = ${tx.json(payload as never)} where id = ${id}`;
    await tx.unsafe(`
      do $d$
      declare r record; prev text;
      begin
        select hash into prev from audit_log where id < ${id} order by id desc limit 1;
        prev := coalesce(prev, repeat('0', 64));
        for r in select * from audit_log where id >= ${id} order by id loop
          update audit_log set prev_hash = prev, hash = encode(sha256(convert_to(concat_ws(E'\\n', prev,
            to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), coalesce(r.actor_id::text, ''), r.action, r.entity,
            coalesce(r.entity_id, ''), attacker_canonical(r.payload)), 'UTF8')), 'hex')
          where id = r.id returning hash into prev;
        end loop;
      end $d$`);
    await tx.unsafe('alter table audit_log enable trigger audit_log_no_update');
  });
}

const testKey = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), source: 'test' };
};

describe.each(testDatabases())('anchored audit on $name', (target) => {
  let db: Database;
  const key = testKey();
  const append = (i: number) => db.sql.begin((tx) => appendAudit(tx, { actorId: null, action: 'registry.decide', entity: 'registry', entityId: 7, payload: { rows: `${i}-${i + 9}`, decision: 'Согласован', sum: 90_343_91 + i } }));
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => {
    await db.close();
  });

  it('signs the head when it moved, each checkpoint after the one before, and verifies', async () => {
    for (let i = 0; i < 5; i++) await append(i);
    const first = await writeCheckpoint(db.sql, key);
    expect(first).toMatchObject({ headId: expect.any(Number), records: 5, prevSignature: null, keyId: key.keyId });
    expect(await writeCheckpoint(db.sql, key)).toBeNull();
    for (let i = 5; i < 8; i++) await append(i);
    const second = await writeCheckpoint(db.sql, key);
    expect(second).toMatchObject({ records: 8, prevSignature: first?.signature });
    await append(8);
    expect(await verifyAnchoredChain(db.sql, key.publicKey)).toEqual({ ok: true, records: 9, checkpoints: 2, last: { id: second?.id, at: second?.at, headId: second?.headId }, uncovered: 1 });
    await expect(db.sql`delete from audit_checkpoints`).rejects.toThrow(/append-only/);
  });

  it('catches a record rewritten and the chain re-hashed in SQL, which the unkeyed chain cannot', async () => {
    const [target] = await db.sql<{ id: string }[]>`select id from audit_log order by id offset 2 limit 1`;
    await rewriteAndRehash(db, Number(target?.id), { rows: '1-210', decision: 'Согласован', sum: 1 });
    // the attack is a good one: the chain alone is consistent again
    expect(await verifyAuditChain(db.sql)).toEqual({ ok: true, records: 9 });
    const anchored = await verifyAnchoredChain(db.sql, key.publicKey);
    expect(anchored.ok).toBe(false);
    if (!anchored.ok) expect(anchored.message).toMatch(/^Журнал переписан: запись №\d+ не совпадает с контрольной точкой №\d+ от /);
  });

  it('refuses another key, a checkpoint taken out of the middle, and a journal without checkpoints', async () => {
    expect(await verifyAnchoredChain(db.sql, testKey().publicKey)).toMatchObject({ ok: false, message: expect.stringContaining('подписана другим ключом') });
    await db.sql.begin(async (tx) => {
      await tx.unsafe('alter table audit_checkpoints disable trigger audit_checkpoints_no_update');
      await tx`delete from audit_checkpoints where id = (select min(id) from audit_checkpoints)`;
      await tx.unsafe('alter table audit_checkpoints enable trigger audit_checkpoints_no_update');
    });
    expect(await verifyAnchoredChain(db.sql, key.publicKey)).toMatchObject({ ok: false, message: expect.stringContaining('не продолжает предыдущую') });
    const fresh = await openMigrated(target);
    try {
      expect(await verifyAnchoredChain(fresh.sql, key.publicKey)).toMatchObject({ ok: false, message: expect.stringContaining('нет ни одной подписанной контрольной точки') });
    } finally {
      await fresh.close();
    }
  });
});

describe('the signing key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sverka-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once in the data directory, readable by its owner only, its public half beside it', () => {
    const made = loadSigningKey({ dataDir: dir });
    expect(statSync(join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(loadSigningKey({ dataDir: dir }).keyId).toBe(made.keyId);
    expect(keyIdOf(loadPublicKey(join(dir, 'audit-signing-key.pub.pem')))).toBe(made.keyId);
    const pem = readFileSync(join(dir, 'audit-signing-key.pem'), 'utf8');
    expect(loadSigningKey({ key: pem, dataDir: '/nonexistent' }).keyId).toBe(made.keyId);
    expect(loadSigningKey({ key: pem.replace(/\n/g, '\\n'), dataDir: '/nonexistent' }).keyId).toBe(made.keyId);
  });

  it('refuses a key that is not Ed25519, in Russian', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadSigningKey({ key: rsa, dataDir: dir })).toThrow('SVERKA_AUDIT_KEY: ключ подписи журнала аудита должен быть Ed25519, а не rsa');
    expect(() => loadSigningKey({ key: 'мусор', dataDir: dir })).toThrow(/не удалось прочитать закрытый ключ/);
  });
});
