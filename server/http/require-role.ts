import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../contract/auth.ts';
import { SESSION_COOKIE, userOfSession } from '../auth/sessions.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

/** Every route but login names the roles it serves; a route without this middleware is a bug the tests catch. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await userOfSession(c.var.sql, token, c.var.settings.sessionIdleMinutes) : null;
    if (!user) throw new ApiError(401, 'unauthenticated', 'Войдите в систему');
    if (!roles.includes(user.role)) throw new ApiError(403, 'forbidden', 'Недостаточно прав для этого действия');
    c.set('user', user);
    await next();
  });
}

export const ANY_ROLE: Role[] = ['admin', 'analyst', 'reviewer', 'manager'];
