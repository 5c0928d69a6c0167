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

const HTTP_MESSAGES: Partial<Record<number, string>> = {
  400: 'Некорректный запрос: данные не прочитаны (ожидается JSON с Content-Type: application/json)',
  401: 'Войдите в систему',
  403: 'Доступ запрещён',
  404: 'Нет такого адреса API',
  405: 'Такой метод запроса здесь не принимается',
  413: 'Тело запроса слишком большое',
  415: 'Неподдерживаемый тип данных запроса',
  429: 'Слишком много запросов: подождите и повторите',
};

/** Everything else is a bug: logged here with its stack, shown to the user as a plain apology. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    const body: ApiErrorBody = { code: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) };
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException) {
    // a library's refusal (a validator, a limit): its text is English and says nothing to a user
    const status = err.status;
    return c.json({ code: `http_${status}`, message: HTTP_MESSAGES[status] ?? 'Некорректный запрос' } satisfies ApiErrorBody, status);
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return c.json({ code: 'internal', message: 'Внутренняя ошибка сервера. Она записана в журнал; попробуйте ещё раз.' } satisfies ApiErrorBody, 500);
}
