import { Hono } from 'hono';
import type { Sql } from './db/database.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, onError } from './http/errors.ts';
import { authRoutes } from './routes/auth.ts';
import { houseRoutes } from './routes/houses.ts';
import { referenceRoutes } from './routes/reference.ts';

/** The HTTP API. Its type is the contract the workspace's one typed client is built from. */
export function createApi(sql: Sql) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('sql', sql);
      await next();
    })
    .route('/auth', authRoutes)
    .route('/houses', houseRoutes)
    .route('/reference', referenceRoutes)
    .notFound(() => {
      throw new ApiError(404, 'not_found', 'Нет такого адреса API');
    })
    .onError(onError);
}

export type Api = ReturnType<typeof createApi>;
