import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { refreshSoon } from '../analytics/refresh.ts';
import type { AppEnv } from '../http/env.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import type { DecisionOutcome } from '../contract/registries.ts';
import { agreeClean, assign, cancel, complete, decideRows, refuse, take } from '../registries/commands.ts';
import { recheckLinkedRegistries } from '../registries/linked-recheck.ts';
import { registryCard } from '../registries/queries.ts';
import { recheck } from '../registries/recheck.ts';

const reason = z.object({ reason: z.string().trim().min(1).max(2000) });
/** checked by the command: refused with 422 and a Russian message when empty */
const optionalReason = z.object({ reason: z.string().max(2000).optional() });
const executor = z.object({ executorId: z.number().int().positive() });
const rowDecision = z.object({
  rows: z.array(z.number().int().positive()).min(1).max(100_000),
  decision: z.enum(['Согласован', 'Не согласован']),
  reason: z.string().trim().max(2000).optional(),
});
const completion = z.object({ status: z.enum(['Согласован', 'Не согласован']), reason: z.string().trim().max(2000).optional() });

/** Commands on one registry: each authorised by role here and by assignment and status in the command. */
export const registryDecisionRoutes = new Hono<AppEnv>()
  // a command that changed rows or statuses: the analytics summaries follow in the background, not at the next view
  .use(async (c, next) => {
    await next();
    if (c.req.method === 'POST' && c.res.ok) void refreshSoon(c.var.sql);
  })
  .post('/:id{[0-9]+}/take', requireRole('admin', 'reviewer'), zValidator('json', executor.partial(), validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    await take(c.var.sql, id, c.var.user, c.req.valid('json').executorId);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  })
  .post('/:id{[0-9]+}/assign', requireRole('admin'), zValidator('json', executor, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    await assign(c.var.sql, id, c.var.user, c.req.valid('json').executorId);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  })
  .post('/:id{[0-9]+}/refuse', requireRole('admin', 'reviewer'), zValidator('json', reason, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    await refuse(c.var.sql, id, c.var.user, c.req.valid('json').reason);
    // an ХВС or ГВС registry that no longer counts changes check 10 of the ВО registries of its period
    await recheckLinkedRegistries(c.var.sql, { registryId: id, event: 'withdrawn' }, c.var.user.id);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  })
  .post('/:id{[0-9]+}/cancel', requireRole('admin'), zValidator('json', reason, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    await cancel(c.var.sql, id, c.var.user, c.req.valid('json').reason);
    await recheckLinkedRegistries(c.var.sql, { registryId: id, event: 'withdrawn' }, c.var.user.id);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  })
  .post('/:id{[0-9]+}/rows/decide', requireRole('admin', 'reviewer'), zValidator('json', rowDecision, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    const changed = await decideRows(c.var.sql, id, c.var.user, c.req.valid('json'));
    return c.json({ changed, card: await registryCard(c.var.sql, id, c.var.user) } satisfies DecisionOutcome);
  })
  .post('/:id{[0-9]+}/rows/agree-clean', requireRole('admin', 'reviewer'), zValidator('json', optionalReason, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    const changed = await agreeClean(c.var.sql, id, c.var.user, c.req.valid('json').reason);
    return c.json({ changed, card: await registryCard(c.var.sql, id, c.var.user) } satisfies DecisionOutcome);
  })
  .post('/:id{[0-9]+}/complete', requireRole('admin', 'reviewer'), zValidator('json', completion, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    const body = c.req.valid('json');
    await complete(c.var.sql, id, c.var.user, body.status, body.reason);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  })
  .post('/:id{[0-9]+}/recheck', requireRole('admin', 'reviewer', 'analyst'), async (c) => {
    const id = Number(c.req.param('id'));
    await recheck(c.var.sql, id, c.var.user);
    return c.json(await registryCard(c.var.sql, id, c.var.user));
  });
