import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { registryHistory, rowHistory } from '../registries/history.ts';
import { registryRowsPayload, rowDetail, rowStates } from '../registries/rows.ts';

/** The review page's data: the rows (immutable per check run), their decisions, one row in detail, and history. */
export const registryRowRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/rows', requireRole(...ANY_ROLE), async (c) => {
    const id = Number(c.req.param('id'));
    const asked = c.req.query('run');
    const payload = await registryRowsPayload(c.var.sql, id);
    // the rows of a check run never change: a browser that names the run may keep them for good
    c.header('Cache-Control', asked === String(payload.checkRunId) ? 'private, max-age=31536000, immutable' : 'no-store');
    return c.json(payload);
  })
  .get('/:id{[0-9]+}/row-states', requireRole(...ANY_ROLE), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await rowStates(c.var.sql, Number(c.req.param('id'))));
  })
  .get('/:id{[0-9]+}/rows/:rowNo{[0-9]+}', requireRole(...ANY_ROLE), async (c) => c.json(await rowDetail(c.var.sql, Number(c.req.param('id')), Number(c.req.param('rowNo')))))
  .get('/:id{[0-9]+}/history', requireRole(...ANY_ROLE), async (c) => c.json(await registryHistory(c.var.sql, Number(c.req.param('id')))))
  .get('/:id{[0-9]+}/rows/:rowNo{[0-9]+}/history', requireRole(...ANY_ROLE), async (c) => c.json(await rowHistory(c.var.sql, Number(c.req.param('id')), Number(c.req.param('rowNo')))));
