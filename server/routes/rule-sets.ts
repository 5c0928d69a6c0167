import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { currentRuleSet, listRuleSets, ruleSetProblems, saveRuleSet } from '../checks/rule-sets.ts';

/** A rule set body as templates/rules/*.json holds it; its version is assigned on save. Also `sverka check --rules`. */
export const ruleSetBody = z.object({
  id: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,62}$/),
  version: z.number().int().optional(),
  title: z.string().trim().min(1).max(300),
  params: z.object({
    tariff_tolerance_rub: z.string().max(20),
    sum_tolerance_rub: z.string().max(20),
    jump_threshold: z.string().max(20),
    history_months: z.number().int(),
    min_history_months: z.number().int(),
    min_commissioning_year: z.number().int().min(1000).max(2100),
    linked_tolerance: z.string().max(20).optional(),
  }),
  custom: z.array(z.object({
    id: z.string().trim().max(63),
    title: z.string().trim().max(300),
    severity: z.enum(['error', 'warning']),
    formula: z.string().max(2000),
    message: z.string().max(1000),
  })).max(100),
});

export const ruleSetRoutes = new Hono<AppEnv>()
  .get('/current', requireRole(...ANY_ROLE), async (c) => c.json(await currentRuleSet(c.var.sql)))
  .get('/', requireRole(...ANY_ROLE), async (c) => c.json(await listRuleSets(c.var.sql)))
  .post('/', requireRole('admin', 'analyst'), zValidator('json', ruleSetBody, validationHook), async (c) => {
    const body = { ...c.req.valid('json'), version: 0 };
    const problems = ruleSetProblems(body);
    if (problems.length > 0) throw new ApiError(422, 'invalid_rule_set', `Набор правил не сохранён: ошибок ${problems.length}`, problems);
    return c.json(await saveRuleSet(c.var.sql, body, c.var.user.id));
  });
