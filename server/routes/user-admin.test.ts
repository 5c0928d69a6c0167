import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { INN } from '../checks/testing.ts';
import type { UserAccount } from '../contract/users.ts';
import type { Database } from '../db/database.ts';
import { onSessionsEnded } from '../auth/sessions-ended.ts';
import { endLiveConnections } from '../registries/live-connections.ts';
import { userCommand } from '../cli/user-command.ts';
import { openRegion, post, type Sessions } from '../registries/testing.ts';
import { insertRegistry, startSyncServer, stockClient, upgradeStatus, type RunningSyncServer } from '../sync/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import { signIn, type TestApi } from '../testing/http.ts';

const json = async <T>(res: Response | Promise<Response>): Promise<{ status: number; body: T }> => {
  const r = await res;
  return { status: r.status, body: (await r.json()) as T };
};

describe.each(testDatabases())('user administration on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  let sync: RunningSyncServer;
  const secrets = new Set<string>();
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    sync = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded' });
  });
  afterAll(async () => {
    await sync?.close();
    await db?.close();
  });

  const add = (body: Record<string, unknown>, cookie = s.admin) => {
    if (typeof body.password === 'string') secrets.add(body.password);
    return json<UserAccount & { code?: string; message?: string }>(post(api, cookie, '/users', body));
  };

  it('adds a reviewer (admin only), refusing weak passwords, taken logins and bad organisations in Russian', async () => {
    expect((await add({ login: 'petrov', fullName: 'Петров П. П.', role: 'reviewer', password: 'long-enough-1' }, s.reviewer)).status).toBe(403);
    const short = await add({ login: 'petrov', fullName: 'Петров П. П.', role: 'reviewer', password: 'short' });
    expect(short).toMatchObject({ status: 400, body: { code: 'weak_password', message: 'Пароль короче 10 символов' } });
    const same = await add({ login: 'petrovpetr', fullName: 'Петров П. П.', role: 'reviewer', password: 'PetrovPetr' });
    expect(same).toMatchObject({ status: 400, body: { message: 'Пароль не может совпадать с логином' } });
    const ok = await add({ login: 'Petrov', fullName: 'Петров Пётр Петрович', role: 'reviewer', password: 'long-enough-1' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ login: 'petrov', fullName: 'Петров Пётр Петрович', role: 'reviewer', active: true, rsoInn: null, disabledAt: null });
    expect(ok.body.passwordChangedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await add({ login: 'petrov', fullName: 'Другой', role: 'manager', password: 'long-enough-2' })).body).toMatchObject({ code: 'login_taken', message: 'Логин «petrov» уже занят' });
    // an РСО user needs a valid ИНН of a known organisation, and only he has one
    expect((await add({ login: 'vodarso', fullName: 'Водоканал', role: 'rso', password: 'long-enough-3' })).body.message).toBe('Для пользователя РСО укажите ИНН организации');
    expect((await add({ login: 'vodarso', fullName: 'Водоканал', role: 'rso', password: 'long-enough-3', rsoInn: '7203000012' })).body.message).toMatch(/^ИНН организации: неверное контрольное число ИНН/);
    const unknown = completeInn10('720399999');
    expect((await add({ login: 'vodarso', fullName: 'Водоканал', role: 'rso', password: 'long-enough-3', rsoInn: unknown })).body.message).toBe(`Организации с ИНН ${unknown} нет в справочнике организаций`);
    expect((await add({ login: 'vodarso', fullName: 'Водоканал', role: 'reviewer', password: 'long-enough-3', rsoInn: INN })).body.code).toBe('rso_inn_not_allowed');
    const rso = await add({ login: 'vodarso', fullName: 'Иванова (МУП «Вода»)', role: 'rso', password: 'long-enough-3', rsoInn: INN });
    expect(rso.status).toBe(201);
    expect(rso.body).toMatchObject({ role: 'rso', rsoInn: INN, rsoName: 'МУП «Вода»' });
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from users where login in ('petrovpetr')`;
    expect(row?.n).toBe(0);
  });

  it('lets a user change his own password: current first, the rule, other sessions end, this one stays', async () => {
    const first = await signIn(api, 'petrov', 'long-enough-1');
    const second = await signIn(api, 'petrov', 'long-enough-1');
    const change = (current: string, next: string) => json<{ message?: string }>(post(api, first, '/auth/password', { current, next }));
    expect(await change('wrong-password', 'new-password-1')).toMatchObject({ status: 400, body: { message: 'Текущий пароль введён неверно' } });
    expect(await change('long-enough-1', 'short')).toMatchObject({ status: 400, body: { message: 'Пароль короче 10 символов' } });
    expect(await change('long-enough-1', 'petrov')).toMatchObject({ status: 400 });
    secrets.add('new-password-1');
    expect((await change('long-enough-1', 'new-password-1')).status).toBe(200);
    expect((await api.request('/auth/me', { headers: { cookie: first } })).status).toBe(200);
    expect((await api.request('/auth/me', { headers: { cookie: second } })).status).toBe(401);
    await expect(signIn(api, 'petrov', 'long-enough-1')).rejects.toThrow(/401/);
    await signIn(api, 'petrov', 'new-password-1');
  });

  it('disabling ends the open sessions and live co-review connections at once; enabling lets him in again', async () => {
    const cookie = await signIn(api, 'petrov', 'new-password-1');
    const registryId = await insertRegistry(db.sql);
    const client = stockClient(sync.url, `registry:${registryId}`, cookie);
    await client.synced;
    const closed = new Promise<void>((resolve) => client.provider.on('status', (e: { status: string }) => e.status === 'disconnected' && resolve()));
    expect((await post(api, s.admin, '/users/petrov/disable')).status).toBe(200);
    await closed;
    client.destroy();
    expect(await upgradeStatus(`${sync.url}/registry:${registryId}`, cookie)).toBe(401);
    expect((await api.request('/auth/me', { headers: { cookie } })).status).toBe(401);
    await expect(signIn(api, 'petrov', 'new-password-1')).rejects.toThrow(/401/);
    const [acc] = (await json<UserAccount[]>(api.request('/users/accounts', { headers: { cookie: s.admin } }))).body.filter((a) => a.login === 'petrov');
    expect(acc).toMatchObject({ active: false, disabledAt: expect.stringMatching(/^\d{4}-/) });
    expect((await post(api, s.admin, '/users/admin/disable')).status).toBe(409);
    expect((await post(api, s.admin, '/users/nobody/disable')).status).toBe(404);
    expect((await post(api, s.admin, '/users/petrov/enable')).status).toBe(200);
    await signIn(api, 'petrov', 'new-password-1');
  });

  it('resets a password (admin), ending the user\'s sessions', async () => {
    const cookie = await signIn(api, 'petrov', 'new-password-1');
    expect((await post(api, s.admin, '/users/petrov/password', { password: 'x' })).status).toBe(400);
    secrets.add('reset-password-7');
    expect((await post(api, s.admin, '/users/petrov/password', { password: 'reset-password-7' })).status).toBe(200);
    expect((await api.request('/auth/me', { headers: { cookie } })).status).toBe(401);
    await signIn(api, 'petrov', 'reset-password-7');
  });

  it('keeps the users list from РСО users', async () => {
    const rso = await signIn(api, 'vodarso', 'long-enough-3');
    expect((await api.request('/users', { headers: { cookie: rso } })).status).toBe(403);
    expect((await api.request('/users/accounts', { headers: { cookie: rso } })).status).toBe(403);
    const me = await json<{ user: { role: string; rsoInn?: string } }>(api.request('/auth/me', { headers: { cookie: rso } }));
    expect(me.body.user).toMatchObject({ role: 'rso', rsoInn: INN });
  });

  it('does the same from the command line (sverka user), audited as an operator', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = (password = '') => ({ readPassword: () => Promise.resolve(password), out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
    secrets.add('operator-pass-1');
    expect(await userCommand(db.sql, ['add', 'sidorov', '--name', 'Сидоров С. С.', '--role', 'manager'], io('operator-pass-1'))).toBe(0);
    expect(await userCommand(db.sql, ['add', 'sidorov2', '--name', 'Сидоров', '--role', 'boss'], io('operator-pass-1'))).toBe(2);
    expect(await userCommand(db.sql, ['add', 'sidorov3', '--name', 'Сидоров', '--role', 'manager'], io('short'))).toBe(1);
    expect(err.at(-1)).toBe('Пароль короче 10 символов');
    const cookie = await signIn(api, 'sidorov', 'operator-pass-1');
    expect(await userCommand(db.sql, ['disable', 'sidorov'], io())).toBe(0);
    expect((await api.request('/auth/me', { headers: { cookie } })).status).toBe(401);
    expect(await userCommand(db.sql, ['enable', 'sidorov'], io())).toBe(0);
    secrets.add('operator-pass-2');
    expect(await userCommand(db.sql, ['passwd', 'sidorov'], io('operator-pass-2'))).toBe(0);
    await signIn(api, 'sidorov', 'operator-pass-2');
    expect(await userCommand(db.sql, ['passwd', 'nobody'], io('operator-pass-2'))).toBe(1);
    expect(out).toEqual(['Пользователь «sidorov» добавлен', 'Пользователь «sidorov» отключён, его сеансы завершены', 'Пользователь «sidorov» включён', 'Пароль пользователя «sidorov» изменён, его сеансы завершены']);
    const [op] = await db.sql<{ actor_id: number | null }[]>`select actor_id from audit_log where action = 'user.add' and payload->>'login' = 'sidorov'`;
    expect(op?.actor_id).toBeNull();
  });

  it.runIf(target.name.startsWith('PostgreSQL'))('a user disabled from the command line loses his live co-review connection in a running server at once', async () => {
    const unlisten = await onSessionsEnded(db.sql, (id) => endLiveConnections(db.sql, id));
    try {
      const cookie = await signIn(api, 'sidorov', 'operator-pass-2');
      const registryId = await insertRegistry(db.sql);
      const client = stockClient(sync.url, `registry:${registryId}`, cookie);
      await client.synced;
      const closed = new Promise<void>((resolve) => client.provider.on('status', (e: { status: string }) => e.status === 'disconnected' && resolve()));
      const io = { readPassword: () => Promise.resolve(''), out: () => {}, err: () => {} };
      // what `npx sverka user disable` runs, in its own process; nothing of the server's HTTP route is involved
      expect(await userCommand(db.sql, ['disable', 'sidorov'], io)).toBe(0);
      await closed;
      client.destroy();
      expect(await upgradeStatus(`${sync.url}/registry:${registryId}`, cookie)).toBe(401);
      expect(await userCommand(db.sql, ['enable', 'sidorov'], io)).toBe(0);
    } finally {
      await unlisten();
    }
  });

  it('audits every change, never with a password or a hash', async () => {
    const rows = await db.sql<{ action: string; payload: unknown }[]>`select action, payload from audit_log where action like 'user.%' order by id`;
    const actions = rows.map((r) => r.action);
    for (const a of ['user.add', 'user.password_change', 'user.disable', 'user.enable', 'user.password_reset']) expect(actions).toContain(a);
    const hashes = (await db.sql<{ password_hash: string }[]>`select password_hash from users`).map((r) => r.password_hash);
    const all = (await db.sql<{ t: string }[]>`select payload::text as t from audit_log`).map((r) => r.t).join('\n');
    expect(secrets.size).toBeGreaterThan(5);
    for (const secret of secrets) expect(all).not.toContain(secret);
    for (const h of hashes) expect(all).not.toContain(h.split('$')[5] ?? h);
    expect(all).not.toMatch(/scrypt\$/);
  });
});
