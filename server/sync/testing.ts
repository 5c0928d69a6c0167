import { createServer, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '../contract/auth.ts';
import { createSession } from '../auth/sessions.ts';
import { createUser } from '../auth/users.ts';
import type { Sql } from '../db/database.ts';
import { attachSync, type SyncEndpoint } from './sync-endpoint.ts';
import type { SyncHubOptions } from './sync-hub.ts';
import { DEFAULT_HTTP_SETTINGS } from '../http/settings.ts';

/** Test and benchmark helpers: a sync server on a free port, signed-in users, stock y-websocket clients. */

export interface RunningSyncServer {
  /** the provider's serverUrl: `ws://127.0.0.1:<port>/api/sync` */
  url: string;
  port: number;
  endpoint: SyncEndpoint;
  close(): Promise<void>;
}

export async function startSyncServer(opts: SyncHubOptions): Promise<RunningSyncServer> {
  const server: Server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const endpoint = attachSync(server, { log: () => {}, ...opts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/api/sync`,
    port,
    endpoint,
    async close() {
      await endpoint.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The author `signedIn(login)` writes as: the server takes back content signed with another name. */
export const testAuthor = (login: string): { login: string; name: string } => ({ login, name: `${login} (тест)` });

/** A user of the role with a live session; returns the Cookie header value. */
export async function signedIn(sql: Sql, login: string, role: Role): Promise<{ userId: number; cookie: string }> {
  const userId = await createUser(sql, { login, fullName: testAuthor(login).name, role, password: 'password-1' });
  const token = await createSession(sql, userId, DEFAULT_HTTP_SETTINGS.sessionHours);
  return { userId, cookie: `sverka_session=${token}` };
}

/** An РСО user of a new organisation `inn` (a bare organisations row, no reference file), with a live session. */
export async function signedInRso(sql: Sql, login: string, inn: string): Promise<{ userId: number; cookie: string }> {
  const [b] = await sql<{ id: string }[]>`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged)
    values ('organisations', 'test.csv', 'test', 1, 1, 0, 0) returning id`;
  await sql`insert into organisations (inn, ogrn, name, status, version) values (${inn}, '1027200000012', 'ООО «РСО тест»', 'действует', ${b?.id ?? 0})`;
  const userId = await createUser(sql, { login, fullName: testAuthor(login).name, role: 'rso', password: 'password-1', rsoInn: inn });
  const token = await createSession(sql, userId, DEFAULT_HTTP_SETTINGS.sessionHours);
  return { userId, cookie: `sverka_session=${token}` };
}

/** A registry row, enough for its shared document to exist. */
export async function insertRegistry(sql: Sql): Promise<number> {
  const [r] = await sql<{ id: string }[]>`insert into registries (rso_inn, rso_name, service, period, file_name, rows_total, declared_sum)
    values ('7202000001', 'ООО «Тест»', 'Холодное водоснабжение', '2026-09-01', 'test.xlsx', 3, 300000) returning id`;
  if (!r) throw new Error('registry not created');
  await sql`insert into registry_rows (registry_id, row_no, subsidy) values (${r.id}, 1, 100000), (${r.id}, 2, 100000), (${r.id}, 3, 100000)`;
  return Number(r.id);
}

/** ws with the session cookie, as a browser would send it; given to the stock provider as its WebSocket. */
export function cookieWebSocket(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** resolves after the first full sync */
  synced: Promise<void>;
  destroy(): void;
}

/** The npm package's WebsocketProvider, unchanged, in Node. */
export function stockClient(url: string, docName: string, cookie: string, opts: { doc?: Y.Doc; connect?: boolean } = {}): StockClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as never,
    connect: opts.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
    resyncInterval: -1,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const on = (s: boolean): void => {
      if (!s) return;
      provider.off('sync', on);
      resolve();
    };
    provider.on('sync', on);
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `ready()` holds, re-checking after every update of the given documents (no timers). */
export function until(docs: Y.Doc[], ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const check = (): void => {
      if (!ready()) return;
      for (const d of docs) d.off('update', check);
      resolve();
    };
    for (const d of docs) d.on('update', check);
  });
}

/** The upgrade's HTTP status when the server refuses it; 101 when it accepts. */
export function upgradeStatus(url: string, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      if (ws.readyState !== ws.CLOSED) reject(e);
    });
  });
}

/** A deterministic pseudo-random generator (mulberry32) for seeded tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether something answers on the Redis port (checked once, before the suites are declared). */
export async function redisReachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = new Socket();
    s.once('error', () => resolve(false));
    s.connect(Number(u.port || 6379), u.hostname, () => {
      s.write('PING\r\n');
      s.once('data', (d) => {
        resolve(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH'));
        s.destroy();
      });
    });
  });
}
