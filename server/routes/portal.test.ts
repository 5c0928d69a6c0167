import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';
import { addUser } from '../auth/user-admin.ts';
import { INN } from '../checks/testing.ts';
import type { CorrectionMarks, PortalDocument, PortalEvents, PortalMessage, PortalRegistry, PortalRegistryDetail, PortalSubmission } from '../contract/portal.ts';
import type { RegistryList } from '../contract/registries.ts';
import type { Database } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';
import { G, get, openRegion, post, register, registrationForm, registryCsv, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import { signIn, type TestApi } from '../testing/http.ts';

const INN2 = completeInn10('720300002');

describe.each(testDatabases())('the РСО portal on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  let rso: string;
  let rso2: string;
  let otherId: number;
  let ownId: number;

  const submit = async (cookie: string, content: string, fields: Record<string, string> = { letterOutNo: '12/345', letterOutDate: '2026-10-03' }) => {
    const res = await api.request('/portal/registries', { method: 'POST', headers: { cookie }, body: registrationForm('реестр.csv', content, fields) });
    return { status: res.status, body: (await res.json()) as PortalSubmission & { message?: string; problems?: { message: string }[] } };
  };

  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    const orgs = ['inn;ogrn;name;status;tax_debt', `${INN};${completeOgrn('102720000001')};МУП «Вода»;действует;нет`, `${INN2};${completeOgrn('102720000002')};ООО «Чужая вода»;действует;нет`].join('\n');
    const r = await importReference(db.sql, { kind: 'organisations', fileName: 'o.csv', bytes: new TextEncoder().encode(orgs), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    await addUser(db.sql, null, { login: 'voda', fullName: 'Иванова И. И.', role: 'rso', password: 'voda-password', rsoInn: INN });
    await addUser(db.sql, null, { login: 'chuzhaya', fullName: 'Петрова П. П.', role: 'rso', password: 'chuzhaya-password', rsoInn: INN2 });
    rso = await signIn(api, 'voda', 'voda-password');
    rso2 = await signIn(api, 'chuzhaya', 'chuzhaya-password');
    // another organisation already claims house G[0] for September (entered by a reviewer)
    const other = await register(api, s.reviewer, 'other.csv', registryCsv('сентябрь 2026', [[G[0]!, '5', '35,35']], 'Холодное водоснабжение', INN2).replace('МУП «Вода»', 'ООО «Чужая вода»'));
    otherId = other.registry.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('takes a submission of the organisation\'s own file: «Новый», «через портал», checks 7 and 9 said without the other organisation', async () => {
    const wrong = await submit(rso, registryCsv('сентябрь 2026', [[G[1]!, '12,5', '88,38']], 'Холодное водоснабжение', INN2));
    expect(wrong.status).toBe(422);
    expect(wrong.body.problems?.[0]?.message).toBe(`ИНН РСО в файле (${INN2}) не совпадает с ИНН вашей организации (${INN})`);
    expect(await get<PortalRegistry[]>(api, rso2, '/portal/registries')).toHaveLength(1);

    const noLetter = await api.request('/portal/registries', { method: 'POST', headers: { cookie: rso }, body: registrationForm('r.csv', 'x') });
    expect(noLetter.status).toBe(400);

    const ok = await submit(rso, registryCsv('сентябрь 2026', [[G[0]!, '40', '282,80'], [G[1]!, '12,5', '88,38'], [G[2]!, '3', '21,21']]));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.registry).toMatchObject({ status: 'Новый', viaPortal: true, letterOutNo: '12/345', letterOutDate: '2026-10-03', rowsTotal: 3 });
    expect(ok.body.serverChecks).toEqual([{ ruleId: '7', title: 'Дублирование домов', failedRows: 1 }, expect.objectContaining({ ruleId: '9' })]);
    ownId = ok.body.registry.id;
    const text = JSON.stringify(ok.body);
    expect(text).not.toContain(INN2);
    expect(text).not.toContain('Чужая');

    const list = await get<RegistryList>(api, s.reviewer, '/registries');
    expect(list.rows.find((r) => r.id === ownId)).toMatchObject({ viaPortal: true, status: 'Новый', rsoInn: INN });

    const detail = await get<PortalRegistryDetail>(api, rso, `/portal/registries/${ownId}`);
    const dup = detail.rows[0]?.failed.find((f) => f.ruleId === '7');
    expect(dup?.reason).toBe('Дом за сентябрь 2026 уже заявлен: в другом реестре (организация не называется)');
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`${INN2}|Чужая|№ ${otherId}\\b`));
    // the regulator's view names it: the masking is the portal's
    const staff = await get<{ results: { ruleId: string; reason: string }[] }>(api, s.reviewer, `/registries/${ownId}/rows/7`);
    expect(staff.results.find((r) => r.ruleId === '7')?.reason).toMatch(/Чужая|720300002/);
  });

  it('gives the check worker the region\'s houses but only the organisation\'s own tariffs and itself', async () => {
    const snap = await get<{ version: string; houses: unknown[]; tariffs: { rso_inn: string }[]; organisations: { inn: string }[] }>(api, rso2, '/portal/reference/snapshot');
    expect(snap.houses).toHaveLength(3);
    expect(snap.tariffs).toEqual([]);
    expect(snap.organisations.map((o) => o.inn)).toEqual([INN2]);
    expect(snap.version).toMatch(new RegExp(`:${INN2}$`));
    expect((await get<{ version: string }>(api, rso2, '/portal/reference/version')).version).toBe(snap.version);
    const own = await get<{ tariffs: { rso_inn: string }[] }>(api, rso, '/portal/reference/snapshot');
    expect(own.tariffs.map((t) => t.rso_inn)).toEqual([INN]);
  });

  it('never shows one organisation another\'s registry, rows, documents or messages: 404 as for none', async () => {
    const mine = await get<PortalRegistry[]>(api, rso, '/portal/registries');
    expect(mine.map((r) => r.id)).toEqual([ownId]);
    const theirs = await get<PortalRegistry[]>(api, rso2, '/portal/registries');
    expect(theirs.map((r) => r.id)).toEqual([otherId]);
    for (const path of [`/portal/registries/${otherId}`, `/portal/registries/${otherId}/documents`, `/portal/registries/${otherId}/messages`, `/portal/registries/${otherId}/messages/live`]) {
      const res = await api.request(path, { headers: { cookie: rso } });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ code: 'registry_not_found', message: `Реестр № ${otherId} не найден` });
    }
    const none = await api.request('/portal/registries/999999', { headers: { cookie: rso } });
    expect(await none.json()).toEqual({ code: 'registry_not_found', message: 'Реестр № 999999 не найден' });
    expect((await post(api, rso, `/portal/registries/${otherId}/messages`, { body: 'чужой' })).status).toBe(404);
    // and none of the regulator's routes
    for (const path of ['/registries', `/registries/${ownId}`, `/registries/${ownId}/rows/1`, `/registries/${ownId}/messages`, '/analytics/dashboard', '/users', '/houses']) {
      expect((await api.request(path, { headers: { cookie: rso } })).status, path).toBe(403);
    }
  });

  it('carries the correspondence both ways, live, audited; events with an unread count', async () => {
    const live = await api.request(`/portal/registries/${ownId}/messages/live`, { headers: { cookie: rso } });
    expect(live.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = live.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const nextMessage = async (): Promise<PortalMessage> => {
      for (;;) {
        const m = /event: message\ndata: (.*)\n/.exec(received);
        if (m) {
          received = received.slice((m.index ?? 0) + m[0].length);
          return JSON.parse(m[1] ?? '') as PortalMessage;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        received += decoder.decode(value);
      }
    };
    const asked = await post(api, s.reviewer, `/registries/${ownId}/messages`, { body: 'Почему объём по дому вырос?', rowNo: 7 });
    expect(asked.status).toBe(201);
    expect(await nextMessage()).toMatchObject({ rowNo: 7, fromRso: false, body: 'Почему объём по дому вырос?', author: 'Проверяющий: Проверкин Иван Петрович' });
    expect((await post(api, s.manager, `/registries/${ownId}/messages`, { body: 'нет' })).status).toBe(403);

    const events = await get<PortalEvents>(api, rso, '/portal/events');
    expect(events.unread).toBeGreaterThanOrEqual(2);
    expect(events.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['message', 'registered']));
    expect((await post(api, rso, '/portal/events/seen')).status).toBe(200);
    expect((await get<PortalEvents>(api, rso, '/portal/events')).unread).toBe(0);
    expect((await get<PortalEvents>(api, rso2, '/portal/events')).events.some((e) => e.registryId === ownId)).toBe(false);

    const answer = await post(api, rso, `/portal/registries/${ownId}/messages`, { body: 'Ввели новый дом в эксплуатацию', rowNo: 7 });
    expect(answer.status).toBe(201);
    expect(await nextMessage()).toMatchObject({ fromRso: true, author: 'МУП «Вода»' });
    await reader.cancel();
    const thread = await get<PortalMessage[]>(api, s.manager, `/registries/${ownId}/messages`);
    expect(thread.map((m) => [m.fromRso, m.body])).toEqual([[false, 'Почему объём по дому вырос?'], [true, 'Ввели новый дом в эксплуатацию']]);
    const audit = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'portal.message' and entity_id = ${String(ownId)}`;
    expect(audit[0]?.n).toBe(2);
  });

  it('shows decisions with reasons and the letter, and takes a correction linked to the original', async () => {
    expect((await post(api, s.reviewer, `/registries/${ownId}/take`)).status).toBe(200);
    expect((await post(api, s.reviewer, `/registries/${ownId}/rows/decide`, { rows: [7, 8], decision: 'Согласован', reason: 'Объёмы подтверждены' })).status).toBe(200);
    expect((await post(api, s.reviewer, `/registries/${ownId}/rows/decide`, { rows: [9], decision: 'Не согласован', reason: 'Объём не подтверждён' })).status).toBe(200);
    expect((await post(api, s.reviewer, `/registries/${ownId}/complete`, { status: 'Согласован' })).status).toBe(200);
    expect((await post(api, s.reviewer, `/registries/${ownId}/documents`, { kind: 'letter' })).status).toBe(201);

    const detail = await get<PortalRegistryDetail>(api, rso, `/portal/registries/${ownId}`);
    expect(detail).toMatchObject({ status: 'Согласован', rowsAgreed: 2, rowsRejected: 1, canCorrect: true });
    expect(detail.rows.map((r) => [r.rowNo, r.status, r.reason])).toEqual([[7, 'Согласован', null], [8, 'Согласован', null], [9, 'Не согласован', 'Объём не подтверждён']]);
    const docs = await get<PortalDocument[]>(api, rso, `/portal/registries/${ownId}/documents`);
    expect(docs[0]).toMatchObject({ kind: 'letter' });
    const file = await api.request(`/portal/documents/${docs[0]!.id}/file`, { headers: { cookie: rso } });
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await api.request(`/portal/documents/${docs[0]!.id}/file`, { headers: { cookie: rso2 } })).status).toBe(404);
    const events = await get<PortalEvents>(api, rso, '/portal/events');
    expect(events.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['decided', 'letter']));

    // a correction: row 9's volume fixed; the other organisation's registry cannot be named as the original
    const content = registryCsv('сентябрь 2026', [[G[0]!, '40', '282,80'], [G[1]!, '12,5', '88,38'], [G[2]!, '2', '14,14']]);
    const foreign = await submit(rso, content, { letterOutNo: '12/400', letterOutDate: '2026-10-20', correctsId: String(otherId) });
    expect(foreign.body.problems?.[0]?.message).toBe(`Реестр № ${otherId} не найден`);
    const fix = await submit(rso, content, { letterOutNo: '12/400', letterOutDate: '2026-10-20', correctsId: String(ownId) });
    expect(fix.status, JSON.stringify(fix.body)).toBe(200);
    expect(fix.body.registry).toMatchObject({ isCorrection: true, correctsId: ownId, status: 'Новый' });
    expect(fix.body.refused).toBe(false);
    const marks = await get<CorrectionMarks>(api, s.reviewer, `/registries/${fix.body.registry.id}/correction`);
    expect(marks).toEqual({ correctsId: ownId, rows: [{ rowNo: 7, changed: false, agreedBefore: true }, { rowNo: 8, changed: false, agreedBefore: true }, { rowNo: 9, changed: true, agreedBefore: false }] });
    expect((await get<PortalRegistryDetail>(api, rso, `/portal/registries/${ownId}`)).canCorrect).toBe(false);
  });
});
