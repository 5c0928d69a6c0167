import { Hono } from 'hono';
import type { Sql } from './db/database.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, onError } from './http/errors.ts';
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
import { ruleSetRoutes } from './routes/rule-sets.ts';
import { standardsRoutes } from './routes/standards.ts';
import { userRoutes } from './routes/users.ts';

/** The HTTP API. Its type is the contract the workspace's one typed client is built from. */
export function createApi(sql: Sql) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('sql', sql);
      await next();
    })
    .route('/auth', authRoutes)
    .route('/analytics', analyticsRoutes)
    .route('/houses', houseRoutes)
    .route('/reference', referenceRoutes)
    .route('/registries', registryDocumentRoutes)
    .route('/registries', registryRoutes)
    .route('/documents', documentFileRoutes)
    .route('/registries', registryRowRoutes)
    .route('/registries', registryDecisionRoutes)
    .route('/rule-sets', ruleSetRoutes)
    .route('/standards', standardsRoutes)
    .route('/calculator', calculatorRoutes)
    .route('/demo', demoRoutes)
    .route('/users', userRoutes)
    .notFound(() => {
      throw new ApiError(404, 'not_found', 'Нет такого адреса API');
    })
    .onError(onError);
}

export type Api = ReturnType<typeof createApi>;
