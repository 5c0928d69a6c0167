import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { demoStatus } from '../demo/demo-registries.ts';

/** How far the background loading of the demo registries got (the Реестры page shows it while loading). */
export const demoRoutes = new Hono<AppEnv>()
  .get('/status', requireRole(...ANY_ROLE), async (c) => c.json(await demoStatus(c.var.sql)));
