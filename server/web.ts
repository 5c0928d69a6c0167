import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { createApi } from './app.ts';
import type { Sql } from './db/database.ts';

/** The whole site: the API under /api and the built workspace (a single-page app) everywhere else. */
export function createWebApp(sql: Sql, workspaceDir: string): Hono {
  const root = relative(process.cwd(), workspaceDir) || '.';
  const app = new Hono();
  app.use('/api/*', compress());
  app.route('/api', createApi(sql));
  if (!existsSync(workspaceDir)) {
    app.get('*', (c) => c.text('Интерфейс не собран: выполните npm run build', 503));
    return app;
  }
  app.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root }));
  app.get('*', serveStatic({ root, path: 'index.html' }));
  return app;
}
