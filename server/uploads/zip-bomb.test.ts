import { serve, type ServerType } from '@hono/node-server';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, ensureFirstUsers } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { xlsxZipBomb } from '../testing/zip-bomb.ts';
import { createWebApp } from '../web.ts';
import { stopUploadReader } from './reader-thread.ts';

/** This process's resident memory and its peak since `resetPeak()`, in bytes (Linux /proc). */
function memory(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
const resetPeak = (): void => writeFileSync('/proc/self/clear_refs', '5');

const GB = 1024 ** 3;

/**
 * A 600 KB .xlsx that inflates to 600 MB, its directory lying about the size, sent as a registry and as a
 * reference file to the real HTTP server: refused in Russian, while other requests keep being answered and the
 * process (server, embedded database and test runner together) stays under 1 GB.
 */
describe.each(testDatabases())('a zip bomb on $name', (target) => {
  let db: Database;
  let server: ServerType;
  let base: string;
  let cookie: string;
  const bomb = xlsxZipBomb(600 * 1024, { lie: true });

  beforeAll(async () => {
    db = await openMigrated(target);
    await ensureFirstUsers(db.sql, { demo: true });
    const app = createWebApp(db.sql, '/nonexistent');
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = DEMO_USERS.find((u) => u.login === 'admin');
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: admin?.password }) });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopUploadReader();
    await db.close();
  });

  const upload = (path: string): Promise<Response> => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(bomb.bytes)], 'реестр.xlsx'));
    return fetch(`${base}/api${path}`, { method: 'POST', headers: { cookie, origin: base }, body: form });
  };

  /** Sends the upload and, until it is answered, one probe after another; the probes answered before it. */
  async function whileRefusing(path: string): Promise<{ answer: Response; probes: number[] }> {
    let done = false;
    const answer = upload(path).finally(() => (done = true));
    const probes: number[] = [];
    while (!done) {
      const probe = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
      await probe.arrayBuffer();
      if (!done) probes.push(probe.status);
    }
    return { answer: await answer, probes };
  }

  it('is refused as a registry and as a reference file while the server answers, under 1 GB', async () => {
    expect(bomb.bytes.length).toBeLessThan(650 * 1024);
    expect(bomb.inflatedBytes).toBeGreaterThan(600_000_000);
    // the upload thread starts on first use: the probes below overlap the reading, not the thread's start
    expect((await upload('/registries')).status).toBe(422);
    resetPeak();
    const before = memory().rss;
    for (const path of ['/registries', '/reference/import/houses']) {
      const { answer, probes } = await whileRefusing(path);
      expect(answer.status, path).toBe(422);
      const body = (await answer.json()) as { message: string; problems: { message: string }[] };
      expect(body.problems[0]?.message).toMatch(/zip-бомб/);
      // the main thread was free: requests sent after the bomb were answered before it
      expect(probes.length, path).toBeGreaterThan(0);
      expect(new Set(probes)).toEqual(new Set([200]));
    }
    // what the two refusals cost at most, and the whole process's peak
    expect(memory().peak - before).toBeLessThan(GB / 4);
    expect(memory().peak).toBeLessThan(GB);
  });
});
