import { Hono } from 'hono';
import type { Colleague } from '../contract/users.ts';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';

/**
 *   GET /users   Colleague[] of the active accounts, by full name [any role]
 *
 * Read-only and without anything secret: whoever is signed in may see whom he can mention.
 */
export const userRoutes = new Hono<AppEnv>().get('/', requireRole(...ANY_ROLE), async (c) => {
  const rows = await c.var.sql<Colleague[]>`select login, full_name as "fullName", role from users where active order by full_name, login`;
  return c.json([...rows]);
});
