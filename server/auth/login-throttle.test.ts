import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { DEFAULT_HTTP_SETTINGS } from '../http/settings.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import { purgeThrottle, THROTTLE } from './login-throttle.ts';
import { purgeSessions } from './sessions.ts';
import { ensureFirstUsers } from './users.ts';

/** Sign-in anti-automation (ASVS V2.2.1) and session lifetime (V3.3), through the real routes. */
describe.each(testDatabases())('login throttling and sessions on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    // behind a proxy that names the client, so the address is the test's to choose
    api = apiFor(db.sql, { ...DEFAULT_HTTP_SETTINGS, trustProxy: true });
    admin = await signIn(api, 'admin', 'admin-demo');
  });
  beforeEach(async () => {
    await db.sql`delete from login_throttle`;
  });
  afterAll(async () => {
    await db.close();
  });

  let n = 0;
  const login = (name: string, password: string, address = `10.0.0.${++n % 250}`): Promise<Response> =>
    Promise.resolve(api.request('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.9, ${address}` }, body: JSON.stringify({ login: name, password }) }));
  /** Time passes: the wait after the last failure is over (a lock is not). */
  const waitOver = () => db.sql`update login_throttle set next_at = now()`;

  it('backs off after five failures, then locks the login for a while, even for the right password', async () => {
    for (let i = 0; i < THROTTLE.login.free + 1; i++) expect((await login('Reviewer', 'wrong')).status).toBe(401);
    const early = await login('reviewer', 'wrong');
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toEqual({ code: 'login_throttled', message: 'Слишком много неудачных попыток входа. Повторите через 1 с.' });
    for (let i = THROTTLE.login.free + 1; i < THROTTLE.login.lockAt; i++) {
      await waitOver();
      expect((await login('reviewer', 'wrong')).status).toBe(401);
    }
    await waitOver();
    // the right password is not even checked while the login is locked
    const locked = await login('reviewer', 'reviewer-demo');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toEqual({ code: 'login_locked', message: 'Вход под именем «reviewer» заблокирован после 10 неудачных попыток. Повторите через 15 мин. или обратитесь к администратору.' });
    const [lock] = await db.sql<{ n: number; entity: string; entity_id: string }[]>`select count(*)::int as n, min(entity) as entity, min(entity_id) as entity_id from audit_log where action = 'auth.lock'`;
    expect(lock).toEqual({ n: 1, entity: 'login', entity_id: 'reviewer' });
  });

  it('lets an administrator see and lift a lock, audited; only an administrator', async () => {
    for (let i = 0; i < THROTTLE.login.lockAt; i++) {
      await waitOver();
      expect((await login('analyst', 'wrong')).status).toBe(401);
    }
    expect((await login('analyst', 'analyst-demo')).status).toBe(429);
    const locks = await api.request('/auth/locks', { headers: { cookie: admin } });
    expect(((await locks.json()) as { locks: { kind: string; key: string; failures: number }[] }).locks).toContainEqual(expect.objectContaining({ kind: 'login', key: 'analyst', failures: 10 }));
    const manager = await signIn(api, 'manager', 'manager-demo');
    const unlock = (cookie: string, body: unknown) => api.request('/auth/unlock', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await unlock(manager, { login: 'analyst' })).status).toBe(403);
    expect((await unlock(admin, { login: 'Analyst' })).status).toBe(200);
    expect((await unlock(admin, { login: 'analyst' })).status).toBe(404);
    const [audit] = await db.sql<{ actor: string; entity_id: string }[]>`
      select u.login as actor, a.entity_id from audit_log a join users u on u.id = a.actor_id where a.action = 'auth.unlock'`;
    expect(audit).toEqual({ actor: 'admin', entity_id: 'analyst' });
    expect((await login('analyst', 'analyst-demo')).status).toBe(200);
  });

  it('locks an unknown login exactly like a known one, so the answers do not tell which logins exist', async () => {
    const answers = async (name: string): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < THROTTLE.login.lockAt + 1; i++) {
        await waitOver();
        out.push((await login(name, 'wrong')).status);
      }
      return out;
    };
    expect(await answers('nobody-here')).toEqual(await answers('manager'));
  });

  it('counts concurrent attempts before hashing: a burst gets at most the free ones through', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => login('manager', 'wrong')));
    const statuses = burst.map((r) => r.status);
    // attempts past the sixth wait for the one before them: refused without a password check
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(THROTTLE.login.free + 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30 - THROTTLE.login.free - 1);
  });

  it('throttles an address over many logins, leaves other addresses alone, and forgets a success', async () => {
    for (let i = 0; i < THROTTLE.address.free; i++) expect((await login(`user${i}`, 'wrong', '198.51.100.7')).status).toBe(401);
    // a success from the address takes back only its own count
    expect((await login('manager', 'manager-demo', '198.51.100.7')).status).toBe(200);
    expect((await login('someone', 'wrong', '198.51.100.7')).status).toBe(401);
    const refused = await login('someone-else', 'wrong', '198.51.100.7');
    expect(refused.status).toBe(429);
    expect((await login('manager', 'manager-demo', '198.51.100.8')).status).toBe(200);
  });

  it('forgets old counts and keeps those in force', async () => {
    await login('old', 'wrong');
    await login('recent', 'wrong');
    await db.sql`update login_throttle set last_failure_at = now() - interval '25 hours', next_at = now() - interval '25 hours' where key = 'old'`;
    expect(await purgeThrottle(db.sql)).toBeGreaterThanOrEqual(1);
    const keys = (await db.sql<{ key: string }[]>`select key from login_throttle where kind = 'login'`).map((r) => r.key);
    expect(keys).toEqual(['recent']);
  });

  it('ends a session idle for longer than the idle period or past its lifetime, and purges both', async () => {
    const idle = await signIn(api, 'manager', 'manager-demo');
    const old = await signIn(api, 'manager', 'manager-demo');
    const live = await signIn(api, 'manager', 'manager-demo');
    const hash = async (cookie: string): Promise<string> => {
      const { createHash } = await import('node:crypto');
      return createHash('sha256').update(cookie.split('=')[1] ?? '').digest('hex');
    };
    await db.sql`update sessions set last_seen_at = now() - interval '31 minutes' where token_hash = ${await hash(idle)}`;
    await db.sql`update sessions set expires_at = now() - interval '1 second' where token_hash = ${await hash(old)}`;
    await db.sql`update sessions set last_seen_at = now() - interval '29 minutes' where token_hash = ${await hash(live)}`;
    expect((await api.request('/auth/me', { headers: { cookie: idle } })).status).toBe(401);
    expect((await api.request('/auth/me', { headers: { cookie: old } })).status).toBe(401);
    expect((await api.request('/auth/me', { headers: { cookie: live } })).status).toBe(200);
    // its use was recorded: the idle period starts again
    const [seen] = await db.sql<{ fresh: boolean }[]>`select last_seen_at > now() - interval '1 minute' as fresh from sessions where token_hash = ${await hash(live)}`;
    expect(seen?.fresh).toBe(true);
    expect(await purgeSessions(db.sql, DEFAULT_HTTP_SETTINGS.sessionIdleMinutes)).toBe(2);
    const [left] = await db.sql<{ n: number }[]>`select count(*)::int as n from sessions where token_hash in (${await hash(idle)}, ${await hash(old)})`;
    expect(left?.n).toBe(0);
  });
});
