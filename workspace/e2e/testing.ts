import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { ensureFirstUsers } from '../../server/auth/users.ts';
import type { Database } from '../../server/db/database.ts';
import { housesCsv, organisationsCsv, tariffsCsv } from '../../server/checks/testing.ts';
import { importReference } from '../../server/reference/import-reference.ts';
import { registerRegistry } from '../../server/registries/intake.ts';
import { attachSync } from '../../server/sync/sync-endpoint.ts';
import { openMigrated, testDatabases } from '../../server/testing/databases.ts';
import { createWebApp } from '../../server/web.ts';

export const workspaceDir = fileURLToPath(new URL('../../dist/workspace', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../../test-results', import.meta.url));

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The real server (with the live co-review endpoint, as `server/main.ts` runs it) on a fresh embedded database with the demo accounts, and Debian's Chromium. */
export interface Workspace {
  db: Database;
  base: string;
  browser: Browser;
  /** Imports a reference file through the real import path; a refused file fails the test. */
  seed(kind: ReferenceKind, csv: string, fileName?: string): Promise<void>;
  /** What the nine checks read: houses, tariff decisions and organisations (the check fixtures by default). */
  seedChecksReference(files?: { houses?: string; organisations?: string }): Promise<void>;
  /** Registers a registry file as the regulator's intake does (checks run), with the letter it came with if a number is
   * given; a refused or unreadable file fails the test. */
  register(fileName: string, csv: string, letterOutNo?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startWorkspace(): Promise<Workspace> {
  if (!existsSync(`${workspaceDir}/index.html`)) {
    throw new Error(`The workspace is not built: ${workspaceDir}/index.html is missing. Run \`npm run build\` first (\`npm test\` does).`);
  }
  const [embedded] = testDatabases();
  if (!embedded) throw new Error('no embedded test database');
  const db = await openMigrated(embedded);
  await ensureFirstUsers(db.sql, { demo: true });
  const app = createWebApp(db.sql, workspaceDir);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const sync = attachSync(server as Server, { sql: db.sql, log: () => undefined, serializeDb: db.kind === 'embedded' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const ws: Workspace = {
    db,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async seed(kind, csv, fileName = `${kind}.csv`) {
      const r = await importReference(db.sql, { kind, fileName, bytes: new TextEncoder().encode(csv), actorId: null });
      if (!r.ok) throw new Error(`seed ${kind}: ${JSON.stringify(r.problems)}`);
    },
    async seedChecksReference(files = {}) {
      await ws.seed('houses', files.houses ?? housesCsv);
      await ws.seed('tariffs', tariffsCsv);
      await ws.seed('organisations', files.organisations ?? organisationsCsv);
    },
    async register(fileName, csv, letterOutNo) {
      const r = await registerRegistry(db.sql, { fileName, bytes: new TextEncoder().encode(csv), form: letterOutNo === undefined ? {} : { letterOutNo, letterOutDate: '2026-05-06' }, actorId: null });
      if (!r.ok) throw new Error(`registration of ${fileName}: ${JSON.stringify(r.problems)}`);
      if (r.refused) throw new Error(`registration of ${fileName}: refused`);
      return r.registryId;
    },
    async close() {
      await browser.close();
      await sync.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
  return ws;
}

/** Signs in on the start page as a user would, with the login form. */
export async function signInPage(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** A CSV upload as playwright's setInputFiles takes it. */
export const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/**
 * A fresh browser context on the workspace's start page. Script errors and console errors go into `errors`;
 * Chromium's «Failed to load resource» lines are left out, since expected 4xx answers (the 401 of /auth/me
 * before signing in, the 422 of a bad file) produce them.
 */
export async function openPage(ws: Workspace, viewport: { width: number; height: number }, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ws.browser.newContext({ viewport, locale: 'ru-RU' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  await page.goto(ws.base);
  return { context, page };
}
