import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { attemptFailed, attemptSucceeded, listLocks, refusalMessage, reserveAttempt, unlock } from '../auth/login-throttle.ts';
import { verifyPassword } from '../auth/password.ts';
import type { Role, SignedIn } from '../contract/auth.ts';
import { createSession, endSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { clientAddress, requestProtocol } from '../http/client.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { EVERY_ROLE, requireRole } from '../http/require-role.ts';
import { changeOwnPassword } from '../auth/user-admin.ts';
import { asApiError } from './user-errors.ts';
import { validationHook } from '../http/validation.ts';

const loginBody = z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
const passwordBody = z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) });
const unlockBody = z.union([z.object({ login: z.string().trim().min(1).max(64) }), z.object({ address: z.string().trim().min(1).max(200) })]);

/**
 *   POST /auth/login    {login, password} → {user}, the session cookie; throttled per login and address [public]
 *   POST /auth/logout   ends the session [public]
 *   GET  /auth/me       the signed-in user [any role, РСО too]
 *   POST /auth/password {current, next}: one's own password (≥ 10 characters, not the login); other sessions end [any role, РСО too]
 *   GET  /auth/locks    logins and addresses locked or waiting after failed sign-ins [admin]
 *   POST /auth/unlock   {login} | {address}: lifts the lock, audited [admin]
 */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', zValidator('json', loginBody, validationHook), async (c) => {
    const { login, password } = c.req.valid('json');
    const { sql, settings } = c.var;
    const address = clientAddress(c, settings);
    // counted before the hash is computed: a refused attempt costs no scrypt
    const refusal = await reserveAttempt(sql, login, address);
    if (refusal) {
      c.header('Retry-After', String(refusal.retryAfterSeconds));
      throw new ApiError(429, refusal.locked ? 'login_locked' : 'login_throttled', refusalMessage(refusal));
    }
    const [u] = await sql<{ id: number; login: string; full_name: string; role: Role; rso_inn: string | null; password_hash: string }[]>`
      select id, login, full_name, role, rso_inn, password_hash from users where login = ${login.toLowerCase()} and active`;
    // Verify against a dummy hash when the login is unknown, so timing does not reveal which logins exist.
    const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
    if (!u || !ok) {
      await attemptFailed(sql, login, address);
      throw new ApiError(401, 'bad_credentials', 'Неверный логин или пароль');
    }
    await attemptSucceeded(sql, login, address);
    const token = await createSession(sql, u.id, settings.sessionHours);
    await sql.begin((tx) => appendAudit(tx, { actorId: u.id, action: 'auth.login', entity: 'user', entityId: u.id }));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      // behind a TLS proxy the request itself is plain http: the proxy's X-Forwarded-Proto says (when trusted)
      secure: settings.secureCookie || requestProtocol(c, settings) === 'https',
      maxAge: Math.round(settings.sessionHours * 3600),
    });
    return c.json({ user: { id: u.id, login: u.login, fullName: u.full_name, role: u.role, ...(u.rso_inn ? { rsoInn: u.rso_inn } : {}) } } satisfies SignedIn);
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.var.sql, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  })
  .get('/me', requireRole(...EVERY_ROLE), (c) => c.json({ user: c.var.user } satisfies SignedIn))
  .post('/password', requireRole(...EVERY_ROLE), zValidator('json', passwordBody, validationHook), async (c) => {
    const { current, next } = c.req.valid('json');
    await asApiError(changeOwnPassword(c.var.sql, c.var.user.id, getCookie(c, SESSION_COOKIE) ?? '', current, next));
    return c.json({ ok: true });
  })
  .get('/locks', requireRole('admin'), async (c) => c.json({ locks: await listLocks(c.var.sql) }))
  .post('/unlock', requireRole('admin'), zValidator('json', unlockBody, validationHook), async (c) => {
    const body = c.req.valid('json');
    const [kind, key] = 'login' in body ? (['login', body.login] as const) : (['address', body.address] as const);
    if (!(await unlock(c.var.sql, kind, key, c.var.user.id))) throw new ApiError(404, 'not_locked', kind === 'login' ? `Вход под именем «${key}» не заблокирован` : `Адрес ${key} не заблокирован`);
    return c.json({ ok: true });
  });

// A real scrypt hash of a random password: same cost as a real check, never matches.
const DUMMY_HASH = 'scrypt$32768$8$1$2mBpkZQn0Gm3vN5v6t1pVQ$Q0Jm3mKQ7b7mF2xvQ1tq1s0oV2y8Yb9nV4oJ8bJkq5M';
