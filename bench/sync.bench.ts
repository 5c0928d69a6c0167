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
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import type { WriteTrace } from '../server/sync/shared-doc-host.ts';
import { insertRegistry, signedIn, startSyncServer, testAuthor } from '../server/sync/testing.ts';
import type { ClientsJob, Figures } from './sync-bench-clients.ts';

const CLIENTS = Number(process.env.SVERKA_BENCH_SYNC_CLIENTS ?? 50);
const ROUNDS = Number(process.env.SVERKA_BENCH_SYNC_ROUNDS ?? 200);
const BURST = Number(process.env.SVERKA_BENCH_SYNC_BURST ?? 20);
const WARMUP = 50;
const PAIRS = Number(process.env.SVERKA_BENCH_SYNC_PAIRS ?? 3);

/** Runs the clients in a child process against the server at `url`; resolves with what they measured. */
function measure(url: string, docName: string, cookies: string[]): Promise<Figures> {
  const job: ClientsJob = { url, docName, cookies, warmup: WARMUP, rounds: ROUNDS, burst: BURST, authors: LOGINS.map(testAuthor) };
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

const quantile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

const fmt = (f: Figures): string => `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms; пропускная способность ${Math.round(f.throughput)} комментариев/с всем клиентам`;

const db = await openDatabase({ url: process.env.DATABASE_URL });
await migrate(db.sql);
// one reviewer per client, as in a real co-review: the per-person rate quota (600 updates a minute) applies to each
const LOGINS = Array.from({ length: CLIENTS }, (_, i) => `bench${Date.now() % 1e9}r${i}`);
const cookies = await Promise.all(LOGINS.map(async (login) => (await signedIn(db.sql, login, 'reviewer')).cookie));
console.log(
  `${CLIENTS} клиентов на одном документе: ${ROUNDS} замечаний по одному (после ${WARMUP} неучтённых), затем по ${BURST} от каждого разом; ` +
    `${PAIRS} пары запусков вперемежку (Сверка, стандартный); база: ${db.kind === 'embedded' ? 'встроенный PGlite' : 'PostgreSQL (DATABASE_URL)'}`,
);

const median = (xs: number[]): number => quantile([...xs].sort((a, b) => a - b), 0.5);
const pairs: { ours: Figures; stock: Figures; traces: WriteTrace[] }[] = [];
for (let pair = 1; pair <= PAIRS; pair++) {
  // a fresh document each pair: the same history for every run
  const registryId = await insertRegistry(db.sql);
  const traces: WriteTrace[] = [];
  const ours = await startSyncServer({ sql: db.sql, serializeDb: db.kind === 'embedded', trace: (t) => traces.push(t) });
  const oursFigures = await measure(ours.url, registryDocName(registryId), cookies);
  await ours.close();
  const stock = await stockServer();
  const stockFigures = await measure(stock.url, `bench-${registryId}`, cookies.map(() => ''));
  await stock.close();
  pairs.push({ ours: oursFigures, stock: stockFigures, traces });
  console.log(`пара ${pair}: Сверка (запись в Postgres до рассылки) ${fmt(oursFigures)}`);
  console.log(`        @y/websocket-server (только память) ${fmt(stockFigures)}`);
  console.log(`        отношение p50 ×${(oursFigures.p50 / stockFigures.p50).toFixed(2)}, p99 ×${(oursFigures.p99 / stockFigures.p99).toFixed(2)}, пропускная способность ×${(oursFigures.throughput / stockFigures.throughput).toFixed(2)}`);
}

// where the server's time went: the timed rounds of every pair (one comment each, to every client)
const one = pairs.flatMap((p) => p.traces.filter((t) => t.peers === CLIENTS).slice(WARMUP, WARMUP + ROUNDS));
const q = (pick: (t: WriteTrace) => number): string => {
  const v = one.map(pick).sort((a, b) => a - b);
  return `${quantile(v, 0.5).toFixed(2)}/${quantile(v, 0.99).toFixed(2)}`;
};
console.log(
  `на сервере Сверки, p50/p99 мс на замечание: проверка и применение ${q((t) => t.applyMs)}, ожидание очереди ${q((t) => t.queuedMs)}, ` +
    `запись в Postgres (изменения и записи журнала одной инструкцией) ${q((t) => t.storeMs)}, рассылка ${CLIENTS - 1} клиентам ${q((t) => t.sendMs)}`,
);
const bursts = pairs.flatMap((p) => p.traces.filter((t) => t.peers === CLIENTS).slice(WARMUP + ROUNDS));
console.log(`пакетами: ${bursts.length} записей на ${bursts.reduce((n, t) => n + t.updates, 0)} изменений (групповая запись), запись p50 ${median(bursts.map((t) => t.storeMs)).toFixed(1)} мс`);

const ratio = (pick: (f: Figures) => number): number => median(pairs.map((p) => pick(p.ours) / pick(p.stock)));
const p99 = ratio((f) => f.p99);
const storeP50 = median(one.map((t) => t.storeMs));
console.log(
  `отношение Сверка/стандартный (медиана пар): p50 ×${ratio((f) => f.p50).toFixed(2)}, p99 ×${p99.toFixed(2)}, пропускная способность ×${ratio((f) => f.throughput).toFixed(2)}` +
    ` (цель p99 ≤ ×1,0 — ${p99 <= 1 ? 'выполнена' : 'не выполнена'})`,
);
console.log(
  `нижняя граница: запись в Postgres до рассылки, p50 ${storeP50.toFixed(2)} мс на замечание (стандартный сервер ничего не записывает); ` +
    `без неё p50 Сверки было бы ≈ ${(median(pairs.map((p) => p.ours.p50)) - storeP50).toFixed(1)} мс против ${median(pairs.map((p) => p.stock.p50)).toFixed(1)} мс у стандартного`,
);
await db.close();
// everything is closed, but a handle of the stock server package or the database driver can keep the loop alive: end here
process.exit(0);
