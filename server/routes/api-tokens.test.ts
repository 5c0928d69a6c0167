import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';
import { createApi } from '../app.ts';
import { addUser } from '../auth/user-admin.ts';
import { INN } from '../checks/testing.ts';
import type { ApiTokenItem, CreatedApiToken, PortalRegistry, PortalRegistryDetail, PortalSubmission } from '../contract/portal.ts';
import type { Database } from '../db/database.ts';
import type { OpenApiDocument } from '../http/openapi.ts';
import { importReference } from '../reference/import-reference.ts';
import { G, openRegion, post, register, registrationForm, registryCsv, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import { signIn, type TestApi } from '../testing/http.ts';

const INN2 = completeInn10('720300002');

describe.each(testDatabases())('API tokens of an РСО\'s billing system on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  let rso: string;
  let other: number;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    const orgs = ['inn;ogrn;name;status;tax_debt', `${INN};${completeOgrn('102720000001')};МУП «Вода»;действует;нет`, `${INN2};${completeOgrn('102720000002')};ООО «Чужая вода»;действует;нет`].join('\n');
    const r = await importReference(db.sql, { kind: 'organisations', fileName: 'o.csv', bytes: new TextEncoder().encode(orgs), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    await addUser(db.sql, null, { login: 'voda', fullName: 'Иванова', role: 'rso', password: 'voda-password', rsoInn: INN });
    rso = await signIn(api, 'voda', 'voda-password');
    other = (await register(api, s.reviewer, 'other.csv', registryCsv('август 2026', [[G[1]!, '5', '35,35']], 'Холодное водоснабжение', INN2))).registry.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is created, named and listed by the РСО user (secret once, stored hashed, audited), and a machine submits and reads verdicts with it', async () => {
    const res = await post(api, rso, '/portal/tokens', { name: '1С: Биллинг' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedApiToken;
    expect(created.token).toMatch(/^svk_[A-Za-z0-9_-]{43}$/);
    const list = (await (await api.request('/portal/tokens', { headers: { cookie: rso } })).json()) as ApiTokenItem[];
    expect(list).toEqual([{ id: created.id, name: '1С: Биллинг', createdAt: created.createdAt, lastUsedAt: null, revokedAt: null }]);
    const stored = await db.sql<{ token_hash: string }[]>`select token_hash from api_tokens`;
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = (await db.sql<{ t: string }[]>`select payload::text as t from audit_log where action like 'token.%'`).map((r) => r.t).join();
    expect(audit).toContain('1С: Биллинг');
    expect(audit).not.toContain(created.token.slice(4));
    expect(audit).not.toContain(stored[0]?.token_hash ?? '-');

    // the machine: no cookie, no Origin, a multipart body — as curl sends it (createApi without the test's same-site header)
    const machine = createApi(db.sql);
    const bearer = { authorization: `Bearer ${created.token}` };
    const form = registrationForm('сентябрь.csv', registryCsv('сентябрь 2026', [[G[0]!, '10', '70,70']]), { letterOutNo: '77/1', letterOutDate: '2026-10-05' });
    const sent = await machine.request('/portal/registries', { method: 'POST', headers: bearer, body: form });
    const body = (await sent.json()) as PortalSubmission;
    expect(sent.status, JSON.stringify(body)).toBe(200);
    expect(body.registry).toMatchObject({ viaPortal: true, status: 'Новый' });
    // what the machine sent is what the published description asks for, on the route it used
    const described = (await (await machine.request('/openapi.json')).json()) as OpenApiDocument;
    const submission = described.paths['/portal/registries']?.post;
    expect(submission?.security).toContainEqual({ apiToken: [] });
    const fields = submission?.requestBody?.content['multipart/form-data']?.schema as { properties: Record<string, unknown>; required: string[] };
    expect([...form.keys()].sort()).toEqual(expect.arrayContaining(fields.required.sort()));
    for (const key of form.keys()) expect(Object.keys(fields.properties)).toContain(key);
    const [by] = await db.sql<{ login: string }[]>`select u.login from registries r join users u on u.id = r.registered_by where r.id = ${body.registry.id}`;
    expect(by?.login).toBe('voda');
    const detail = (await (await machine.request(`/portal/registries/${body.registry.id}`, { headers: bearer })).json()) as PortalRegistryDetail;
    expect(detail.rows.map((r) => [r.rowNo, r.status])).toEqual([[7, 'Требует решения']]);
    const mine = (await (await machine.request('/portal/registries', { headers: bearer })).json()) as PortalRegistry[];
    expect(mine.map((r) => r.id)).toEqual([body.registry.id]);
    // scoped to the organisation and to the portal
    expect((await machine.request(`/portal/registries/${other}`, { headers: bearer })).status).toBe(404);
    for (const path of ['/registries', '/users', '/analytics/dashboard']) expect((await machine.request(path, { headers: bearer })).status, path).toBe(403);
    // a token manages no tokens
    expect((await machine.request('/portal/tokens', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ещё' }) })).status).toBe(403);
    // an ambient cookie does not count beside a token: a wrong token with a good cookie is refused
    expect((await machine.request('/portal/registries', { headers: { authorization: 'Bearer svk_wrong', cookie: rso } })).status).toBe(401);

    const revoked = await post(api, rso, `/portal/tokens/${created.id}/revoke`);
    expect(((await revoked.json()) as ApiTokenItem).revokedAt).toMatch(/^\d{4}-/);
    expect((await machine.request('/portal/registries', { headers: bearer })).status).toBe(401);
    const actions = (await db.sql<{ action: string }[]>`select action from audit_log where action like 'token.%' order by id`).map((r) => r.action);
    expect(actions).toEqual(['token.create', 'token.revoke']);
  });

  it('dies with its user: a disabled РСО user\'s token is refused', async () => {
    const created = (await (await post(api, rso, '/portal/tokens', { name: 'второй' })).json()) as CreatedApiToken;
    const machine = createApi(db.sql);
    expect((await machine.request('/portal/events', { headers: { authorization: `Bearer ${created.token}` } })).status).toBe(200);
    expect((await post(api, s.admin, '/users/voda/disable')).status).toBe(200);
    expect((await machine.request('/portal/events', { headers: { authorization: `Bearer ${created.token}` } })).status).toBe(401);
  });
});
