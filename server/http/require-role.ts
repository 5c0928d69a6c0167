import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ROLES, STAFF_ROLES, type Role } from '../contract/auth.ts';
import { bearerToken, userOfApiToken } from '../auth/api-tokens.ts';
import { SESSION_COOKIE, userOfSession } from '../auth/sessions.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

/** Every route but login names the roles it serves; a route without this middleware is a bug the tests catch. */
export function requireRole(...roles: Role[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    // a machine's API token, when sent, is the only credential looked at: its request skipped the CSRF check,
    // so an ambient session cookie must not count for it
    const bearer = bearerToken(c.req.header('authorization'));
    const token = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const user = bearer ? await userOfApiToken(c.var.sql, bearer) : token ? await userOfSession(c.var.sql, token, c.var.settings.sessionIdleMinutes) : null;
    c.set('viaToken', bearer !== null);
    if (!user) throw new ApiError(401, 'unauthenticated', 'Войдите в систему');
    if (!roles.includes(user.role)) throw new ApiError(403, 'forbidden', 'Недостаточно прав для этого действия');
    c.set('user', user);
    await next();
  });
  // the roles a route serves, read off the router by the OpenAPI document
  return Object.assign(middleware, { [SERVES]: roles });
}

/** The roles a route serves, kept on its `requireRole` middleware. */
export const SERVES = Symbol.for('sverka.serves');

/**
 * The regulator's roles: what every staff page needs. An РСО user (`rso`) is never among them: a route serves
 * him only by naming him, and then answers with his organisation's data alone.
 */
export const ANY_ROLE: Role[] = [...STAFF_ROLES];

/** Everyone signed in, РСО users too: sign-in state, one's own password. */
export const EVERY_ROLE: Role[] = [...ROLES];
