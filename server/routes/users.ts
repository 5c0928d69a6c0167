import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { accountOf, addUser, listAccounts, resetPassword, setActive } from '../auth/user-admin.ts';
import { ROLES } from '../contract/auth.ts';
import type { Colleague, UserAccount } from '../contract/users.ts';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { endLiveConnections } from '../registries/live-connections.ts';
import { asApiError } from './user-errors.ts';

const newUserBody = z.object({
  login: z.string().trim().min(1).max(64),
  fullName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(1).max(256),
  rsoInn: z.string().trim().max(12).optional(),
});
const passwordBody = z.object({ password: z.string().min(1).max(256) });
const loginParam = z.object({ login: z.string().min(1).max(64) });

/**
 *   GET  /users                 Colleague[] of the active accounts, by full name [staff roles; never РСО]
 *   GET  /users/accounts        UserAccount[] [admin]
 *   POST /users                 NewUser → UserAccount [admin]
 *   POST /users/:login/disable  sessions deleted, live co-review connections closed at once [admin]
 *   POST /users/:login/enable   [admin]
 *   POST /users/:login/password {password}: reset, his sessions end [admin]
 */
export const userRoutes = new Hono<AppEnv>()
  .get('/', requireRole(...ANY_ROLE), async (c) => {
    const rows = await c.var.sql<Colleague[]>`select login, full_name as "fullName", role from users where active order by full_name, login`;
    return c.json([...rows]);
  })
  .get('/accounts', requireRole('admin'), async (c) => c.json(await listAccounts(c.var.sql)))
  .post('/', requireRole('admin'), zValidator('json', newUserBody, validationHook), async (c) => {
    const body = c.req.valid('json');
    await asApiError(addUser(c.var.sql, c.var.user.id, body));
    return c.json((await accountOf(c.var.sql, body.login.trim().toLowerCase())) satisfies UserAccount, 201);
  })
  .post('/:login/disable', requireRole('admin'), zValidator('param', loginParam, validationHook), async (c) => {
    const { login } = c.req.valid('param');
    const { id } = await asApiError(setActive(c.var.sql, c.var.user.id, login, false));
    // after the commit: the sessions are gone, so a reconnect is refused too
    endLiveConnections(c.var.sql, id);
    return c.json((await accountOf(c.var.sql, login)) satisfies UserAccount);
  })
  .post('/:login/enable', requireRole('admin'), zValidator('param', loginParam, validationHook), async (c) => {
    const { login } = c.req.valid('param');
    await asApiError(setActive(c.var.sql, c.var.user.id, login, true));
    return c.json((await accountOf(c.var.sql, login)) satisfies UserAccount);
  })
  .post('/:login/password', requireRole('admin'), zValidator('param', loginParam, validationHook), zValidator('json', passwordBody, validationHook), async (c) => {
    const { login } = c.req.valid('param');
    const id = await asApiError(resetPassword(c.var.sql, c.var.user.id, login, c.req.valid('json').password));
    endLiveConnections(c.var.sql, id);
    return c.json((await accountOf(c.var.sql, login)) satisfies UserAccount);
  });
