/**
 * A 600 KB .xlsx zip bomb (600 MB inflated, its directory lying about the size) sent to the real server — `server/main.ts`
 * in a child process, on DATABASE_URL when set, else a fresh embedded database — as a registry and as a reference file,
 * while a probe request (GET /api/auth/me) is sent again and again. Prints how long the refusal took, the probe's
 * answer times while it was refused, and the server process's peak memory (Linux VmHWM, reset before each bomb).
 * Targets (issue 15): probe ≤ 200 ms, peak ≤ 1 GB.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { xlsxZipBomb } from '../server/testing/zip-bomb.ts';

const MB = 1024 * 1024;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const status = (pid: number, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'sverka-bomb-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

/** The server as `npm start` runs it, on this bench's port and data directory; resolves once it listens. */
async function startServer(): Promise<ChildProcessByStdio<null, Readable, null>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SVERKA_DATA_DIR: dataDir, SVERKA_DEMO: '0', SVERKA_ADMIN_LOGIN: 'admin', SVERKA_ADMIN_PASSWORD: 'bench-password', SVERKA_WORKSPACE_DIR: join(dataDir, 'no-ui') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('Сверка открыта')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`сервер завершился с кодом ${code}`)));
  });
  return child;
}

const stopServer = async (child: ChildProcessByStdio<null, Readable, null>): Promise<void> => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

// The first start creates the embedded database in this process (initdb grows it by ~0.5 GB that a running server
// never needs again): measured is the second start, as a server runs day to day.
if (!process.env.DATABASE_URL) await stopServer(await startServer());
const server = await startServer();
const pid = server.pid as number;

const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'bench-password' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const bomb = xlsxZipBomb(600 * 1024, { lie: true });

function upload(path: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bomb.bytes)], 'бомба.xlsx'));
  return fetch(`${base}/api${path}`, { method: 'POST', headers: { cookie, origin: base }, body: form });
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function refuse(path: string, what: string): Promise<void> {
  const before = status(pid, 'VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  let done = false;
  const started = performance.now();
  const answer = upload(path).then(async (r) => {
    const took = performance.now() - started;
    done = true;
    return { status: r.status, took, message: ((await r.json()) as { problems?: { message: string }[] }).problems?.[0]?.message ?? '' };
  });
  const probes: number[] = [];
  while (!done) {
    const t = performance.now();
    const r = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`проба ответила ${r.status}`);
    probes.push(performance.now() - t);
  }
  const a = await answer;
  const peak = status(pid, 'VmHWM');
  console.log(`${what}: отказ ${a.status} за ${a.took.toFixed(0)} мс («${a.message}»)`);
  console.log(`  проба во время отказа: ${probes.length} запросов, p50 ${quantile(probes, 0.5).toFixed(1)} мс, max ${Math.max(...probes).toFixed(1)} мс (цель ≤ 200 мс)`);
  console.log(`  память сервера: до ${(before / MB).toFixed(0)} МБ, пик ${(peak / MB).toFixed(0)} МБ (цель ≤ 1024 МБ)`);
}

try {
  console.log(`zip-бомба ${(bomb.bytes.length / 1024).toFixed(0)} КБ, ${(bomb.inflatedBytes / MB).toFixed(0)} МБ в распакованном виде; база: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'встроенная'}; загрузка машины ${loadavg()[0]?.toFixed(1)}`);
  await refuse('/registries', 'реестр, первый (поток чтения файлов запускается)');
  await refuse('/registries', 'реестр');
  await refuse('/reference/import/houses', 'справочник домов');
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
