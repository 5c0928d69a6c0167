import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

/**
 * Request bodies (ASVS V12.1, V13.2). Every body is bounded before it is read: JSON to `JSON_BODY_LIMIT` on
 * every route, a file to the limit its upload route declares with `uploadBody`. A state-changing request's body is
 * JSON (`application/json`) or, on an upload route, a form with a file (`multipart/form-data`); the «simple»
 * types a page of another site can send without asking (text/plain, urlencoded forms) are refused.
 */

/** The largest JSON body: decisions on 100,000 rows by number are ~700 KB; everything else is a few KB. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Upload limits: a 30,000-row registry is ~3 MB as xlsx and ~6 MB as CSV; a 200,000-house CSV is ~40 MB. */
export const UPLOAD_LIMITS = { registry: 50 * 1024 * 1024, reference: 100 * 1024 * 1024 } as const;

const SAFE = /^(GET|HEAD|OPTIONS)$/;
const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const FORM_DATA = /^multipart\/form-data\s*;/i;

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} МБ`;

const jsonLimit = bodyLimit({
  maxSize: JSON_BODY_LIMIT,
  onError: () => {
    throw new ApiError(413, 'too_large', `Тело запроса больше ${MB(JSON_BODY_LIMIT)}`);
  },
});

/**
 * Every route: JSON bounded, a form left to the upload route that takes it (a route without `uploadBody`
 * never reads one: its JSON validator refuses the type, a command without parameters reads nothing), any other
 * declared type refused. A body of no declared type is read by nothing (a command without parameters sends none).
 */
export const jsonBodies = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (SAFE.test(c.req.method) || type === '') return next();
  if (JSON_TYPE.test(type)) return jsonLimit(c, next);
  if (FORM_DATA.test(type)) return next();
  throw new ApiError(415, 'unsupported_type', 'Сервер принимает данные в формате JSON (Content-Type: application/json), а файлы — формой multipart/form-data');
});

/** An upload route: a form with the file, at most `maxSize` bytes. */
export function uploadBody(maxSize: number) {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'too_large', `Файл больше ${MB(maxSize)}`);
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!FORM_DATA.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'unsupported_type', 'Файл отправляется формой multipart/form-data');
    return limit(c, next);
  });
}
