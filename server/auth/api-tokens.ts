import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import type { SessionUser, Role } from '../contract/auth.ts';
import type { ApiTokenItem, CreatedApiToken } from '../contract/portal.ts';
import type { Sql } from '../db/database.ts';
import { UserAdminError } from './user-admin.ts';

/** `svk_` + 32 random bytes: recognisable in a leaked config, never stored (only its SHA-256). */
const PREFIX = 'svk_';
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const ITEM = (sql: Sql) => sql`id::int as id, name, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastUsedAt",
  to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "revokedAt"`;

/** An РСО user's new token, named; the secret is returned this once. Audited without the secret. */
export async function createApiToken(sql: Sql, user: SessionUser, name: string): Promise<CreatedApiToken> {
  const title = name.trim();
  if (!title) throw new UserAdminError(400, 'token_name_required', 'Назовите ключ (например, «1С: Биллинг»)');
  if (user.role !== 'rso') throw new UserAdminError(403, 'forbidden', 'Ключи API выдаются только пользователям РСО');
  const token = PREFIX + randomBytes(32).toString('base64url');
  return (await sql.begin(async (tx) => {
    const [row] = await tx<ApiTokenItem[]>`insert into api_tokens (user_id, name, token_hash) values (${user.id}, ${title}, ${hashOf(token)}) returning ${ITEM(tx as unknown as Sql)}`;
    if (!row) throw new Error('token not stored');
    await appendAudit(tx, { actorId: user.id, action: 'token.create', entity: 'api_token', entityId: row.id, payload: { name: title, rsoInn: user.rsoInn ?? null } });
    return { ...row, token };
  })) as CreatedApiToken;
}

export async function listApiTokens(sql: Sql, userId: number): Promise<ApiTokenItem[]> {
  return [...(await sql<ApiTokenItem[]>`select ${ITEM(sql)} from api_tokens where user_id = ${userId} order by id desc`)];
}

/** Revokes one of the user's own tokens (404 for another's); audited. */
export async function revokeApiToken(sql: Sql, user: SessionUser, id: number): Promise<ApiTokenItem> {
  return (await sql.begin(async (tx) => {
    const [row] = await tx<ApiTokenItem[]>`update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = ${id} and user_id = ${user.id} returning ${ITEM(tx as unknown as Sql)}`;
    if (!row) throw new UserAdminError(404, 'token_not_found', `Ключ № ${id} не найден`);
    await appendAudit(tx, { actorId: user.id, action: 'token.revoke', entity: 'api_token', entityId: id, payload: { name: row.name } });
    return row;
  })) as ApiTokenItem;
}

/** The user a live token speaks for: not revoked, the account active and still an РСО user. Use noted hourly. */
export async function userOfApiToken(sql: Sql, token: string): Promise<SessionUser | null> {
  if (!token.startsWith(PREFIX)) return null;
  const [row] = await sql<{ token_id: number; id: number; login: string; full_name: string; role: Role; rso_inn: string | null; stale: boolean }[]>`
    select t.id::int as token_id, u.id, u.login, u.full_name, u.role, u.rso_inn, coalesce(t.last_used_at < now() - interval '1 hour', true) as stale
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${hashOf(token)} and t.revoked_at is null and u.active and u.role = 'rso'`;
  if (!row) return null;
  if (row.stale) await sql`update api_tokens set last_used_at = now() where id = ${row.token_id}`;
  return { id: row.id, login: row.login, fullName: row.full_name, role: row.role, ...(row.rso_inn ? { rsoInn: row.rso_inn } : {}) };
}

/** The token of an `Authorization: Bearer …` header, or null. */
export const bearerToken = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1] ?? null;
};
