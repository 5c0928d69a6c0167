import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import type { RegistryCard, RegistryRowsPayload } from '../contract/registries.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { registryRowsPayload } from '../registries/rows.ts';
import { G, get, post, register, registryCsv, openRegion, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import type { TestApi } from '../testing/http.ts';
import { createWebApp } from '../web.ts';

afterAll(async () => {
  await closeChecks();
});

/** The payload as a browser gets it: gzip on the wire, JSON after its one decompression. */
const unzipJson = async (res: Response): Promise<RegistryRowsPayload> => JSON.parse(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString('utf8')) as RegistryRowsPayload;

describe.each(testDatabases())('registry rows payload on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
  });
  afterAll(async () => {
    await db.close();
  });

  const rowsOf = (id: number, query = '', headers: Record<string, string> = {}) =>
    Promise.resolve(api.request(`/registries/${id}/rows${query}`, { headers: { cookie: s.reviewer, 'accept-encoding': 'gzip, deflate, br', ...headers } }));
  const stored = async (run: number) =>
    (await db.sql<{ stored: boolean; format: number | null }[]>`select rows_payload is not null as stored, rows_payload_format as format from check_runs where id = ${run}`)[0];

  it('is stored with the check run at intake and served gzipped, equal to the one built from the rows', async () => {
    const { registry } = await register(api, s.reviewer, 'feb.csv', registryCsv('февраль 2026', [[G[0]!, '10', '70,70'], [G[1]!, '12,5', '88,38'], [G[2]!, '3', '20,00']]));
    const run = registry.checkRun?.id ?? -1;
    expect(await stored(run)).toEqual({ stored: true, format: 1 });

    const res = await rowsOf(registry.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('etag')).toBe(`"rows-${registry.id}-${run}"`);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const served = await unzipJson(res);
    expect(served).toEqual(await registryRowsPayload(db.sql, registry.id));
    expect(served.checkRunId).toBe(run);
    expect(served.subsidy).toEqual([7_070, 8_838, 2_000]);
    const [severities] = await db.sql<{ s: string[] }[]>`select severities as s from check_runs where id = ${run}`;
    expect(served.ruleSeverities).toEqual(severities?.s);
    expect(served.ruleSeverities.slice(0, 9)).toEqual(served.ruleIds.slice(0, 9).map(() => 'error'));

    // the run the page expects: kept for good; the same ETag answers 304 without a body
    expect((await rowsOf(registry.id, `?run=${run}`)).headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const again = await rowsOf(registry.id, '', { 'if-none-match': `"rows-${registry.id}-${run}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    // a client that takes no gzip gets the same JSON uncompressed
    const plain = await rowsOf(registry.id, '', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(served);

    const bad = await rowsOf(registry.id, '?run=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('run');
    expect((await rowsOf(999_999)).status).toBe(404);
  });

  it('follows a re-check: the new run has its own payload with its verdicts and severities', async () => {
    const { registry } = await register(api, s.reviewer, 'mar.csv', registryCsv('март 2026', [[G[0]!, '1', '7,07'], [G[1]!, '30', '212,10']]));
    const before = await unzipJson(await rowsOf(registry.id));
    const current = await get<{ body: { custom: unknown[] } }>(api, s.analyst, '/rule-sets/current');
    const saved = await post(api, s.analyst, '/rule-sets', { ...current.body, custom: [{ id: 'big_living_w', title: 'Объем больше 20', severity: 'warning', formula: '=[v_living]>20', message: 'Объем {v_living}' }] });
    expect(saved.status).toBe(200);
    const res = await post(api, s.analyst, `/registries/${registry.id}/recheck`);
    expect(res.status).toBe(200);
    const run = ((await res.json()) as RegistryCard).checkRun?.id ?? -1;
    expect(run).not.toBe(before.checkRunId);
    expect(await stored(run)).toEqual({ stored: true, format: 1 });

    const after = await rowsOf(registry.id, `?run=${run}`);
    expect(after.headers.get('etag')).toBe(`"rows-${registry.id}-${run}"`);
    const served = await unzipJson(after);
    expect(served).toEqual(await registryRowsPayload(db.sql, registry.id));
    expect(served.checkRunId).toBe(run);
    const k = served.ruleIds.indexOf('big_living_w');
    expect(served.ruleSeverities[k]).toBe('warning');
    expect([served.checkStatus[k], served.checkStatus[served.ruleIds.length + k]]).toEqual([1, 2]);
    // an ETag of the old run no longer matches
    expect((await rowsOf(registry.id, '', { 'if-none-match': `"rows-${registry.id}-${before.checkRunId}"` })).status).toBe(200);
    await post(api, s.analyst, '/rule-sets', current.body);
  });

  it('serves a run stored without a payload (or in an older shape) by building it once', async () => {
    const { registry } = await register(api, s.reviewer, 'apr.csv', registryCsv('апрель 2026', [[G[2]!, '4', '28,28'], [G[0]!, '2', '14,14']]));
    const run = registry.checkRun?.id ?? -1;
    await db.sql`update check_runs set rows_payload = null, rows_payload_format = null where id = ${run}`;
    const served = await unzipJson(await rowsOf(registry.id));
    expect(served).toEqual(await registryRowsPayload(db.sql, registry.id));
    expect(await stored(run)).toEqual({ stored: true, format: 1 });

    // bytes of another shape are not served: built again
    await db.sql`update check_runs set rows_payload = ${new Uint8Array([1, 2, 3])}, rows_payload_format = 0 where id = ${run}`;
    expect(await unzipJson(await rowsOf(registry.id))).toEqual(served);
    expect(await stored(run)).toEqual({ stored: true, format: 1 });
  });

  it('is not compressed twice by the site compression middleware', async () => {
    const { registry } = await register(api, s.reviewer, 'may.csv', registryCsv('май 2026', [[G[1]!, '5', '35,35']]));
    const site = createWebApp(db.sql, '/nonexistent-workspace-dir');
    const res = await site.request(`/api/registries/${registry.id}/rows`, { headers: { cookie: s.reviewer, 'accept-encoding': 'gzip, deflate' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await unzipJson(res)).toEqual(await registryRowsPayload(db.sql, registry.id));
  });
});
