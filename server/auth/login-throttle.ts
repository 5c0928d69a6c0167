import { appendAudit } from '../audit/audit-log.ts';
import type { Sql } from '../db/database.ts';

/**
 * Anti-automation of sign-in (ASVS V2.2.1), per login and per client address, kept in Postgres so several server
 * processes and a restart share it. An attempt is counted before the password is hashed (scrypt is the costly
 * part, and concurrent attempts must not all slip through before any is counted) and taken back when it
 * succeeds. After `free` failures each attempt waits 1, 2, 4… up to 60 s after the previous one; at `lockAt` the
 * key is locked for `lockMinutes` (audited, an administrator may unlock). A login is locked whether or not such a
 * user exists, so the answers do not tell which logins exist. The address limits are looser than the login's: an
 * office behind one NAT address signs in from it.
 *
 * Machine clients with API tokens (a later issue) do not sign in here and are not throttled by it.
 */
export interface ThrottleRule {
  free: number;
  lockAt: number;
  lockMinutes: number;
  /** failures older than this are forgotten */
  forgetHours: number;
}

export const THROTTLE: Record<ThrottleKind, ThrottleRule> = {
  login: { free: 5, lockAt: 10, lockMinutes: 15, forgetHours: 24 },
  address: { free: 20, lockAt: 100, lockMinutes: 15, forgetHours: 1 },
};

export type ThrottleKind = 'login' | 'address';

const MAX_WAIT_SECONDS = 60;

/** Seconds the next attempt waits after `failures` failures. */
export function backoffSeconds(kind: ThrottleKind, failures: number): number {
  const over = failures - THROTTLE[kind].free;
  return over <= 0 ? 0 : Math.min(MAX_WAIT_SECONDS, 2 ** (over - 1));
}

export type Refusal = { kind: ThrottleKind; key: string; locked: boolean; retryAfterSeconds: number };

interface Key {
  kind: ThrottleKind;
  key: string;
}

const keysOf = (login: string, address: string): Key[] => [
  { kind: 'login', key: login.trim().toLowerCase().slice(0, 200) },
  // in-process requests (tests) have no address
  ...(address ? [{ kind: 'address' as const, key: address.slice(0, 200) }] : []),
];

/**
 * Counts a sign-in attempt for the login and the address, or says why it must wait (nothing counted then).
 * Both keys are counted in one transaction, under their row locks.
 */
export async function reserveAttempt(sql: Sql, login: string, address: string): Promise<Refusal | null> {
  const keys = keysOf(login, address);
  return (await sql.begin(async (tx) => {
    for (const { kind, key } of keys) {
      const rule = THROTTLE[kind];
      const forget = `${rule.forgetHours} hours`;
      const [row] = await tx<{ failures: number }[]>`
        insert into login_throttle as t (kind, key, failures, next_at, last_failure_at)
        values (${kind}, ${key}, 1, now(), now())
        on conflict (kind, key) do update set
          failures = case when t.last_failure_at < now() - ${forget}::interval then 1 else t.failures + 1 end,
          last_failure_at = now()
        where t.next_at <= now() and (t.locked_until is null or t.locked_until <= now())
        returning failures`;
      if (!row) {
        const [t] = await tx<{ locked: boolean; wait: number }[]>`
          select locked_until > now() as locked, ceil(extract(epoch from greatest(next_at, coalesce(locked_until, next_at)) - now()))::int as wait
          from login_throttle where kind = ${kind} and key = ${key}`;
        // nothing of this attempt stays counted
        throw new Refused({ kind, key, locked: t?.locked === true, retryAfterSeconds: Math.max(1, t?.wait ?? 1) });
      }
      const wait = backoffSeconds(kind, row.failures);
      if (wait > 0) await tx`update login_throttle set next_at = now() + ${`${wait} seconds`}::interval where kind = ${kind} and key = ${key}`;
    }
    return null;
  }).catch((e: unknown) => {
    if (e instanceof Refused) return e.refusal;
    throw e;
  })) as Refusal | null;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super('throttled');
  }
}

/** A successful sign-in: the login starts afresh; the address forgets this one attempt only. */
export async function attemptSucceeded(sql: Sql, login: string, address: string): Promise<void> {
  for (const { kind, key } of keysOf(login, address)) {
    if (kind === 'login') await sql`delete from login_throttle where kind = 'login' and key = ${key}`;
    else await sql`update login_throttle set failures = greatest(failures - 1, 0), next_at = now() where kind = 'address' and key = ${key}`;
  }
}

/** A failed sign-in (already counted): a key at its lock threshold is locked, and the lock audited. */
export async function attemptFailed(sql: Sql, login: string, address: string): Promise<void> {
  for (const { kind, key } of keysOf(login, address)) {
    const rule = THROTTLE[kind];
    await sql.begin(async (tx) => {
      const [locked] = await tx<{ failures: number; until: Date }[]>`
        update login_throttle set locked_until = now() + ${`${rule.lockMinutes} minutes`}::interval
        where kind = ${kind} and key = ${key} and failures >= ${rule.lockAt} and (locked_until is null or locked_until <= now())
        returning failures, locked_until as until`;
      if (locked) {
        await appendAudit(tx, { actorId: null, action: 'auth.lock', entity: kind, entityId: key, payload: { failures: locked.failures, until: locked.until.toISOString() } });
      }
    });
  }
}

/** The Russian answer to a refused attempt. */
export function refusalMessage(r: Refusal): string {
  const minutes = Math.ceil(r.retryAfterSeconds / 60);
  if (r.locked) {
    return r.kind === 'login'
      ? `Вход под именем «${r.key}» заблокирован после ${THROTTLE.login.lockAt} неудачных попыток. Повторите через ${minutes} мин. или обратитесь к администратору.`
      : `С этого адреса слишком много неудачных попыток входа: вход заблокирован. Повторите через ${minutes} мин. или обратитесь к администратору.`;
  }
  return `Слишком много неудачных попыток входа. Повторите через ${r.retryAfterSeconds} с.`;
}

export interface LockRow {
  kind: ThrottleKind;
  key: string;
  failures: number;
  lockedUntil: string | null;
  nextAt: string;
}

/** Keys locked now or waiting, for the administrator. */
export async function listLocks(sql: Sql): Promise<LockRow[]> {
  const rows = await sql<LockRow[]>`
    select kind, key, failures, to_char(locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lockedUntil",
           to_char(next_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "nextAt"
    from login_throttle where locked_until > now() or next_at > now() order by kind, key`;
  return [...rows];
}

/** An administrator lifts a lock (or a wait) of a login or an address; audited. False when there was none. */
export async function unlock(sql: Sql, kind: ThrottleKind, key: string, actorId: number): Promise<boolean> {
  const k = kind === 'login' ? key.trim().toLowerCase() : key.trim();
  return sql.begin(async (tx) => {
    const [row] = await tx<{ failures: number }[]>`delete from login_throttle where kind = ${kind} and key = ${k} returning failures`;
    if (!row) return false;
    await appendAudit(tx, { actorId, action: 'auth.unlock', entity: kind, entityId: k, payload: { failures: row.failures } });
    return true;
  });
}

/** Forgets counts nobody needs: no lock in force and the last failure older than the kind's memory. */
export async function purgeThrottle(sql: Sql): Promise<number> {
  let n = 0;
  for (const kind of ['login', 'address'] as const) {
    const r = await sql`delete from login_throttle where kind = ${kind} and (locked_until is null or locked_until < now())
      and next_at < now() and last_failure_at < now() - ${`${THROTTLE[kind].forgetHours} hours`}::interval`;
    n += r.count;
  }
  return n;
}
