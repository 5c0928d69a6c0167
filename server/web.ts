import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { createApi } from './app.ts';
import type { Sql } from './db/database.ts';
import type { ApiErrorBody } from './contract/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from './http/settings.ts';

/** The whole site: the API under /api and the built workspace (a single-page app) everywhere else. */
export function createWebApp(sql: Sql, workspaceDir: string, settings: HttpSettings = DEFAULT_HTTP_SETTINGS): Hono {
  const root = relative(process.cwd(), workspaceDir) || '.';
  const app = new Hono();
  app.use(securityHeaders());
  app.use('/api/*', compress());
  app.route('/api', createApi(sql, settings));
  // an unknown API address is an API error, not the workspace's page
  app.all('/api/*', (c) => c.json({ code: 'not_found', message: 'Нет такого адреса API' } satisfies ApiErrorBody, 404));
  if (!existsSync(workspaceDir)) {
    app.get('*', (c) => c.text('Интерфейс не собран: выполните npm run build', 503));
    return app;
  }
  app.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root }));
  app.get('*', serveStatic({ root, path: 'index.html' }));
  return app;
}
