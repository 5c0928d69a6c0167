import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { verifyPassword } from '../auth/password.ts';
import type { Role, SignedIn } from '../contract/auth.ts';
import { createSession, endSession, SESSION_COOKIE, SESSION_HOURS } from '../auth/sessions.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';

const loginBody = z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

export const authRoutes = new Hono<AppEnv>()
  .post('/login', zValidator('json', loginBody, validationHook), async (c) => {
    const { login, password } = c.req.valid('json');
    const sql = c.var.sql;
    const [u] = await sql<{ id: number; login: string; full_name: string; role: Role; password_hash: string }[]>`
      select id, login, full_name, role, password_hash from users where login = ${login.toLowerCase()} and active`;
    // Verify against a dummy hash when the login is unknown, so timing does not reveal which logins exist.
    const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
    if (!u || !ok) throw new ApiError(401, 'bad_credentials', 'Неверный логин или пароль');
    const token = await createSession(sql, u.id);
    await sql.begin((tx) => appendAudit(tx, { actorId: u.id, action: 'auth.login', entity: 'user', entityId: u.id }));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_HOURS * 3600,
    });
    return c.json({ user: { id: u.id, login: u.login, fullName: u.full_name, role: u.role } } satisfies SignedIn);
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.var.sql, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  })
  .get('/me', requireRole(...ANY_ROLE), (c) => c.json({ user: c.var.user } satisfies SignedIn));

// A real scrypt hash of a random password: same cost as a real check, never matches.
const DUMMY_HASH = 'scrypt$32768$8$1$2mBpkZQn0Gm3vN5v6t1pVQ$Q0Jm3mKQ7b7mF2xvQ1tq1s0oV2y8Yb9nV4oJ8bJkq5M';
