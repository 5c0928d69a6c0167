import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistryMirror, registryDecisions, registryDocName, rowMirror } from '../../formulas/collab/shared-doc.ts';
import type { Database } from '../db/database.ts';
import type { RegistryRowsPayload } from '../contract/registries.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { G, get, post, register, registryCsv, openRegion, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import type { TestApi } from '../testing/http.ts';
import { redisReachable, startSyncServer, stockClient, until, type RunningSyncServer, type StockClient } from './testing.ts';

/** Live decisions: a command through the HTTP API reaches every open copy of the registry's document. */

const REDIS_URL = process.env.SVERKA_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redis = (await redisReachable(REDIS_URL)) || !!process.env.CI;
if (!redis) console.warn(`Redis не отвечает на ${REDIS_URL}: проверка второго процесса пропущена (в CI она обязательна)`);

const REVIEWER = 'Проверкин Иван Петрович';

afterAll(async () => {
  await closeChecks();
});

describe.each(testDatabases())('live decisions on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  /** [0] is the hub the commands publish through (the first one on this database); [1] another process */
  const servers: RunningSyncServer[] = [];
  const clients: StockClient[] = [];
  const logs: string[] = [];
  const watch = (server: RunningSyncServer, registryId: number): StockClient => {
    const c = stockClient(server.url, registryDocName(registryId), s.reviewer2);
    clients.push(c);
    return c;
  };
  const registry = async (month: string): Promise<{ id: number; rows: number[] }> => {
    const { registry: r } = await register(api, s.reviewer, `${month}.csv`, registryCsv(`${month} 2026`, [[G[0]!, '10', '70,70'], [G[1]!, '10', '70,00'], [G[2]!, '10', '70,70']]));
    const rows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${r.id}/rows`);
    return { id: r.id, rows: Array.from(rows.rowNo) };
  };
  const ok = async (res: Promise<Response>): Promise<void> => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    const common = { sql: db.sql, serializeDb: db.kind === 'embedded', log: (m: string) => logs.push(m) };
    for (const processId of ['proc-a', 'proc-b']) servers.push(await startSyncServer({ ...common, processId, redisUrl: redis ? REDIS_URL : undefined }));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const server of servers) await server.close();
    await db?.close();
  });

  it('take, row decisions, «согласовать все без ошибок» and completion appear in an open document with the author\'s full name', async () => {
    const { id, rows } = await registry('июль');
    const [r1, r2, r3] = rows as [number, number, number];
    const c = watch(servers[0]!, id);
    await c.synced;
    expect(readRegistryMirror(c.doc)).toMatchObject({ status: 'Новый', executor: null, rowsPending: 3 });

    await ok(post(api, s.reviewer, `/registries/${id}/take`));
    await until([c.doc], () => readRegistryMirror(c.doc)?.status === 'В работе');
    expect(readRegistryMirror(c.doc)).toMatchObject({ executor: REVIEWER });
    expect(registryDecisions(c.doc).at(-1)).toMatchObject({ from: 'Новый', to: 'В работе', by: REVIEWER });

    await ok(post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [r2], decision: 'Не согласован', reason: 'Сумма не совпадает с расчётом' }));
    await until([c.doc], () => rowMirror(c.doc, r2) !== null);
    expect(rowMirror(c.doc, r2)).toMatchObject({ status: 'Не согласован', reason: 'Сумма не совпадает с расчётом', by: REVIEWER });
    expect(readRegistryMirror(c.doc)).toMatchObject({ rowsRejected: 1, rejectedSum: 7_000, rowsPending: 2 });

    await ok(post(api, s.reviewer, `/registries/${id}/rows/agree-clean`, { reason: 'ошибок нет' }));
    await until([c.doc], () => readRegistryMirror(c.doc)?.rowsAgreed === 2);
    for (const r of [r1, r3]) expect(rowMirror(c.doc, r)).toMatchObject({ status: 'Согласован', by: REVIEWER });
    expect(readRegistryMirror(c.doc)).toMatchObject({ agreedSum: 14_140, rowsPending: 0 });

    await ok(post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Согласован' }));
    await until([c.doc], () => readRegistryMirror(c.doc)?.status === 'Согласован');
    expect(registryDecisions(c.doc).map((d) => d.to)).toEqual(['Новый', 'В работе', 'Согласован']);
    expect(logs.filter((l) => l.includes('не переданы'))).toEqual([]);
  });

  it('a registry decided while its document was not loaded shows it once opened', async () => {
    const { id, rows } = await registry('август');
    await ok(post(api, s.reviewer, `/registries/${id}/take`));
    await ok(post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [rows[0]], decision: 'Согласован' }));
    const c = watch(servers[0]!, id);
    await c.synced;
    expect(readRegistryMirror(c.doc)).toMatchObject({ status: 'В работе', executor: REVIEWER, rowsAgreed: 1 });
    expect(rowMirror(c.doc, rows[0]!)).toMatchObject({ status: 'Согласован', by: REVIEWER });
  });

  it.skipIf(!redis)('through Redis, a client of another process sees decisions, whether or not the commanding process has the document open', async () => {
    const { id, rows } = await registry('сентябрь');
    // only the other process has the document open: the commanding one announces the change on Redis
    const far = watch(servers[1]!, id);
    await far.synced;
    expect(servers[0]!.endpoint.hub.loaded()).not.toContain(registryDocName(id));
    await ok(post(api, s.reviewer, `/registries/${id}/take`));
    await until([far.doc], () => readRegistryMirror(far.doc)?.executor === REVIEWER);
    await ok(post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [rows[1]], decision: 'Не согласован', reason: 'Нет акта' }));
    await until([far.doc], () => rowMirror(far.doc, rows[1]!) !== null);
    expect(rowMirror(far.doc, rows[1]!)).toMatchObject({ status: 'Не согласован', reason: 'Нет акта', by: REVIEWER });

    // both have it open: the commanding process writes the mirror, the other receives the stored update
    const near = watch(servers[0]!, id);
    await near.synced;
    await ok(post(api, s.reviewer, `/registries/${id}/rows/decide`, { rows: [rows[0]], decision: 'Согласован' }));
    await until([far.doc, near.doc], () => rowMirror(far.doc, rows[0]!) !== null && rowMirror(near.doc, rows[0]!) !== null);
    expect(rowMirror(far.doc, rows[0]!)).toMatchObject({ status: 'Согласован', by: REVIEWER });
    expect(readRegistryMirror(far.doc)).toMatchObject({ rowsAgreed: 1, rowsRejected: 1 });
  });
});
