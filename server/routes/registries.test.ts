import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import type { HistoryEntry, RegistryCard, RegistryList, RegistryRowsPayload, RowDetail, RowStates } from '../contract/registries.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { G, get, post, register, registrationForm, registryCsv, openRegion, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import type { TestApi } from '../testing/http.ts';

afterAll(async () => {
  await closeChecks();
});

describe.each(testDatabases())('registry intake on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
  });
  afterAll(async () => {
    await db.close();
  });

  it('registers a good file with its rows, verdicts and exact sums; checks 7 and 9 see earlier registries', async () => {
    // three months of history for house 0 (volume 10), then a jump to 40 in September
    for (const p of ['июнь 2026', 'июль 2026', 'август 2026']) await register(api, s.reviewer, `${p}.csv`, registryCsv(p, [[G[0]!, '10', '70,70']]));
    const out = await register(api, s.reviewer, 'sep.csv', registryCsv('сентябрь 2026', [[G[0]!, '40', '282,80'], [G[1]!, '12,5', '88,38'], [G[2]!, '3', '21,21']]), { letterOutNo: '15-01/77', letterOutDate: '2026-10-02', comment: 'первичный' });
    expect(out.refused).toBe(false);
    const card = out.registry;
    expect(card).toMatchObject({ status: 'Новый', rowsTotal: 3, declaredSum: 28_280 + 8_838 + 2_121, agreedSum: 0, letterOutNo: '15-01/77', comment: 'первичный', municipalDistrict: 'Абатский муниципальный район', period: '2026-09' });
    expect(card.checkDeadline).not.toBeNull();
    expect(card.daysLeft).toBeGreaterThan(0);

    const rows = await get<RegistryRowsPayload>(api, s.manager, `/registries/${card.id}/rows`);
    expect(rows.count).toBe(3);
    expect(rows.subsidy).toEqual([28_280, 8_838, 2_121]);
    // 7.07 × 12.5 = 88.375 → 88.38 half up
    expect(rows.expected).toEqual([28_280, 8_838, 2_121]);
    expect(rows.vLiving).toEqual(['40.0000', '12.5000', '3.0000']);
    const R = rows.ruleIds.length;
    const verdict = (i: number, rule: string) => ({ status: rows.checkStatus[i * R + rows.ruleIds.indexOf(rule)], reason: rows.reasons[rows.checkReason[i * R + rows.ruleIds.indexOf(rule)] ?? 0] });
    expect(verdict(0, '9').status).toBe(2);
    expect(verdict(0, '9').reason).toContain('Среднее значение объема по данному дому 10');
    expect(verdict(1, '9').status).toBe(3); // no history for house 1
    expect(verdict(0, '8').status).toBe(1);
    expect(card.rowsFailed).toBe(1);

    // a correction of September is registered (not refused) and check 7 names the first September registry
    const fix = await register(api, s.reviewer, 'sep-fix.csv', registryCsv('сентябрь 2026', [[G[2]!, '3', '21,21']]), { isCorrection: 'true' });
    expect(fix.refused).toBe(false);
    const fixRows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${fix.registry.id}/rows`);
    const k7 = fixRows.ruleIds.indexOf('7');
    expect(fixRows.checkStatus[k7]).toBe(2);
    expect(fixRows.reasons[fixRows.checkReason[k7] ?? 0]).toContain(`реестр № ${card.id}`);

    const detail = await get<RowDetail>(api, s.reviewer, `/registries/${card.id}/rows/${rows.rowNo[0]}`);
    expect(detail.house?.fiasId).toBe(G[0]);
    expect(detail.volumes.map((v) => [v.period, Number(v.volume)])).toEqual([['2026-06', 10], ['2026-07', 10], ['2026-08', 10], ['2026-09', 40]]);
    expect(detail.tariffs).toHaveLength(1);
    expect(detail.tariffs[0]).toMatchObject({ decisionId: 'ID_1', eot: '48.8000', lt: '41.7300', matches: true });
    expect(detail.results.find((r) => r.ruleId === '9')?.status).toBe('failed');

    const list = await get<RegistryList>(api, s.manager, '/registries?period=2026-09');
    expect(list.rows.map((r) => r.id).sort()).toEqual([card.id, fix.registry.id].sort());
    expect(list.counts['Все']).toBe(2);
    const byLetter = await get<RegistryList>(api, s.manager, '/registries?letter=15-01');
    expect(byLetter.rows.map((r) => r.id)).toEqual([card.id]);
    const bySum = await get<RegistryList>(api, s.manager, '/registries?min=392&max=392,39');
    expect(bySum.rows.map((r) => r.id)).toEqual([card.id]);
    // periods as a range (both ends inclusive), or up to a month; the РСО's letter date; the registry's №
    const ids = async (query: string) => (await get<RegistryList>(api, s.manager, `/registries?${query}`)).rows.map((r) => r.id).sort((a, b) => a - b);
    const summer = await ids('period=2026-07&periodTo=2026-08');
    expect(summer).toHaveLength(2);
    expect(summer).not.toContain(card.id);
    expect(await ids('period=2026-06&periodTo=2026-08')).toHaveLength(3);
    expect(await ids('periodTo=2026-08')).toEqual(await ids('period=2026-06&periodTo=2026-08'));
    expect(await ids('period=2026-09&periodTo=2026-08')).toEqual([]);
    expect(await ids('letterFrom=2026-10-02&letterTo=2026-10-02')).toEqual([card.id]);
    expect(await ids('letterFrom=2026-10-03')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent(`№ ${card.id}`)}`)).toEqual([card.id]);
    expect(await ids(`q=${card.id}`)).toContain(card.id);
    expect((await api.request('/registries?periodTo=2026-13', { headers: { cookie: s.manager } })).status).toBe(400);
  });

  it('refuses a duplicate registry but stores and audits it', async () => {
    const first = await register(api, s.reviewer, 'oct.csv', registryCsv('октябрь 2026', [[G[1]!, '1', '7,07']]));
    const twin = await register(api, s.admin, 'oct-again.csv', registryCsv('октябрь 2026', [[G[1]!, '1', '7,07']]));
    expect(twin.refused).toBe(true);
    expect(twin.registry.status).toBe('Отказано в регистрации');
    expect(twin.registry.refusalReason).toContain(`реестр № ${first.registry.id}`);
    const history = await get<HistoryEntry[]>(api, s.reviewer, `/registries/${twin.registry.id}/history`);
    expect(history.map((h) => h.action)).toEqual(['registry.register']);
    expect(history[0]?.summary).toContain('отказано в регистрации');
  });

  it('stores nothing of an unreadable file and names the problem', async () => {
    const count = async () => (await db.sql<{ r: number; a: number }[]>`select (select count(*) from registries)::int as r, (select count(*) from audit_log)::int as a`)[0];
    const before = await count();
    const res = await api.request('/registries', { method: 'POST', headers: { cookie: s.reviewer }, body: registrationForm('broken.csv', 'это не реестр;\nсовсем;нет') });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { problems: { file: string; message: string }[] };
    expect(body.problems[0]?.file).toBe('broken.csv');
    expect(await count()).toEqual(before);
  });

  it('lets only the assigned reviewer or an admin decide, in the right status, with reasons', async () => {
    const { registry } = await register(api, s.reviewer, 'nov.csv', registryCsv('ноябрь 2026', [[G[0]!, '10', '70,70'], [G[1]!, '10', '70,00'], [G[2]!, '10', '70,70']]));
    const id = registry.id;
    // wrong status: nothing decided on a new registry
    const early = await post(api, s.admin, `/registries/${id}/rows/decide`, { rows: [2], decision: 'Согласован' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message: string }).message).toContain('«Новый»');
    for (const who of ['manager', 'analyst'] as const) expect((await post(api, s[who], `/registries/${id}/take`)).status).toBe(403);
    expect((await post(api, s.reviewer, `/registries/${id}/take`)).status).toBe(200);
    expect((await post(api, s.reviewer2, `/registries/${id}/take`)).status).toBe(409);
    const rows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${id}/rows`);
    const [r1, r2, r3] = rows.rowNo as [number, number, number];
    expect((await post(api, s.reviewer2, `/registries/${id}/rows/decide`, { rows: [r1], decision: 'Согласован' })).status).toBe(403);
    expect((await post(api, s.manager, `/registries/${id}/rows/decide`, { rows: [r1], decision: 'Согласован' })).status).toBe(403);
    expect((await post(api, s.analyst, `/registries/${id}/complete`, { status: 'Согласован' })).status).toBe(403);
    expect((await post(api, s.reviewer2, `/registries/${id}/rows/agree-clean`, { reason: 'x' })).status).toBe(403);
    const noReason = await post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [r1], decision: 'Не согласован' });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toEqual({ code: 'reason_required', message: 'Укажите причину несогласования' });
    // a decision over several rows, and «согласовать все без ошибок», move their whole sum: refused without a basis
    for (const reason of [undefined, '', '  ']) {
      const bulk = await post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [r1, r3], decision: 'Согласован', ...(reason === undefined ? {} : { reason }) });
      expect(bulk.status).toBe(422);
      expect(await bulk.json()).toEqual({ code: 'reason_required', message: 'Укажите основание решения по 2 строкам' });
      const all = await post(api, s.reviewer, `/registries/${id}/rows/agree-clean`, reason === undefined ? {} : { reason });
      expect(all.status).toBe(422);
      expect(((await all.json()) as { message: string }).message).toBe('Укажите основание согласования всех строк без ошибок');
    }
    expect((await get<RowStates>(api, s.reviewer, `/registries/${id}/row-states`)).status).toEqual([0, 0, 0]);
    expect((await post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [99_999], decision: 'Согласован' })).status).toBe(400);
    expect((await post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Согласован' })).status).toBe(409);

    // row 2 declared 70.00 instead of 70.70: check 8 fails, agree-clean leaves it; reject it with a reason
    const clean = await post(api, s.reviewer, `/registries/${id}/rows/agree-clean`, { reason: 'Проверено: ошибок нет' });
    expect(((await clean.json()) as { changed: number }).changed).toBe(2);
    const [audit] = await db.sql<{ payload: { reason: string; count: number } }[]>`select payload from audit_log where action = 'registry.agree_clean' and entity_id = ${String(id)}`;
    expect(audit?.payload).toMatchObject({ reason: 'Проверено: ошибок нет', count: 2 });
    const rejected = await post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [r2], decision: 'Не согласован', reason: 'Сумма не совпадает с расчётом' });
    expect(rejected.status).toBe(200);
    const states = await get<RowStates>(api, s.reviewer, `/registries/${id}/row-states`);
    expect(states.status).toEqual([1, 2, 1]);
    expect(states.reasons[r2]).toBe('Сумма не совпадает с расчётом');
    const done = await post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Согласован' });
    const card = (await done.json()) as RegistryCard;
    expect(card).toMatchObject({ status: 'Согласован', agreedSum: 14_140, rejectedSum: 7_000, rowsAgreed: 2, rowsRejected: 1, partlyAgreed: true, daysLeft: null });
    expect(card.executionMark).toMatch(/^Исполнено \d\d\.\d\d\.\d{4}$/);
    expect((await post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Согласован' })).status).toBe(409);

    const history = await get<HistoryEntry[]>(api, s.manager, `/registries/${id}/history`);
    expect(history.map((h) => h.action)).toEqual(['registry.register', 'registry.take', 'registry.agree_clean', 'registry.decide', 'registry.complete']);
    expect(history[2]?.rows).toEqual([r1, r3]);
    expect(history[3]?.summary).toBe(`Строка № 2 (стр. ${r2}) не согласована: Сумма не совпадает с расчётом`);
    expect(history[4]?.summary).toContain('согласован частично');
    expect(history.every((h) => h.actor === 'Проверкин Иван Петрович')).toBe(true);
    const rowHistory = await get<HistoryEntry[]>(api, s.manager, `/registries/${id}/rows/${r2}/history`);
    expect(rowHistory.map((h) => h.summary)).toEqual([`Строка № 2 (стр. ${r2}) не согласована: Сумма не совпадает с расчётом`]);
  });

  it('not agreeing a registry rejects its undecided rows with the reason and agrees nothing', async () => {
    const { registry } = await register(api, s.admin, 'dec.csv', registryCsv('декабрь 2026', [[G[0]!, '1', '7,07'], [G[1]!, '2', '14,14']]), { executorId: '' });
    expect((await post(api, s.admin, `/registries/${registry.id}/take`, { executorId: (await get<{ id: number; fullName: string }[]>(api, s.admin, '/registries/executors')).find((e) => e.fullName.startsWith('Сверкина'))?.id })).status).toBe(200);
    const rows = await get<RegistryRowsPayload>(api, s.reviewer2, `/registries/${registry.id}/rows`);
    await post(api, s.reviewer2, `/registries/${registry.id}/rows/decide`, { rows: [rows.rowNo[0]], decision: 'Согласован' });
    expect((await post(api, s.reviewer2, `/registries/${registry.id}/complete`, { status: 'Не согласован' })).status).toBe(422);
    const res = await post(api, s.reviewer2, `/registries/${registry.id}/complete`, { status: 'Не согласован', reason: 'Реестр подписан не уполномоченным лицом' });
    const card = (await res.json()) as RegistryCard;
    expect(card).toMatchObject({ status: 'Не согласован', agreedSum: 0, rowsAgreed: 1, rowsRejected: 1, rejectedSum: 1_414 });
  });

  it('a failed write leaves no decision without its audit record', async () => {
    const { registry } = await register(api, s.reviewer, 'jan.csv', registryCsv('январь 2027', [[G[0]!, '1', '7,07']]), { executorId: String((await get<{ id: number; fullName: string }[]>(api, s.admin, '/registries/executors')).find((e) => e.fullName.startsWith('Проверкин'))?.id) });
    expect(registry.status).toBe('В работе');
    await db.sql.unsafe(`create function refuse_decide_audit() returns trigger language plpgsql as $$
      begin if new.action = 'registry.decide' then raise exception 'audit store unavailable'; end if; return new; end $$;
      create trigger refuse_decide_audit before insert on audit_log for each row execute function refuse_decide_audit();`);
    try {
      const res = await post(api, s.reviewer, `/registries/${registry.id}/rows/decide`, { rows: [(await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${registry.id}/rows`)).rowNo[0]], decision: 'Согласован' });
      expect(res.status).toBe(500);
    } finally {
      await db.sql.unsafe('drop trigger refuse_decide_audit on audit_log; drop function refuse_decide_audit();');
    }
    const [after] = await db.sql<{ statuses: string[]; decisions: number; agreed: string }[]>`
      select array_agg(rr.status) as statuses, (select count(*)::int from row_decisions where registry_id = ${registry.id}) as decisions,
        (select agreed_sum::text from registries where id = ${registry.id}) as agreed
      from registry_rows rr where rr.registry_id = ${registry.id}`;
    expect(after).toEqual({ statuses: ['Требует решения'], decisions: 0, agreed: '0' });
  });

  it('saves a rule set as a new version and refuses a broken formula with its position', async () => {
    const current = await get<{ version: number; body: { custom: { formula: string }[] } }>(api, s.analyst, '/rule-sets/current');
    // templates/rules/default.json is written in Russian; the stored form is the canonical English one
    expect(current.body.custom.map((r) => r.formula)).toEqual(['=AND([v_odn]>0, [v_odn]>[v_living])']);
    const body = { ...current.body, custom: [{ id: 'big_odn', title: 'ОДН больше 100', severity: 'warning', formula: '=[v_odn]>100)', message: 'ОДН {v_odn}' }] };
    const bad = await post(api, s.analyst, '/rule-sets', body);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('позиция 13');
    expect((await post(api, s.reviewer, '/rule-sets', body)).status).toBe(403);
    const good = await post(api, s.analyst, '/rule-sets', { ...body, custom: [{ ...body.custom[0], formula: '=[v_odn]>100' }] });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { version: number }).version).toBe(current.version + 1);
    // a Russian formula: its error is placed in what the analyst typed, and it is stored in English
    const commas = await post(api, s.analyst, '/rule-sets', { ...body, custom: [{ ...body.custom[0], formula: '=И([v_odn]>0, [v_odn]>100,5)' }] });
    expect(commas.status).toBe(422);
    expect(JSON.stringify(await commas.json())).toContain('позиция 13: неожиданная запятая');
    const russian = await post(api, s.analyst, '/rule-sets', { ...body, custom: [{ ...body.custom[0], formula: '=И([v_odn]>0; [v_odn]>100,5)' }] });
    expect(russian.status).toBe(200);
    expect(((await russian.json()) as { body: { custom: { formula: string }[] } }).body.custom[0]?.formula).toBe('=AND([v_odn]>0, [v_odn]>100.5)');
  });

  it('re-checks with a new rule set version and keeps the decisions', async () => {
    const { registry } = await register(api, s.reviewer, 'jul28.csv', registryCsv('июль 2028', [[G[0]!, '1', '7,07'], [G[1]!, '30', '212,10']]));
    expect(registry.rowsFailed).toBe(0);
    await post(api, s.reviewer, `/registries/${registry.id}/take`);
    const rows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${registry.id}/rows`);
    await post(api, s.reviewer, `/registries/${registry.id}/rows/decide`, { rows: [rows.rowNo[0]], decision: 'Согласован' });
    const current = await get<{ body: { custom: unknown[] } }>(api, s.analyst, '/rule-sets/current');
    const saved = await post(api, s.analyst, '/rule-sets', { ...current.body, custom: [{ id: 'big_living', title: 'Объем больше 20', severity: 'error', formula: '=[v_living]>20', message: 'Объем {v_living}' }] });
    expect(saved.status).toBe(200);
    const res = await post(api, s.analyst, `/registries/${registry.id}/recheck`);
    const card = (await res.json()) as RegistryCard;
    expect(res.status).toBe(200);
    expect(card.checkRun?.ruleIds).toContain('big_living');
    expect(card.checkRun?.id).not.toBe(rows.checkRunId);
    expect(card.rowsFailed).toBe(1);
    expect(card.rowsAgreed).toBe(1);
    const again = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${registry.id}/rows?run=${card.checkRun?.id}`);
    const k = again.ruleIds.indexOf('big_living');
    expect([again.checkStatus[k], again.checkStatus[again.ruleIds.length + k]]).toEqual([1, 2]);
    expect((await get<RowStates>(api, s.reviewer, `/registries/${registry.id}/row-states`)).status).toEqual([1, 0]);
    const cached = await api.request(`/registries/${registry.id}/rows?run=${card.checkRun?.id}`, { headers: { cookie: s.reviewer } });
    expect(cached.headers.get('cache-control')).toContain('immutable');
    const stale = await api.request(`/registries/${registry.id}/rows?run=${rows.checkRunId}`, { headers: { cookie: s.reviewer } });
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
  });
  it('builds the analytics summaries at intake and after decisions, with no dashboard view asking', async () => {
    const { registry } = await register(api, s.reviewer, 'analytics.csv', registryCsv('июнь 2027', [[G[0]!, '10', '70,70'], [G[1]!, '10', '70,70']]));
    const id = registry.id;
    const cells = async () =>
      (await db.sql<{ stale: number; agreed: number; rows: number }[]>`
        select (select count(*)::int from analytics_stale where registry_id = ${id}) as stale,
               (select coalesce(sum(rows), 0)::int from analytics_cells where registry_id = ${id} and settlement = '*' and row_status = 'Согласован') as agreed,
               (select coalesce(sum(rows), 0)::int from analytics_cells where registry_id = ${id} and settlement = '*') as rows`)[0];
    await expect.poll(cells, { timeout: 20_000 }).toEqual({ stale: 0, agreed: 0, rows: 2 });
    expect((await post(api, s.reviewer, `/registries/${id}/take`)).status).toBe(200);
    const rows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${id}/rows`);
    expect((await post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: rows.rowNo, decision: 'Согласован', reason: 'проверено' })).status).toBe(200);
    await expect.poll(cells, { timeout: 20_000 }).toEqual({ stale: 0, agreed: 2, rows: 2 });
  });
});
