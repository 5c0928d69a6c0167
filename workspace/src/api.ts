import { hc, type ClientResponse } from 'hono/client';
import type { Problem } from '../../formulas/problem.ts';
import type { Api } from '../../server/app.ts';
import type { ApiErrorBody } from '../../server/contract/errors.ts';

/** The one typed client of the workspace: every request to the server goes through it. */
export const api = hc<Api>('/api');

/** A request the server refused (or could not be reached), carrying the API's one error body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server says the session is gone (expired, or ended elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorBody).code === 'string' && typeof (x as ApiErrorBody).message === 'string';
}

async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  if (!isErrorBody(body)) return new ApiFailure(res.status, `http_${res.status}`, `Сервер ответил ошибкой ${res.status}. Попробуйте ещё раз.`);
  return new ApiFailure(res.status, body.code, body.message, body.problems ?? []);
}

/**
 * Awaits a request of the typed client and returns its JSON body; a non-OK answer is thrown as
 * an `ApiFailure` with the server's Russian message, and a lost connection as one too.
 */
export async function unwrap<T>(request: Promise<ClientResponse<T>>): Promise<T> {
  let res: ClientResponse<T>;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, 'network', 'Сервер недоступен. Проверьте соединение и повторите.');
  }
  if (!res.ok) {
    const failure = await failureOf(res);
    if (failure.status === 401 && failure.code === 'unauthenticated') for (const l of unauthenticatedListeners) l();
    throw failure;
  }
  return (await res.json()) as T;
}

/** The message to show for anything a request threw. */
export const messageOf = (e: unknown): string =>
  e instanceof ApiFailure ? e.message : 'Непредвиденная ошибка в браузере. Обновите страницу и повторите.';

/** The message to show for anything a request threw; what is not a refused request is a bug, logged for whoever debugs it. */
export function userMessage(e: unknown): string {
  if (!(e instanceof ApiFailure)) console.error(e);
  return messageOf(e);
}
