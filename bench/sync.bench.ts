/**
 * Live co-review: comment propagation latency with 50 stock y-websocket clients on one registry document,
 * against our sync endpoint (stores every update in Postgres before broadcasting it) and against the stock
 * @y/websocket-server (memory only), in the same run. Then throughput: every client writes a burst of comments
 * and we time until every client has every comment.
 *
 * Database: DATABASE_URL when set, else the embedded PGlite (in memory). Server and clients share this process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { registryDocName, startThread, threadsOf } from '../formulas/collab/shared-doc.ts';
import { createSession } from '../server/auth/sessions.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrate } from '../server/db/migrate.ts';
import { insertRegistry, signedIn, startSyncServer, stockClient, type StockClient } from '../server/sync/sync-testing.ts';

const CLIENTS = Number(process.env.SVERKA_BENCH_SYNC_CLIENTS ?? 50);
const ROUNDS = Number(process.env.SVERKA_BENCH_SYNC_ROUNDS ?? 200);
const BURST = Number(process.env.SVERKA_BENCH_SYNC_BURST ?? 20);

interface Figures {
  p50: number;
  p99: number;
  max: number;
  /** comments per second, each delivered to every client */
  throughput: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(url: string, docName: string, cookies: string[]): Promise<Figures> {
  const clients: StockClient[] = cookies.map((c) => stockClient(url, docName, c));
  await Promise.all(clients.map((c) => c.synced));
  const author = { login: 'bench', name: 'Бенчмарк' };

  // who still waits for which thread
  const waiting = new Map<string, { t0: number; remaining: number; done: () => void }>();
  const samples: number[] = [];
  let expectedEverywhere = threadsOf(clients[0]!.doc).size;
  const complete = new Set<StockClient>();
  let allComplete: (() => void) | null = null;
  for (const c of clients) {
    threadsOf(c.doc).observe((ev) => {
      if (ev.transaction.local) return;
      const now = performance.now();
      for (const key of ev.keysChanged) {
        const w = waiting.get(key);
        if (!w) continue;
        samples.push(now - w.t0);
        if (--w.remaining === 0) {
          waiting.delete(key);
          w.done();
        }
      }
      if (allComplete && threadsOf(c.doc).size === expectedEverywhere) {
        complete.add(c);
        if (complete.size === clients.length) allComplete();
      }
    });
  }

  // latency: one comment at a time, from a different client each round, timed until each other client has it
  for (let round = 0; round < ROUNDS; round++) {
    const writer = clients[round % clients.length]!;
    await new Promise<void>((done) => {
      const t0 = performance.now();
      const id = startThread(writer.doc, 1 + (round % 30), `замечание ${round}`, author);
      waiting.set(id, { t0, remaining: clients.length - 1, done });
    });
  }
  samples.sort((a, b) => a - b);

  // throughput: every client writes a burst at once; timed until every client holds every comment
  expectedEverywhere = threadsOf(clients[0]!.doc).size + clients.length * BURST;
  complete.clear();
  const t0 = performance.now();
  const finished = new Promise<void>((resolve) => (allComplete = resolve));
  clients.forEach((c, i) => {
    for (let k = 0; k < BURST; k++) startThread(c.doc, 1 + ((i + k) % 30), `пакет ${i}.${k}`, author);
    if (threadsOf(c.doc).size === expectedEverywhere) complete.add(c);
  });
  await finished;
  const seconds = (performance.now() - t0) / 1000;

  for (const c of clients) c.destroy();
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: samples.at(-1) ?? NaN, throughput: (clients.length * BURST) / seconds };
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
const { userId } = await signedIn(db.sql, `bench${Date.now() % 1e9}`, 'reviewer');
const cookies = await Promise.all(Array.from({ length: CLIENTS }, async () => `sverka_session=${await createSession(db.sql, userId)}`));
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
