import { normalizeName } from '../../formulas/table/normalize.ts';
import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { computeSubsidy } from '../../formulas/standards/subsidy.ts';
import { readSubsidyInput } from '../../formulas/standards/subsidy-input.ts';
import { CATEGORIES, type Category, type FamilySize, type Standards } from '../../formulas/standards/types.ts';
import type { CalculatorHouse, CalculatorHouses, CalculatorParams, SubsidyAnswer } from '../contract/calculator.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { validationHook } from '../http/validation.ts';
import type { Sql } from '../db/database.ts';
import { searchAddresses } from '../reference/address-search.ts';
import { params, regionState } from '../standards/region-state.ts';
import { setInForce } from '../standards/versions.ts';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Standards of houses from the set in force today, or from the current computation when none is published. */
async function standardsOf(sql: Sql, fias: string[]): Promise<Map<string, { standards: Standards | null; reason: string | null; source: CalculatorHouse['source'] }>> {
  const out = new Map<string, { standards: Standards | null; reason: string | null; source: CalculatorHouse['source'] }>();
  const set = await setInForce(sql, today());
  if (set) {
    const rows = await sql<{ fias_id: string; standards: Standards | null; reason: string | null }[]>`
      select h.fias_id::text as fias_id, g.standards, g.reason from standard_set_houses h
      join standard_set_groups g on g.set_id = h.set_id and g.group_id = h.group_id
      where h.set_id = ${set.id} and h.fias_id = any(${fias}::uuid[])`;
    for (const r of rows) out.set(r.fias_id, { standards: r.standards, reason: r.reason, source: { id: set.id, title: set.title, effective_from: set.effective_from } });
    for (const f of fias) if (!out.has(f)) out.set(f, { standards: null, reason: `Дома нет в опубликованных стандартах «${set.title}»`, source: null });
    return out;
  }
  const state = await regionState(sql);
  for (const f of fias) {
    const g = state.groups.get(state.set.houses.get(f) ?? '');
    out.set(f, { standards: g?.standards ?? null, reason: g ? g.reason : 'Для дома не рассчитан стандарт', source: null });
  }
  return out;
}

const searchQuery = z.object({ q: z.string().trim().min(3).max(200) });
const amount = z.union([z.number(), z.string().max(40)]);
const subsidyBody = z.object({
  fias_id: z.string().uuid().optional(),
  members: z.union([z.array(z.union([z.string().max(40), z.object({ group: z.string().max(40) })])).max(50), z.record(z.string().max(40), z.union([z.number(), z.string().max(3)]))]),
  income_6m: amount,
  category: z.enum(CATEGORIES),
  standard_per_member: z.object({ heating: amount, non_heating: amount }).optional(),
  payment: z.object({ heating: amount, non_heating: amount }),
  // region parameters the request may override (DOMAIN.md): read and checked, with Russian messages by field,
  // by readSubsidyInput, as for `sverka subsidy`
  mdd: z.unknown().optional(),
  subsistence_minimum: z.unknown().optional(),
});

/**
 * The citizens' calculator: public, no sign-in (and no rate limit, by decision). Find a house by address
 * and its standards per member; compute the household subsidy with its steps. Money is kopecks.
 */
export const calculatorRoutes = new Hono<AppEnv>()
  .get('/houses', zValidator('query', searchQuery, validationHook), async (c) => {
    const sql = c.var.sql;
    // nearest by trigram, best first: a typo or a missing word still finds the house (issue 18)
    const rows = (await searchAddresses(sql, c.req.valid('query').q, 60)).map(({ similarity: _s, ...r }) => r);
    const standards = await standardsOf(sql, rows.map((r) => r.fias_id));
    // one suggestion per house: a building entered twice (two ФИАС codes, one address) is offered once, by the
    // entry that has a standard
    const byAddress = new Map<string, CalculatorHouse>();
    for (const r of rows) {
      const house: CalculatorHouse = { ...r, ...(standards.get(r.fias_id) ?? { standards: null, reason: null, source: null }) };
      const key = normalizeName(r.address);
      const seen = byAddress.get(key);
      if (!seen || (!seen.standards && house.standards)) byAddress.set(key, house);
    }
    const houses = [...byAddress.values()].slice(0, 20);
    return c.json({ houses } satisfies CalculatorHouses);
  })
  .get('/params', (c) => c.json({ mdd: params.mdd, subsistence_minimum: params.subsistenceMinimum, normative_area: params.normativeArea } satisfies CalculatorParams))
  .post('/subsidy', zValidator('json', subsidyBody, validationHook), async (c) => {
    const body = c.req.valid('json');
    let standard = body.standard_per_member;
    let source: CalculatorHouse['source'] = null;
    if (body.fias_id) {
      const fias = body.fias_id.toLowerCase();
      const found = (await standardsOf(c.var.sql, [fias])).get(fias);
      if (!found?.standards) throw new ApiError(422, 'no_standard', found?.reason ?? 'Для дома не рассчитан стандарт');
      const n = Array.isArray(body.members) ? body.members.length : Object.values(body.members).reduce<number>((s, v) => s + Number(v), 0);
      const size: FamilySize = n >= 3 ? '3' : n === 2 ? '2' : '1';
      const own = found.standards[body.category as Category][size];
      standard = { heating: own.heating / 100, non_heating: own.non_heating / 100 };
      source = found.source;
    }
    if (!standard) throw new ApiError(400, 'invalid_request', 'Укажите дом (fias_id) или стандарт на члена семьи (standard_per_member)');
    const read = readSubsidyInput({ ...body, standard_per_member: standard }, params);
    if (!read.ok) throw new ApiError(400, 'invalid_request', `Некорректные данные: ${read.problems.join('; ')}`);
    // the МДД (× 10⁴) and ПМ (kopecks) the computation used: the region's unless the request gave its own
    return c.json({ ...computeSubsidy(read.value), standard_per_member: read.value.standardPerMember, mdd: read.value.mdd, subsistence_minimum: read.value.subsistenceMinimum, source } satisfies SubsidyAnswer);
  });
