/**
 * The 50 stock clients of bench/sync.bench.ts, in a child process of their own: the server under test keeps its
 * process, so what is measured is the server's path and not the clients' own work on the same event loop.
 * Every time is taken here, on this process's clock: when a writer writes, when each other client has it.
 */
import { performance } from 'node:perf_hooks';
import { startThread, threadsOf } from '../formulas/collab/shared-doc.ts';
import { stockClient, type StockClient } from '../server/sync/testing.ts';

export interface ClientsJob {
  url: string;
  docName: string;
  cookies: string[];
  /** rounds written and not timed first: both servers (and this fresh process) measured warm */
  warmup: number;
  rounds: number;
  burst: number;
  /** the author each client writes as (its session's user) */
  authors: { login: string; name: string }[];
}

export interface Figures {
  p50: number;
  p99: number;
  max: number;
  /** comments per second, each delivered to every client */
  throughput: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(job: ClientsJob): Promise<Figures> {
  const clients: StockClient[] = job.cookies.map((c) => stockClient(job.url, job.docName, c));
  await Promise.all(clients.map((c) => c.synced));

  // who still waits for which thread
  const waiting = new Map<string, { t0: number; remaining: number; done: () => void }>();
  const samples: number[] = [];
  // threads each client holds, counted as they arrive (a Y.Map's size walks all its keys: the bench would measure that)
  const held = new Map<StockClient, number>(clients.map((c) => [c, threadsOf(c.doc).size]));
  let expectedEverywhere = held.get(clients[0]!)!;
  const complete = new Set<StockClient>();
  let allComplete: (() => void) | null = null;
  for (const c of clients) {
    threadsOf(c.doc).observe((ev) => {
      held.set(c, held.get(c)! + ev.keysChanged.size);
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
      if (allComplete && held.get(c) === expectedEverywhere) {
        complete.add(c);
        if (complete.size === clients.length) allComplete();
      }
    });
  }

  // latency: one comment at a time, from a different client each round, timed until each other client has it
  for (let round = 0; round < job.warmup + job.rounds; round++) {
    const writer = clients[round % clients.length]!;
    if (round === job.warmup) samples.length = 0;
    await new Promise<void>((done) => {
      const t0 = performance.now();
      const id = startThread(writer.doc, 1 + (round % 30), `замечание ${round}`, job.authors[round % clients.length]!);
      waiting.set(id, { t0, remaining: clients.length - 1, done });
    });
  }
  samples.sort((a, b) => a - b);

  // throughput: every client writes a burst at once; timed until every client holds every comment
  expectedEverywhere = held.get(clients[0]!)! + clients.length * job.burst;
  complete.clear();
  const t0 = performance.now();
  const finished = new Promise<void>((resolve) => (allComplete = resolve));
  clients.forEach((c, i) => {
    for (let k = 0; k < job.burst; k++) startThread(c.doc, 1 + ((i + k) % 30), `пакет ${i}.${k}`, job.authors[i]!);
    if (held.get(c) === expectedEverywhere) complete.add(c);
  });
  await finished;
  const seconds = (performance.now() - t0) / 1000;

  for (const c of clients) c.destroy();
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: samples.at(-1) ?? NaN, throughput: (clients.length * job.burst) / seconds };
}

process.once('message', (job: ClientsJob) => {
  void measure(job).then((f) => {
    process.send?.(f);
    process.disconnect?.();
    process.exit(0);
  });
});
