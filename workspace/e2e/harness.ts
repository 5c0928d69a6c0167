import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { ensureFirstUsers } from '../../server/auth/users.ts';
import type { Database } from '../../server/db/database.ts';
import { importReference } from '../../server/reference/import-reference.ts';
import { openMigrated, testDatabases } from '../../server/testing/databases.ts';
import { createWebApp } from '../../server/web.ts';

export const workspaceDir = fileURLToPath(new URL('../../dist/workspace', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../../test-results', import.meta.url));

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The real server on a fresh embedded database with the demo accounts, and Debian's Chromium. */
export interface Workspace {
  db: Database;
  base: string;
  browser: Browser;
  /** Imports a reference file through the real import path; a refused file fails the test. */
  seed(kind: ReferenceKind, csv: string, fileName?: string): Promise<void>;
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
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    db,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async seed(kind, csv, fileName = `${kind}.csv`) {
      const r = await importReference(db.sql, { kind, fileName, bytes: new TextEncoder().encode(csv), actorId: null });
      if (!r.ok) throw new Error(`seed ${kind}: ${JSON.stringify(r.problems)}`);
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
