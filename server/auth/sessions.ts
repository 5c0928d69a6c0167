import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import type { Role, SessionUser } from '../contract/auth.ts';

export const SESSION_COOKIE = 'sverka_session';
export const SESSION_HOURS = 12;

// Only the hash of a token is stored: a leaked sessions table does not let anyone sign in.
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(sql: Sql, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await sql`insert into sessions (token_hash, user_id, expires_at)
    values (${tokenHash(token)}, ${userId}, now() + ${`${SESSION_HOURS} hours`}::interval)`;
  return token;
}

export async function userOfSession(sql: Sql, token: string): Promise<SessionUser | null> {
  const [row] = await sql<{ id: number; login: string; full_name: string; role: Role }[]>`
    select u.id, u.login, u.full_name, u.role from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${tokenHash(token)} and s.expires_at > now() and u.active`;
  return row ? { id: row.id, login: row.login, fullName: row.full_name, role: row.role } : null;
}

export async function endSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from sessions where token_hash = ${tokenHash(token)}`;
}
