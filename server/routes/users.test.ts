import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import type { Colleague } from '../contract/users.ts';

describe.each(testDatabases())('colleagues for @mentions on $name', (target) => {
  let db: Database;
  let api: TestApi;
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    api = apiFor(db.sql);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists the active accounts (login, name, role, nothing secret) to every signed-in role', async () => {
    await db.sql`update users set active = false where login = 'admin'`;
    for (const u of DEMO_USERS.filter((x) => x.login !== 'admin')) {
      const cookie = await signIn(api, u.login, u.password);
      const res = await api.request('/users', { headers: { cookie } });
      expect(res.status, u.login).toBe(200);
      const body = (await res.json()) as Colleague[];
      const expected = DEMO_USERS.filter((x) => x.login !== 'admin')
        .map(({ login, fullName, role }) => ({ login, fullName, role }))
        .sort((a, b) => (a.fullName < b.fullName ? -1 : 1));
      expect(body).toEqual(expected);
      for (const c of body) expect(Object.keys(c).sort()).toEqual(['fullName', 'login', 'role']);
    }
    await db.sql`update users set active = true where login = 'admin'`;
  });

  it('refuses without a session', async () => {
    const res = await api.request('/users');
    expect(res.status).toBe(401);
  });
});
