import { Hono } from 'hono';
import type { Sql } from './db/database.ts';
import { apiDocsRoutes } from './http/api-docs.ts';
import { jsonBodies } from './http/body-limits.ts';
import { cleanInput } from './http/clean-input.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, onError } from './http/errors.ts';
import { sameOriginOnly } from './http/same-origin.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from './http/settings.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { authRoutes } from './routes/auth.ts';
import { calculatorRoutes } from './routes/calculator.ts';
import { demoRoutes } from './routes/demo.ts';
import { houseRoutes } from './routes/houses.ts';
import { referenceRoutes } from './routes/reference.ts';
import { registryRoutes } from './routes/registries.ts';
import { documentFileRoutes, registryDocumentRoutes } from './routes/registry-documents.ts';
import { registryDecisionRoutes } from './routes/registry-decisions.ts';
import { registryRowRoutes } from './routes/registry-rows.ts';
import { portalRoutes, registryPortalRoutes } from './routes/portal.ts';
import { ruleSetRoutes } from './routes/rule-sets.ts';
import { standardsRoutes } from './routes/standards.ts';
import { userRoutes } from './routes/users.ts';
import { workbookRoutes } from './routes/workbooks.ts';

/**
 * The HTTP API. Its type is the contract the workspace's one typed client is built from. Before any route:
 * state-changing requests from other sites refused, bodies bounded and typed, control characters refused.
 */
export function createApi(sql: Sql, settings: HttpSettings = DEFAULT_HTTP_SETTINGS) {
  let self: Pick<Hono, 'routes'> = { routes: [] };
  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('sql', sql);
      c.set('settings', settings);
      await next();
    })
    .use(sameOriginOnly())
    .use(jsonBodies)
    .use(cleanInput)
    .route('/auth', authRoutes)
    .route('/analytics', analyticsRoutes)
    .route('/houses', houseRoutes)
    .route('/reference', referenceRoutes)
    .route('/registries', registryDocumentRoutes)
    .route('/registries', registryRoutes)
    .route('/documents', documentFileRoutes)
    .route('/registries', registryRowRoutes)
    .route('/registries', registryDecisionRoutes)
    .route('/registries', registryPortalRoutes)
    .route('/portal', portalRoutes)
    .route('/rule-sets', ruleSetRoutes)
    .route('/standards', standardsRoutes)
    .route('/calculator', calculatorRoutes)
    .route('/demo', demoRoutes)
    .route('/users', userRoutes)
    .route('/workbooks', workbookRoutes)
    .route('/', apiDocsRoutes(() => self))
    .notFound(() => {
      throw new ApiError(404, 'not_found', 'Нет такого адреса API');
    })
    .onError(onError);
  self = api;
  return api;
}

export type Api = ReturnType<typeof createApi>;
