import { loadavg } from 'node:os';
import { ensureFirstUsers } from '../server/auth/users.ts';
import { fixtureRows, insertRegistry } from '../server/documents/testing.ts';
import { openMigrated, testDatabases } from '../server/testing/databases.ts';
import { apiFor, signIn } from '../server/testing/http.ts';

/**
 * Documents of a 30,000-row registry with every 10th row rejected (3,000 rows in the letter's table): generating
 * the letter and the appendix (numbered, stored, audited), downloading one, and the registry's .xlsx export with
 * every check result, through the HTTP API against each database.
 */
const ROWS = Number(process.env.BENCH_REGISTRY_ROWS ?? 30_000);
const figures: Record<string, string | number>[] = [];
// BENCH_ONLY=PostgreSQL (or =embedded) runs one database only
for (const target of testDatabases().filter((t) => !process.env.BENCH_ONLY || t.name.includes(process.env.BENCH_ONLY))) {
  const db = await openMigrated(target);
  await ensureFirstUsers(db.sql, { demo: true });
  const [reviewer] = await db.sql<{ id: number }[]>`select id from users where login = 'reviewer'`;
  const rows = fixtureRows(ROWS, (i) => (i % 10 === 0 ? { status: 'Не согласован' } : { status: 'Согласован' }));
  const id = await insertRegistry(db.sql, { status: 'Согласован', executorId: reviewer?.id ?? null, rows });
  const api = apiFor(db.sql);
  const cookie = await signIn(api, 'reviewer', 'reviewer-demo');
  const timed = async (what: string, request: () => Promise<Response>): Promise<Response> => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const res = await request();
    const bytes = (await res.clone().arrayBuffer()).byteLength;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
    const used = process.cpuUsage(cpu);
    // wall time waits for a core on a loaded machine; the process's CPU time (with the embedded database's, which runs in it) does not
    figures.push({ database: target.name, what, rows: ROWS, bytes, time: `${(performance.now() - t).toFixed(0)} ms`, cpu: `${((used.user + used.system) / 1000).toFixed(0)} ms` });
    return res;
  };
  const post = (kind: string) => () => Promise.resolve(api.request(`/registries/${id}/documents`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ kind }) }));
  const letter = (await (await timed('POST documents {letter} (3,000 rejected: sums per check)', post('letter'))).json()) as { id: number };
  await timed('POST documents {appendix}', post('appendix'));
  await timed('GET documents/:id/file (letter)', () => Promise.resolve(api.request(`/documents/${letter.id}/file`, { headers: { cookie } })));
  await timed('GET registries/:id/export.xlsx', () => Promise.resolve(api.request(`/registries/${id}/export.xlsx`, { headers: { cookie } })));
  await timed('GET registries/export.xlsx (list)', () => Promise.resolve(api.request('/registries/export.xlsx', { headers: { cookie } })));
  await db.close();
}
console.table(figures);
console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
