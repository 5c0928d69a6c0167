import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { listThreads, standardsDocName, startThread } from '../../formulas/collab/shared-doc.ts';
import { stockClient, until } from './testing.ts';

/** Where the child server keeps its data: an embedded data directory, or a fresh database on DATABASE_URL. */
interface Target {
  name: string;
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

function targets(): Target[] {
  const dir = mkdtempSync(join(tmpdir(), 'sverka-crash-'));
  const list: Target[] = [{ name: 'embedded data dir', env: async () => ({ SVERKA_DATA_DIR: dir, DATABASE_URL: '' }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }];
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = `sverka_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
    const target = new URL(url);
    target.pathname = `/${db}`;
    list.push({
      name: 'PostgreSQL (DATABASE_URL)',
      async env() {
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        await admin.unsafe(`create database ${db}`);
        await admin.end();
        return { DATABASE_URL: target.toString() };
      },
      async cleanup() {
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${db} with (force)`);
        await admin.end();
      },
    });
  }
  return list;
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts `server/main.ts` as a child process and resolves once it listens. */
function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, SVERKA_DEMO: '0', SVERKA_ADMIN_LOGIN: 'admin', SVERKA_ADMIN_PASSWORD: 'admin-crash-test', HOST: '127.0.0.1', SVERKA_REDIS_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes('Сверка открыта')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'admin-crash-test' }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const all = targets();
afterAll(async () => {
  for (const t of all) await t.cleanup();
});

describe.each(all)('a server killed with SIGKILL on $name', (target) => {
  it('loses no update that any client had received', { timeout: 180_000 }, async () => {
    const env = { ...(await target.env()), PORT: String(await freePort()) };
    let child = await startServer(env);
    // a failed assertion must not leave the server running
    const stop = (): void => void child.kill('SIGKILL');
    onTestFinished(stop);
    const url = `ws://127.0.0.1:${env.PORT}/api/sync`;
    const cookie = await login(Number(env.PORT));
    const name = standardsDocName('crash-test');
    const writer = stockClient(url, name, cookie);
    const watcher = stockClient(url, name, cookie);
    await Promise.all([writer.synced, watcher.synced]);

    // the writer keeps commenting; whatever reached the watcher was stored before it was sent
    let writing = true;
    let written = 0;
    const loop = (async () => {
      while (writing) {
        startThread(writer.doc, written % 50, `комментарий ${written++}`, { login: 'admin', name: 'Администратор' });
        // a steady stream, not a flood: the server is killed with writes in flight, not under a backlog
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    await until([watcher.doc], () => listThreads(watcher.doc).length >= 30);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    writing = false;
    await loop;
    const acknowledged = listThreads(watcher.doc).map((t) => t.comments[0]?.text);
    writer.destroy();
    watcher.destroy();
    expect(written).toBeGreaterThan(acknowledged.length);

    child = await startServer(env);
    try {
      const reader = stockClient(url, name, await login(Number(env.PORT)));
      await reader.synced;
      const recovered = new Set(listThreads(reader.doc).map((t) => t.comments[0]?.text));
      expect(acknowledged.filter((t) => !recovered.has(t))).toEqual([]);
      reader.destroy();
    } finally {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
  });
});
