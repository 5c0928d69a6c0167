import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../auth/user-admin.ts';
import { DEMO_USERS } from '../auth/users.ts';
import { INN } from '../checks/testing.ts';
import { seedRegion } from '../registries/testing.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, upload, type TestApi } from '../testing/http.ts';

const RSO_PASSWORD = 'rso-password-1';
const password = (login: string): string => (login === 'rso' ? RSO_PASSWORD : (DEMO_USERS.find((u) => u.login === login)?.password ?? ''));
const STAFF = ['admin', 'analyst', 'reviewer', 'manager'];

describe.each(testDatabases())('login and roles on $name', (target) => {
  let db: Database;
  let api: TestApi;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedRegion(db.sql);
    if (!DEMO_USERS.some((u) => u.login === 'rso')) await addUser(db.sql, null, { login: 'rso', fullName: 'РСО', role: 'rso', password: RSO_PASSWORD, rsoInn: INN });
    api = apiFor(db.sql);
  });
  afterAll(async () => {
    await db.close();
  });

  it('signs in with an HttpOnly session cookie and answers /me', async () => {
    const res = await api.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'Analyst', password: password('analyst') }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/sverka_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await api.request('/auth/me', { headers: { cookie: setCookie.split(';')[0] ?? '' } });
    expect(await me.json()).toEqual({ user: { id: expect.any(Number), login: 'analyst', fullName: expect.any(String), role: 'analyst' } });
  });

  it('refuses a wrong password and an unknown login with the same Russian message', async () => {
    for (const body of [{ login: 'admin', password: 'nope' }, { login: 'nobody', password: 'nope' }]) {
      const res = await api.request('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'bad_credentials', message: 'Неверный логин или пароль' });
    }
  });

  it('stores only scrypt hashes, never passwords', async () => {
    const rows = await db.sql<{ password_hash: string }[]>`select password_hash from users`;
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
  });

  it('ends the session on logout', async () => {
    const cookie = await signIn(api, 'reviewer', password('reviewer'));
    expect((await api.request('/auth/me', { headers: { cookie } })).status).toBe(200);
    expect((await api.request('/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await api.request('/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('records logins in the audit history', async () => {
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'auth.login'`;
    expect(row?.n).toBeGreaterThanOrEqual(2);
  });

  // Every route of the API, with the roles that may use it: a new route must be added here.
  const routes: { method: string; path: string; roles: string[]; body?: () => FormData }[] = [
    { method: 'GET', path: '/auth/me', roles: ['admin', 'analyst', 'reviewer', 'manager', 'rso'] },
    { method: 'POST', path: '/auth/password', roles: ['admin', 'analyst', 'reviewer', 'manager', 'rso'] },
    { method: 'GET', path: '/auth/locks', roles: ['admin'] },
    { method: 'POST', path: '/auth/unlock', roles: ['admin'] },
    { method: 'GET', path: '/houses', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/houses/municipalities', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/summary', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/version', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/snapshot', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/changes/1', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/changes/1/export.xlsx', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/reference/imports', roles: ['admin', 'analyst'] },
    { method: 'POST', path: '/reference/import/organisations', roles: ['admin', 'analyst'], body: () => upload('o.csv', 'inn;ogrn;name;status\n') },
    { method: 'GET', path: '/registries', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/executors', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/registries', roles: ['admin', 'reviewer'], body: () => new FormData() },
    { method: 'GET', path: '/registries/1', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/rows', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/row-states', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/rows/7', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/history', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/rows/7/history', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/rule-sets/current', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/rule-sets', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/registries/1/take', roles: ['admin', 'reviewer'] },
    { method: 'POST', path: '/registries/1/assign', roles: ['admin'] },
    { method: 'POST', path: '/registries/1/refuse', roles: ['admin', 'reviewer'] },
    { method: 'POST', path: '/registries/1/cancel', roles: ['admin'] },
    { method: 'POST', path: '/registries/1/rows/decide', roles: ['admin', 'reviewer'] },
    { method: 'POST', path: '/registries/1/rows/agree-clean', roles: ['admin', 'reviewer'] },
    { method: 'POST', path: '/registries/1/complete', roles: ['admin', 'reviewer'] },
    { method: 'POST', path: '/registries/1/recheck', roles: ['admin', 'reviewer', 'analyst'] },
    { method: 'GET', path: '/registries/export.xlsx', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/export.xlsx', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/registries/1/documents', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/registries/1/documents', roles: ['admin', 'reviewer'] },
    { method: 'GET', path: '/documents/1/file', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/rule-sets', roles: ['admin', 'analyst'] },
    { method: 'GET', path: '/standards/houses', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/houses/b0000000-0000-4000-8000-000000000001', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/groups', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/groups/0', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/mo-rates', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/standards/mo-rates/apply', roles: ['admin', 'analyst'] },
    { method: 'GET', path: '/standards/template', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/template/versions', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/standards/template', roles: ['analyst'] },
    { method: 'GET', path: '/standards/versions', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/standards/versions', roles: ['admin', 'analyst'] },
    { method: 'GET', path: '/standards/versions/1/groups', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/standards/diff?from=current', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/standards/forecast', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/options', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/dashboard', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/registries', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/table', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/export.xlsx', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/analytics/rso/7203000011', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/demo/status', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/users', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/templates', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/tiles', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/workbooks/tiles/1/unpin', roles: ['admin', 'analyst'] },
    { method: 'POST', path: '/workbooks', roles: ['admin', 'analyst'] },
    { method: 'POST', path: '/workbooks/run', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/workbooks/source', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/1', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/1/versions', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/1/versions/1', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/workbooks/1/versions', roles: ['admin', 'analyst'] },
    { method: 'GET', path: '/workbooks/1/run', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'GET', path: '/workbooks/1/export.xlsx', roles: ['admin', 'analyst', 'reviewer', 'manager'] },
    { method: 'POST', path: '/workbooks/1/tiles', roles: ['admin', 'analyst'] },
    { method: 'GET', path: '/users/accounts', roles: ['admin'] },
    { method: 'POST', path: '/users', roles: ['admin'] },
    { method: 'POST', path: '/users/nobody/disable', roles: ['admin'] },
    { method: 'POST', path: '/users/nobody/enable', roles: ['admin'] },
    { method: 'POST', path: '/users/nobody/password', roles: ['admin'] },
    { method: 'GET', path: '/registries/1/messages', roles: STAFF },
    { method: 'GET', path: '/registries/1/messages/live', roles: STAFF },
    { method: 'POST', path: '/registries/1/messages', roles: ['admin', 'reviewer'] },
    { method: 'GET', path: '/registries/1/correction', roles: STAFF },
    // the РСО portal: only an РСО user, and then only his organisation's data (portal.test.ts)
    { method: 'GET', path: '/portal/registries', roles: ['rso'] },
    { method: 'GET', path: '/portal/registries/1', roles: ['rso'] },
    { method: 'GET', path: '/portal/registries/1/documents', roles: ['rso'] },
    { method: 'GET', path: '/portal/documents/1/file', roles: ['rso'] },
    { method: 'POST', path: '/portal/registries', roles: ['rso'], body: () => new FormData() },
    { method: 'GET', path: '/portal/registries/1/messages', roles: ['rso'] },
    { method: 'GET', path: '/portal/registries/1/messages/live', roles: ['rso'] },
    { method: 'POST', path: '/portal/registries/1/messages', roles: ['rso'] },
    { method: 'GET', path: '/portal/events', roles: ['rso'] },
    { method: 'GET', path: '/portal/tokens', roles: ['rso'] },
    { method: 'POST', path: '/portal/tokens', roles: ['rso'] },
    { method: 'POST', path: '/portal/tokens/1/revoke', roles: ['rso'] },
    { method: 'GET', path: '/portal/template?service=ХВС&period=2026-10', roles: ['rso'] },
    { method: 'GET', path: '/portal/reference/version', roles: ['rso'] },
    { method: 'GET', path: '/portal/reference/snapshot', roles: ['rso'] },
    { method: 'POST', path: '/portal/events/seen', roles: ['rso'] },
    // the citizens' calculator (/calculator/*) is public by design: standards.test.ts uses it without signing in
  ];

  it.each(routes)('$method $path refuses anonymous requests', async ({ method, path, body }) => {
    const res = await api.request(path, { method, ...(body ? { body: body() } : {}) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthenticated', message: 'Войдите в систему' });
  });

  it.each(routes)('$method $path serves exactly its roles', async ({ method, path, roles, body }) => {
    for (const login of [...STAFF, 'rso']) {
      const cookie = await signIn(api, login, password(login));
      const res = await api.request(path, { method, headers: { cookie }, ...(body ? { body: body() } : {}) });
      if (roles.includes(login)) expect(res.status, `${login} ${path}`).not.toBe(403);
      else expect(res.status, `${login} ${path}`).toBe(403);
    }
  });
});
