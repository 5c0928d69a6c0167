/**
 * Live co-review: comment propagation latency with 50 stock y-websocket clients on one registry document,
 * against our sync endpoint (stores every update in Postgres before broadcasting it) and against the stock
 * @y/websocket-server (memory only), in the same run. Then throughput: every client writes a burst of comments
 * and we time until every client has every comment.
 *
 * Database: DATABASE_URL when set, else the embedded PGlite (in memory). Each server runs on this thread, its 50
 * clients (bench/sync-bench-clients.ts) in a child process, both servers measured the same way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { registryDocName } from '../formulas/collab/shared-doc.ts';
import { createSession } from '../server/auth/sessions.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { insertRegistry, signedIn, startSyncServer, testAuthor } from '../server/sync/testing.ts';
import type { ClientsJob, Figures } from './sync-bench-clients.ts';
import { DEFAULT_HTTP_SETTINGS } from '../server/http/settings.ts';

const CLIENTS = Number(process.env.SVERKA_BENCH_SYNC_CLIENTS ?? 50);
const ROUNDS = Number(process.env.SVERKA_BENCH_SYNC_ROUNDS ?? 200);
const BURST = Number(process.env.SVERKA_BENCH_SYNC_BURST ?? 20);

/** Runs the clients in a child process against the server at `url`; resolves with what they measured. */
function measure(url: string, docName: string, cookies: string[]): Promise<Figures> {
  const job: ClientsJob = { url, docName, cookies, rounds: ROUNDS, burst: BURST, author: testAuthor(LOGIN) };
  const child = fork(fileURLToPath(new URL('./sync-bench-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  child.send(job);
  return new Promise<Figures>((resolve, reject) => {
    child.once('message', (f: Figures) => resolve(f));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? null : reject(new Error(`клиенты бенчмарка завершились с кодом ${code}`))));
  });
}

async function stockServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => res.end());
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const fmt = (f: Figures): string => `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms; пропускная способность ${Math.round(f.throughput)} комментариев/с всем клиентам`;

const db = await openDatabase({ url: process.env.DATABASE_URL });
await migrate(db.sql);
const LOGIN = `bench${Date.now() % 1e9}`;
const { userId } = await signedIn(db.sql, LOGIN, 'reviewer');
const cookies = await Promise.all(Array.from({ length: CLIENTS }, async () => `sverka_session=${await createSession(db.sql, userId, DEFAULT_HTTP_SETTINGS.sessionHours)}`));
const registryId = await insertRegistry(db.sql);
console.log(`${CLIENTS} клиентов на одном документе, ${ROUNDS} замечаний по одному, затем по ${BURST} от каждого разом; база: ${db.kind === 'embedded' ? 'встроенный PGlite' : 'PostgreSQL (DATABASE_URL)'}`);

const ours = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded' });
const oursFigures = await measure(ours.url, registryDocName(registryId), cookies);
await ours.close();
console.log(`Сверка (запись в Postgres до рассылки): ${fmt(oursFigures)}`);

const stock = await stockServer();
const stockFigures = await measure(stock.url, `bench-${registryId}`, cookies.map(() => ''));
await stock.close();
console.log(`@y/websocket-server (только память):  ${fmt(stockFigures)}`);

console.log(
  `отношение Сверка/стандартный: p50 ×${(oursFigures.p50 / stockFigures.p50).toFixed(2)}, p99 ×${(oursFigures.p99 / stockFigures.p99).toFixed(2)}, пропускная способность ×${(oursFigures.throughput / stockFigures.throughput).toFixed(2)}` +
    ` (цель: p99 ≤ 50 мс — ${oursFigures.p99 <= 50 ? 'выполнена' : 'не выполнена'}; пропускная способность не ниже стандартного — ${oursFigures.throughput >= stockFigures.throughput ? 'да' : 'нет'})`,
);
await db.close();
// everything is closed, but a handle of the stock server package or the database driver can keep the loop alive: end here
process.exit(0);
