import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../../formulas/problem.ts';
import type { ApiErrorBody } from '../contract/errors.ts';

/** An expected failure a route reports to the user (wrong password, forbidden, bad file). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
  }
}

/** Everything else is a bug: logged here with its stack, shown to the user as a plain apology. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body: ApiErrorBody = { code: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) };
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const message = status === 413 ? 'Файл слишком большой' : err.message || 'Некорректный запрос';
    return c.json({ code: `http_${status}`, message } satisfies ApiErrorBody, status);
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return c.json({ code: 'internal', message: 'Внутренняя ошибка сервера. Она записана в журнал; попробуйте ещё раз.' } satisfies ApiErrorBody, 500);
}
