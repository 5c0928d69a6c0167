import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../app.ts';
import { INN } from '../checks/testing.ts';
import type { Database } from '../db/database.ts';
import { G, openRegion, post, register, registryCsv, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import { signIn, type TestApi } from '../testing/http.ts';

/** Every route of the API as its router has it, with sample values for its path parameters. */
function routesOf(api: TestApi, registryId: number): { method: string; path: string }[] {
  const sample: Record<string, string> = { id: String(registryId), rowNo: '1', kind: 'houses', fias: G[0] as string, inn: INN };
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of api.routes) {
    if (r.method === 'ALL') continue;
    const path = r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => sample[name] ?? '1');
    if (seen.has(`${r.method} ${path}`)) continue;
    seen.add(`${r.method} ${path}`);
    out.push({ method: r.method, path });
  }
  return out;
}

/** Field names the API reads somewhere (query and body), so random values reach the validators and beyond. */
const FIELDS = [
  'offset', 'limit', 'sort', 'dir', 'q', 'municipality', 'houseType', 'district', 'settlement', 'street', 'service', 'tariff', 'norm',
  'error', 'with_reason', 'from', 'to', 'all', 'run', 'rso', 'status', 'executor', 'period', 'periodTo', 'letter', 'letterFrom',
  'letterTo', 'deadline', 'rule', 'group', 'login', 'password', 'address', 'reason', 'executorId', 'rows', 'decision', 'kind', 'id',
  'title', 'params', 'custom', 'changes', 'comment', 'municipal_district', 'house_type', 'maintenance', 'capital_repair', 'rent',
  'description', 'housing', 'heating', 'non_heating', 'effective_from', 'factors', 'fias_id', 'members', 'income_6m', 'category',
  'standard_per_member', 'payment', 'mdd', 'subsistence_minimum', 'version',
];

const control = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f');
const nasty = fc.oneof(control, fc.constantFrom('\ud800', '\u202e', '\'; drop table users; --', '%00', '../', '1e309', '-0', '9'.repeat(40), ' ', '', '2026-10', '7203000011', 'Согласован'));
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), nasty, fc.tuple(fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 })).map((p) => p.join('')));
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: text });
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;
const query = fc.dictionary(key, text, { maxKeys: 5 });
const body = fc.oneof({ weight: 5, arbitrary: fc.dictionary(key, value, { maxKeys: 6 }) }, { weight: 1, arbitrary: value });

/**
 * Validation at the edge, as a property (ASVS V5.1): random strings — NUL and other control characters, lone
 * surrogates, SQL, huge numbers — in the query and the body of every route never make the server fail (5xx).
 */
describe.each(testDatabases())('random input on every route of $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    const { registry } = await register(api, s.reviewer, 'prop.csv', registryCsv('октябрь 2026', [[G[0]!, '10', '70,70'], [G[1]!, '10', '70,00']]));
    expect((await post(api, s.reviewer, `/registries/${registry.id}/take`)).status).toBe(200);
    routes = routesOf(createApi(db.sql), registry.id);
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers every route below 500 whatever its query and body hold', async () => {
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) await randomRequests(route);
  }, 300_000); // every route of the API (about a hundred now), each with its random requests

  async function randomRequests(route: { method: string; path: string }): Promise<void> {
    await fc.assert(
      fc.asyncProperty(query, body, fc.constantFrom('admin', 'analyst'), async (q, b, who) => {
        const search = new URLSearchParams(q as Record<string, string>).toString();
        const url = `${route.path}${search ? `${route.path.includes('?') ? '&' : '?'}${search}` : ''}`;
        let init: RequestInit = { method: route.method, headers: { cookie: s[who] } };
        if (route.method !== 'GET') {
          if (route.path === '/registries' || route.path.startsWith('/reference/import/')) {
            const form = new FormData();
            form.append('file', new File([JSON.stringify(b)], typeof q.q === 'string' ? q.q : 'файл.csv'));
            for (const [k, v] of Object.entries(q)) form.append(k, v);
            init = { ...init, body: form };
          } else {
            init = { ...init, headers: { cookie: s[who], 'content-type': 'application/json' }, body: JSON.stringify(b) };
          }
        }
        const res = await api.request(url, init);
        // a live thread (Server-Sent Events) never ends by itself: its status is all there is to see
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
        else await res.arrayBuffer();
        if (route.path === '/auth/logout') s[who] = await signIn(api, who, `${who}-demo`);
        expect(res.status, `${route.method} ${url} ${JSON.stringify(b).slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 15 },
    );
  }
});
