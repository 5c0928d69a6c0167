/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads JSON bodies of many shapes field by field */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import type { StandardFormulaTemplate } from '../../formulas/standards/sheet.ts';
import { templateInSpelling } from '../../formulas/standards/template-spelling.ts';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';
import { H, STANDARDS_FILES } from '../standards/testing.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';

const password = (login: string): string => DEMO_USERS.find((u) => u.login === login)?.password ?? '';
const enc = (s: string) => new TextEncoder().encode(s);

describe.each(testDatabases())('regional standards API on $name', (target) => {
  let db: Database;
  let api: TestApi;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    for (const [kind, text] of Object.entries(STANDARDS_FILES)) {
      const r = await importReference(db.sql, { kind: kind as ReferenceKind, fileName: `${kind}.csv`, bytes: enc(text), actorId: null });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }
    api = apiFor(db.sql);
    for (const login of ['admin', 'analyst', 'reviewer', 'manager']) cookies[login] = await signIn(api, login, password(login));
  });
  afterAll(async () => {
    await db.close();
  });

  const get = async (path: string, as = 'manager') => {
    const res = await api.request(path, { headers: { cookie: cookies[as] ?? '' } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const post = async (path: string, body: unknown, as = 'analyst') => {
    const res = await api.request(path, { method: 'POST', headers: { cookie: cookies[as] ?? '', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('imports house services whole per house: a re-import changes nothing, a changed house is replaced', async () => {
    const again = await importReference(db.sql, { kind: 'house_services', fileName: 's.csv', bytes: enc(STANDARDS_FILES.house_services), actorId: null });
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 16 });
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_services`;
    expect(n?.n).toBe(16);
  });

  it('refuses a bad file with every problem by row and column, storing nothing', async () => {
    const bad = 'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only\nне-гуид;ХВС;1;ID;1;чел;нет\n' + `${H[0]};ХВС;-5;ID;1;кг;нет`;
    const r = await importReference(db.sql, { kind: 'house_services', fileName: 'bad.csv', bytes: enc(bad), actorId: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.row}:${p.column}`).sort()).toEqual(['2:fias_id', '3:norm_unit', '3:tariff']);
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from import_batches where file_name = 'bad.csv'`;
    expect(n?.n).toBe(0);
  });

  it('lists houses with ГИС ЖКХ data, ✔/⚠ marks and failed checks; searches by error, service, tariff, street', async () => {
    const all = await get('/standards/houses?limit=50');
    expect(all.body.total).toBe(6);
    const h3 = all.body.rows.find((r: { fias_id: string }) => r.fias_id === H[2]);
    expect(h3).toMatchObject({ area: '1000.00', gis_area: '1030.00', residents: 40, gis_residents: 41, failed: ['area', 'residents', 'bptr'] });
    expect(h3.services.find((s: { service: string }) => s.service === 'ХВС')).toMatchObject({ tariff: '43.0000', decision_id: 'ID_9', bptr: '⚠' });
    expect(h3.services.find((s: { service: string }) => s.service === 'ТС')).toMatchObject({ bptr: '✔', norm: '0.0220', heating_only: true });
    const ids = async (q: string) => (await get(`/standards/houses?${q}`)).body.rows.map((r: { fias_id: string }) => r.fias_id);
    expect(await ids('error=heating')).toEqual([H[3]]);
    expect(await ids('error=duplicates')).toEqual([H[5]]);
    expect(await ids('error=mo_rates')).toEqual([H[4]]);
    expect((await ids('error=any')).sort()).toEqual([H[2], H[3], H[4], H[5]].sort());
    expect(await ids('service=ХВС&tariff=43,00')).toEqual([H[2]]);
    expect((await ids('norm=0,022')).length).toBe(4);
    expect(await ids('street=Полевая')).toEqual([H[3]]);
    expect((await ids('district=Казанский')).length).toBe(1);
    expect(await ids('sort=area&dir=asc&limit=1')).toEqual([H[3]]);
    expect((await get('/standards/houses?tariff=abc')).status).toBe(400);
  });

  it('shows a house card with checks and reasons, its group and standards', async () => {
    const card = (await get(`/standards/houses/${H[3]}`)).body;
    expect(card.checks.find((c: { id: string }) => c.id === 'heating')).toMatchObject({ status: 'failed', reason: 'В ГИС ЖКХ указано несколько типов отопления: печное, электрическое' });
    expect(card.checks.find((c: { id: string }) => c.id === 'bptr').reason).toMatch(/без привязки к БПТР/);
    const h1 = (await get(`/standards/houses/${H[0]}`)).body;
    expect(h1.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual(['house_type', 'area', 'residents', 'heating', 'bptr', 'duplicates', 'mo_rates'].map((id) => `${id}:passed`).concat('vo_norm:skipped'));
    expect(h1.group.houses).toBe(2);
    expect(h1.group.standards.owner['1']).toEqual({ heating: 388_582, non_heating: 207_082 });
    expect((await get(`/standards/houses/${H[4]}`)).body.group).toMatchObject({ standards: null, reason: expect.stringMatching(/Нет ставок МО/) });
    expect((await get('/standards/houses/b0000000-0000-4000-8000-000000000099')).status).toBe(404);
  });

  it('lists groups and gives a group sheet with HyperFormula formulas', async () => {
    const groups = await get('/standards/groups');
    expect(groups.body.total).toBe(5);
    const id = (await get(`/standards/houses/${H[0]}`)).body.group.id;
    const g = (await get(`/standards/groups/${id}`)).body;
    expect(g.template_version).toBe(1);
    expect(g.sheet.cells.flat().filter((c: unknown) => typeof c === 'string' && c.startsWith('=SUM') === false && c.startsWith('='))).toHaveLength(18);
  });

  it('applies МО rates to a district in one audited command with its basis; only analyst and admin may', async () => {
    expect((await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', maintenance: '21,00', reason: 'пост. № 1' }, 'reviewer')).status).toBe(403);
    // without a basis: refused by the server whatever the form did, nothing changed, nothing audited
    for (const reason of [undefined, '', '   ']) {
      const refused = await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', maintenance: '21,00', ...(reason === undefined ? {} : { reason }) });
      expect(refused).toMatchObject({ status: 422, body: { code: 'invalid', message: expect.stringMatching(/^Укажите основание изменения ставок МО/) } });
    }
    expect((await get('/standards/mo-rates')).body.rows.map((x: { maintenance: string }) => x.maintenance)).not.toContain('21.00');
    const r = await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', maintenance: '21,00', reason: 'постановление администрации № 15 от 01.02.2026' });
    expect(r).toEqual({ status: 200, body: { rows: 2 } });
    const rates = (await get('/standards/mo-rates')).body.rows;
    expect(rates.map((x: { maintenance: string }) => x.maintenance)).toEqual(['21.00', '21.00']);
    // +1 руб./м² × 33 m² = +33.00 in every n = 1 standard
    expect((await get(`/standards/houses/${H[0]}`)).body.group.standards.owner['1'].heating).toBe(388_582 + 3300);
    const audits = await db.sql<{ payload: any }[]>`select payload from audit_log where action = 'standards.mo_rates.apply'`;
    expect(audits.map((a) => a.payload.reason)).toEqual(['постановление администрации № 15 от 01.02.2026']);
    expect((await post('/standards/mo-rates/apply', { municipal_district: 'Нет такого', rent: 1, reason: 'x' })).status).toBe(404);
    expect((await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', rent: 'много', reason: 'x' })).status).toBe(400);
  });

  it('a settlement override: «применить к МО» creates that settlement its own rows and groups', async () => {
    const r = await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', settlement: 'с. Партизанское', house_type: 'ЖД', rent: '2,50', reason: 'решение думы МО' });
    expect(r.body).toEqual({ rows: 1 });
    const card = (await get(`/standards/houses/${H[3]}`)).body;
    expect(card.group.key.settlement).toBe('с. Партизанское');
    expect(card.group.rates).toEqual({ maintenance: 2100, capital_repair: 0, rent: 250 }); // maintenance as applied to the district before
  });

  it('saves a template as a new version after checking it; only an analyst may', async () => {
    const current = (await get('/standards/template')).body;
    const { version: _v, ...t } = current.template;
    expect((await post('/standards/template', { ...t, heating: '={S}*{HOUSNG}' })).body.problems[0].message).toMatch(/неизвестный компонент/);
    expect((await post('/standards/template', t, 'admin')).status).toBe(403);
    // written as Russian Excel writes it: refused with the position of a comma between arguments, else stored in English
    const russian = templateInSpelling(t as StandardFormulaTemplate, 'ru');
    expect(russian.heating).toContain('СУММПРОИЗВ({TARIFF};{NORM}');
    const commas = await post('/standards/template', { ...russian, heating: russian.heating.replace('{TARIFF};', '{TARIFF},') });
    expect(commas.status).toBe(422);
    expect(commas.body.problems[0].message).toMatch(/^heating, позиция 41: неожиданная запятая/);
    // a correct template without its basis: refused by the server, no version written
    for (const comment of [undefined, ' ']) {
      const bare = await post('/standards/template', { ...russian, ...(comment === undefined ? {} : { comment }) });
      expect(bare).toMatchObject({ status: 422, body: { message: 'Укажите основание изменения шаблона формул' } });
    }
    expect((await get('/standards/template/versions')).body.versions).toHaveLength(1);
    expect((await post('/standards/template', { ...russian, comment: 'без изменений формулы' })).body).toEqual({ version: 2 });
    expect((await get('/standards/template/versions')).body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await get('/standards/template')).body.template).toEqual({ ...current.template, version: 2 });
  });

  it('publishes immutable versions, lists them, diffs them per group, and the database refuses edits', async () => {
    expect((await post('/standards/versions', { effective_from: '2026-07-01', title: 'Стандарты с 1 июля' }, 'manager')).status).toBe(403);
    const first = await post('/standards/versions', { effective_from: '2026-07-01', title: 'Стандарты с 1 июля' });
    expect(first.body).toMatchObject({ groups: 5, houses: 6 });
    await post('/standards/mo-rates/apply', { municipal_district: 'Абатский', house_type: 'МКД', capital_repair: '11,00', reason: 'пост. № 2' });
    const second = await post('/standards/versions', { effective_from: '2027-01-01', title: 'Стандарты с 1 января' }, 'admin');
    const versions = (await get('/standards/versions')).body.versions;
    expect(versions.map((v: { title: string }) => v.title)).toEqual(['Стандарты с 1 января', 'Стандарты с 1 июля']);
    const diff = (await get(`/standards/diff?from=${first.body.id}&to=${second.body.id}`)).body;
    // the two МКД groups of Абатский with a standard change (owner: +1 руб./м² × S(n)); ЖД, Казанский and the
    // doubled-service house (both without a standard) stay
    expect(diff.summary).toEqual({ same: 3, changed: 2, added: 0, removed: 0 });
    const g = diff.rows.find((d: { housesTo: number }) => d.housesTo === 2);
    expect(g.standards.find((c: { category: string; n: string; period: string }) => c.category === 'owner' && c.n === '1' && c.period === 'heating')).toMatchObject({ to: 388_582 + 3300 + 3300 });
    expect(g.standards.every((c: { category: string }) => c.category === 'owner')).toBe(true);
    const stored = (await get(`/standards/versions/${first.body.id}/groups`)).body;
    expect(stored.total).toBe(5);
    expect(stored.rows.find((x: { houses: number }) => x.houses === 2).standards.owner['1'].heating).toBe(388_582 + 3300);
    await expect(db.sql`update standard_sets set title = 'x'`).rejects.toThrow(/immutable/);
    await expect(db.sql`delete from standard_set_groups`).rejects.toThrow(/immutable/);
    const [audit] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'standards.publish'`;
    expect(audit?.n).toBe(2);
  });

  it('forecasts with per-service factors', async () => {
    const r = await post('/standards/forecast', { factors: { ХВС: '1,1', ТС: 1, ЭЭ: 1 } }, 'manager');
    // ХВС 41,73 × 1,1 = 45,903: +4,173 × 5,1 = +21,2823 per member; tenant n = 2 in the heating period
    // 21·(3 + 21) + 21·55 + 212,823 + 868 = 2739,823 → 2739,82 becomes 2761,1053 → 2761,11: +21,29
    expect(r.body.factors.ХВС).toBe(11_000);
    const g = r.body.rows.find((d: { housesTo: number }) => d.housesTo === 2);
    const c = g.standards.find((x: { category: string; n: string; period: string }) => x.category === 'tenant' && x.n === '2' && x.period === 'heating');
    expect(c.to - c.from).toBe(2129);
  });

  it('the calculator is public: address search with standards of the set in force, and the subsidy', async () => {
    const found = await api.request(`/calculator/houses?q=${encodeURIComponent('Абатское Ленина')}`);
    expect(found.status).toBe(200);
    const houses = ((await found.json()) as { houses: { fias_id: string; standards: any; source: any }[] }).houses;
    // nearest by trigram first: the two houses on Ленина in Абатское, then others less alike
    expect(houses.slice(0, 2).map((h) => h.fias_id).sort()).toEqual([H[0], H[1]]);
    // the set in force today is the one of 1 July 2026 (2027 is not yet in force)
    expect(houses[0]?.source).toMatchObject({ title: 'Стандарты с 1 июля' });
    const res = await api.request('/calculator/subsidy', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fias_id: H[0], members: ['pensioner'], income_6m: '60 000', category: 'owner', payment: { heating: 5000, non_heating: 3000 } }),
    });
    const s = (await res.json()) as Record<string, any>;
    expect(res.status).toBe(200);
    expect(s.standard_per_member.heating).toBe(houses[0]?.standards.owner['1'].heating);
    expect(s.steps.length).toBeGreaterThan(5);
    const bad = await api.request('/calculator/subsidy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ members: ['alien'], income_6m: 1, category: 'owner', payment: { heating: 1, non_heating: 1 }, standard_per_member: { heating: 1, non_heating: 1 } }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/неизвестная группа "alien"/);
  });

  it('the calculator honours МДД and ПМ given in the request, and names a bad one', async () => {
    const subsidy = async (extra: Record<string, unknown>) => {
      const res = await api.request('/calculator/subsidy', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ members: ['working_age'], income_6m: 75000, category: 'owner', standard_per_member: { heating: '4661', non_heating: 3000 }, payment: { heating: 5000, non_heating: 3500 }, ...extra }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const region = await subsidy({});
    // the region's ПМ of the working-age, 17,932, is above Дсд 12,500: K = 0.6971
    expect(region.body).toMatchObject({ k: 6971, mdd: 2200, subsistence_minimum: { working_age: 1_793_200 } });
    const own = await subsidy({ mdd: '18%', subsistence_minimum: { working_age: 12000 } });
    expect(own.status).toBe(200);
    // no K (12,500 ≥ 12,000); 4,661.00 − 0.18 × 12,500 = 2,411.00
    expect(own.body).toMatchObject({ k: null, deduction: 225_000, heating: { c: 241_100, subsidy: 241_100 }, mdd: 1800, subsistence_minimum: { working_age: 1_200_000, pensioner: 1_415_100 } });
    expect(own.body.steps.some((s: { formula: string }) => s.formula.startsWith('18%'))).toBe(true);
    const bad = await subsidy({ mdd: '120%', subsistence_minimum: { child: 'ноль' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/mdd: доля должна быть больше 0 и не больше 100%/);
    expect(bad.body.message).toMatch(/subsistence_minimum\.child: не число/);
  });

  it('computes and publishes the standards by the template version in force, and records that version', async () => {
    const before = (await get(`/standards/houses/${H[0]}`)).body.group;
    const current = (await get('/standards/template')).body;
    const { version: _v, ...t } = current.template;
    const saved = await post('/standards/template', { ...t, housing: { ...t.housing, owner: '{MAINTENANCE}+2*{CAPITAL_REPAIR}' }, comment: 'капремонт вдвойне' });
    const version = saved.body.version as number;
    expect(version).toBeGreaterThan(current.version);
    const after = (await get(`/standards/groups/${before.id}`)).body;
    expect(after.template_version).toBe(version);
    // capital repair of the group is 11 руб./м² since the «apply» above: owner n = 1 pays 33 × 11 more
    expect(after.group.standards.owner['1'].heating - before.standards.owner['1'].heating).toBe(33 * 1100);
    expect(after.group.standards.tenant).toEqual(before.standards.tenant);
    expect(after.sheet.cells.flat().some((x: unknown) => typeof x === 'string' && x.includes('2*$B$6'))).toBe(true);
    const published = await post('/standards/versions', { effective_from: '2027-07-01', title: 'По шаблону с двойным капремонтом' });
    expect(published.status).toBe(200);
    const info = (await get('/standards/versions')).body.versions.find((v: { id: number }) => v.id === published.body.id);
    expect(info.template_version).toBe(version);
    const stored = (await get(`/standards/versions/${published.body.id}/groups`)).body.rows.find((g: { id: string }) => g.id === before.id);
    expect(stored.standards).toEqual(after.group.standards);
    const [audit] = await db.sql<{ payload: { template_version: number; formulas: { housing: { owner: string } } } }[]>`select payload from audit_log where action = 'standards.publish' order by id desc limit 1`;
    expect(audit?.payload.template_version).toBe(version);
    expect(audit?.payload.formulas.housing.owner).toBe('{MAINTENANCE}+2*{CAPITAL_REPAIR}');
  });

  it('saves a group sheet’s edited tariff for every house of the group, audited; the houses regroup and the standards follow', async () => {
    const card = (await get(`/standards/houses/${H[0]}`)).body;
    const id = card.group.id as string;
    const other = (await get(`/standards/houses/${H[2]}`)).body.group;
    expect(other.id).not.toBe(id);
    const save = (body: unknown, as = 'analyst', group = id) => post(`/standards/groups/${group}/services`, body, as);
    expect((await save({ changes: [{ service: 'ХВС', tariff: '43,00' }] }, 'manager')).status).toBe(403);
    expect((await save({ changes: [{ service: 'ГВС', tariff: '43,00' }] })).body).toMatchObject({ code: 'invalid', message: 'В группе нет услуги ГВС' });
    expect((await save({ changes: [{ service: 'ХВС', tariff: '41,73' }] })).body.message).toBe('Нет изменений: тарифы и нормативы группы те же');
    expect((await save({ changes: [{ service: 'ХВС', tariff: '-1' }] })).body.message).toBe('ХВС: тариф: не может быть отрицательным');
    const doubled = (await get(`/standards/houses/${H[5]}`)).body.group.id;
    expect((await save({ changes: [{ service: 'ХВС', tariff: '40' }] }, 'analyst', doubled)).body.message).toMatch(/указана в домах группы дважды/);
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_service_edits`;
    // a real change without its basis: refused by the server (422), nothing written
    for (const comment of [undefined, '', '  ']) {
      const bare = await save({ changes: [{ service: 'ХВС', tariff: '43,00' }], ...(comment === undefined ? {} : { comment }) });
      expect(bare).toMatchObject({ status: 422, body: { message: expect.stringMatching(/^Укажите основание изменения тарифа или норматива/) } });
    }
    const [unchanged] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_services where fias_id = any(${H.slice(0, 2)}::uuid[]) and service = 'ХВС' and tariff = 41.73`;
    expect(unchanged?.n).toBe(2);

    // ХВС 41,73 → 43,00 and the ЭЭ norm as it was: the two houses now have the services of H[2]'s house
    const r = await save({ changes: [{ service: 'ХВС', tariff: '43,00' }, { service: 'ЭЭ', norm: '100' }], comment: 'тариф по решению РЭК' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ houses: 2, rows: 2, changes: [{ service: 'ХВС', field: 'tariff', old: '41.7300', new: '43.0000' }], group_id: other.id });
    const rows = await db.sql<{ tariff: string; version: string | null }[]>`select tariff::text as tariff, version from house_services where fias_id = any(${H.slice(0, 2)}::uuid[]) and service = 'ХВС'`;
    expect(rows).toEqual([{ tariff: '43.0000', version: null }, { tariff: '43.0000', version: null }]);
    const after = (await get(`/standards/houses/${H[0]}`)).body;
    expect(after.group).toMatchObject({ id: other.id, houses: 3 });
    // ХВС per person (43,00 − 41,73) × 5,1 = 6,477 more in every standard (…,823 + 6,477 rounds 6,48 up)
    expect(after.group.standards.owner['1'].heating - card.group.standards.owner['1'].heating).toBe(648);
    expect((await get(`/standards/groups/${id}`)).status).toBe(404);
    expect((await save({ changes: [{ service: 'ХВС', tariff: '44,00' }] }, 'analyst', id)).body).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Группы больше нет/) });

    const [edits] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_service_edits`;
    expect((edits?.n ?? 0) - (before?.n ?? 0)).toBe(1);
    const [audit] = await db.sql<{ actor: string; entity_id: string; payload: any }[]>`
      select u.login as actor, a.entity_id, a.payload from audit_log a join users u on u.id = a.actor_id where a.action = 'standards.group.edit' order by a.id desc limit 1`;
    expect(audit).toMatchObject({ actor: 'analyst', entity_id: id, payload: { houses: 2, comment: 'тариф по решению РЭК', changes: [{ service: 'ХВС', field: 'tariff', old: '41.7300', new: '43.0000' }] } });
    const history = (await get('/standards/edits', 'reviewer')).body.rows;
    expect(history[0]).toMatchObject({ by: expect.any(String), group_id: id, houses: 2, comment: 'тариф по решению РЭК', key: { municipal_district: 'Абатский муниципальный район', house_type: 'МКД' }, changes: [{ service: 'ХВС', old: '41.7300', new: '43.0000' }] });
    expect(history[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a group sheet save finding its houses’ lines changed meanwhile writes nothing', async () => {
    const group = (await get(`/standards/houses/${H[2]}`)).body.group;
    expect(group.houses).toBe(3);
    // a change behind the server's back (no import, no saved edit): the state still shows ХВС 43,00 for all three
    await db.sql`update house_services set tariff = 50 where fias_id = ${H[2]!} and service = 'ХВС'`;
    const [edits] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_service_edits`;
    const r = await post(`/standards/groups/${group.id}/services`, { changes: [{ service: 'ЭЭ', tariff: '9,00' }, { service: 'ХВС', tariff: '44,00' }], comment: 'решение РЭК' });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/^Данные домов группы изменились/);
    // the ЭЭ line, updated first in the transaction, is back as it was
    const ee = await db.sql<{ tariff: string }[]>`select tariff::text as tariff from house_services where fias_id = any(${[H[0]!, H[1]!, H[2]!]}::uuid[]) and service = 'ЭЭ'`;
    expect(ee.map((x) => x.tariff)).toEqual(['8.6800', '8.6800', '8.6800']);
    const [after] = await db.sql<{ n: number }[]>`select count(*)::int as n from house_service_edits`;
    expect(after?.n).toBe(edits?.n);
  });
});

