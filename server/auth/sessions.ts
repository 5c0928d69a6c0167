import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import type { Role, SessionUser } from '../contract/auth.ts';

export const SESSION_COOKIE = 'sverka_session';

// Only the hash of a token is stored: a leaked sessions table does not let anyone sign in.
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
const minutes = (n: number): string => `${n} minutes`;

/**
 * A new session of the user, ending `hours` after now at the latest (ASVS V3.3; the idle period is the
 * reader's, `userOfSession`). Returns the token for the cookie.
 */
export async function createSession(sql: Sql, userId: number, hours: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await sql`insert into sessions (token_hash, user_id, expires_at)
    values (${tokenHash(token)}, ${userId}, now() + ${minutes(Math.round(hours * 60))}::interval)`;
  return token;
}

/**
 * The user of a live session: not past its absolute expiry, used within the idle period, the account active.
 * Its last use is recorded at most once a minute (a write per request would cost every request).
 */
export async function userOfSession(sql: Sql, token: string, idleMinutes: number): Promise<SessionUser | null> {
  const hash = tokenHash(token);
  const [row] = await sql<{ id: number; login: string; full_name: string; role: Role; rso_inn: string | null; stale: boolean }[]>`
    select u.id, u.login, u.full_name, u.role, u.rso_inn, s.last_seen_at < now() - interval '1 minute' as stale
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${hash} and s.expires_at > now() and s.last_seen_at > now() - ${minutes(idleMinutes)}::interval and u.active`;
  if (!row) return null;
  if (row.stale) await sql`update sessions set last_seen_at = now() where token_hash = ${hash}`;
  return { id: row.id, login: row.login, fullName: row.full_name, role: row.role, ...(row.rso_inn ? { rsoInn: row.rso_inn } : {}) };
}

export async function endSession(sql: Sql, token: string): Promise<void> {
  await sql`delete from sessions where token_hash = ${tokenHash(token)}`;
}

/** Deletes sessions past their absolute expiry or idle for longer than `idleMinutes`; returns how many. */
export async function purgeSessions(sql: Sql, idleMinutes: number): Promise<number> {
  const r = await sql`delete from sessions where expires_at <= now() or last_seen_at <= now() - ${minutes(idleMinutes)}::interval`;
  return r.count;
}
