import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { parseScaled } from '../../formulas/parse/decimal.ts';
import { summarise } from '../standards/versions.ts';
import { HOUSE_CHECKS } from '../../formulas/standards/house-checks.ts';
import { forecastStandardSet } from '../../formulas/standards/forecast.ts';
import { diffStandardSets } from '../../formulas/standards/diff.ts';
import { buildStandardSheet } from '../../formulas/standards/sheet.ts';
import { normalizeName } from '../../formulas/table/normalize.ts';
import {
  HOUSE_SORTS,
  type DiffPage,
  type ForecastPage,
  type GroupDetail,
  type GroupEditsPage,
  type GroupsPage,
  type RegistryHousesPage,
  type MoRateRow,
  type MoRatesPage,
  type SetGroupsPage,
  type StandardSetList,
  type TemplateVersions,
} from '../contract/standards.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { applyMoRates, publishSet, saveTemplate, type CommandOutcome, type RateField } from '../standards/commands.ts';
import { currentTemplate, listTemplates } from '../standards/templates.ts';
import { listGroupEdits, saveGroupChanges } from '../standards/group-edits.ts';
import { houseCard, houseRegistryPage } from '../standards/house-registry.ts';
import { byTemplate, loadStandardsInput, params, regionState } from '../standards/region-state.ts';
import { diffVersions, listSets, setGroups, setInfo } from '../standards/versions.ts';

const amount = z.union([z.number(), z.string().max(40)]);
const page = { offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(2000).default(200) };

const houseQuery = z.object({
  ...page,
  sort: z.enum(HOUSE_SORTS).default('address'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  district: z.string().trim().max(200).optional(),
  settlement: z.string().trim().max(200).optional(),
  street: z.string().trim().max(200).optional(),
  service: z.string().trim().max(20).optional(),
  tariff: z.string().trim().max(40).optional(),
  norm: z.string().trim().max(40).optional(),
  error: z.enum([...HOUSE_CHECKS, 'any']).optional(),
});

const groupQuery = z.object({ ...page, district: z.string().trim().max(200).optional(), settlement: z.string().trim().max(200).optional(), with_reason: z.enum(['1']).optional() });

const applyBody = z.object({
  municipal_district: z.string().trim().min(1).max(200),
  settlement: z.string().trim().min(1).max(200).optional(),
  house_type: z.enum(['МКД', 'ЖД']).optional(),
  maintenance: amount.optional(),
  capital_repair: amount.optional(),
  rent: amount.optional(),
  /** основание; checked by the command (422 when empty) */
  reason: z.string().trim().max(500).optional(),
});

const templateBody = z.object({
  description: z.string().max(2000).default(''),
  housing: z.object({ tenant: z.string().max(2000), owner: z.string().max(2000), owner_no_kr: z.string().max(2000) }),
  heating: z.string().max(4000),
  non_heating: z.string().max(4000),
  comment: z.string().trim().max(500).optional(),
});

const groupChangesBody = z.object({
  changes: z.array(z.object({ service: z.string().trim().min(1).max(20), tariff: amount.optional(), norm: amount.optional() })).min(1).max(50),
  comment: z.string().trim().max(500).optional(),
});

const publishBody = z.object({
  effective_from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.string().trim().min(1).max(200),
});

const version = z.union([z.literal('current'), z.coerce.number().int().positive()]);
const diffQuery = z.object({ ...page, from: version, to: version.default('current'), all: z.enum(['1']).optional() });
const forecastBody = z.object({ factors: z.record(z.string().max(20), amount).optional(), ...{ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(2000).default(200) } });

function outcome<T>(o: CommandOutcome<T>): T {
  if (!o.ok) throw new ApiError(o.status, o.status === 404 ? 'not_found' : o.status === 409 ? 'conflict' : 'invalid', o.message, o.problems?.map((message) => ({ file: 'шаблон', message })));
  return o.value;
}

function exact(v: string | number, scale: number, what: string): number {
  const r = parseScaled(v, scale);
  if (!r.ok) throw new ApiError(400, 'invalid_request', `${what}: ${r.message}`);
  if (r.value < 0) throw new ApiError(400, 'invalid_request', `${what}: не может быть отрицательным`);
  return r.value;
}

const RATE_TITLES: Record<RateField, string> = { maintenance: 'Содержание и ремонт', capital_repair: 'Взнос на капремонт', rent: 'Плата за наём' };

/**
 * The regional standards workspace: house registry with ГИС ЖКХ checks, groups and their standards, МО rates,
 * the formula template, published versions, their differences and a forecast. Money is kopecks; tariffs and
 * norms in group keys are integers of 10^-4 (in house rows, decimal text).
 */
export const standardsRoutes = new Hono<AppEnv>()
  .get('/houses', requireRole(...ANY_ROLE), zValidator('query', houseQuery, validationHook), async (c) => {
    const q = c.req.valid('query');
    const state = await regionState(c.var.sql);
    const r = houseRegistryPage(state, q, q.sort, q.dir, q.offset, q.limit);
    if (!r.ok) throw new ApiError(400, 'invalid_request', r.message);
    return c.json({ rows: r.rows, total: r.total } satisfies RegistryHousesPage);
  })
  .get('/houses/:fias', requireRole(...ANY_ROLE), async (c) => {
    const card = houseCard(await regionState(c.var.sql), c.req.param('fias').toLowerCase());
    if (!card) throw new ApiError(404, 'not_found', 'Дом не найден в реестре');
    return c.json(card);
  })
  .get('/groups', requireRole(...ANY_ROLE), zValidator('query', groupQuery, validationHook), async (c) => {
    const q = c.req.valid('query');
    const state = await regionState(c.var.sql);
    const d = q.district ? normalizeName(q.district) : null;
    const s = q.settlement ? normalizeName(q.settlement) : null;
    const all = state.set.groups.filter((g) => (!d || normalizeName(g.key.municipal_district).includes(d)) && (!s || normalizeName(g.key.settlement).includes(s)) && (!q.with_reason || g.reason !== null));
    return c.json({ rows: all.slice(q.offset, q.offset + q.limit), total: all.length, houses: state.houses.length, groups: state.set.groups.length } satisfies GroupsPage);
  })
  .get('/groups/:id', requireRole(...ANY_ROLE), async (c) => {
    const state = await regionState(c.var.sql);
    const group = state.groups.get(c.req.param('id'));
    if (!group) throw new ApiError(404, 'not_found', 'Нет такой группы');
    // the sheet the workspace shows in Handsontable and evaluates with HyperFormula, by the template the
    // group's standards were computed with
    const template = state.template;
    const sheet = group.rates ? buildStandardSheet({ rates: group.rates, services: group.key.services }, params, template.template) : null;
    return c.json({ group, sheet, template_version: template.version } satisfies GroupDetail);
  })
  // the sheet's edited tariffs and norms saved for every house of the group (audited); the houses regroup
  .post('/groups/:id/services', requireRole('analyst', 'admin'), zValidator('json', groupChangesBody, validationHook), async (c) => {
    const b = c.req.valid('json');
    const changes = b.changes.map((x) => ({
      service: x.service,
      tariff: x.tariff === undefined ? undefined : exact(x.tariff, 4, `${x.service}: тариф`),
      norm: x.norm === undefined ? undefined : exact(x.norm, 4, `${x.service}: норматив`),
    }));
    return c.json(outcome(await saveGroupChanges(c.var.sql, c.req.param('id'), changes, b.comment ?? null, c.var.user.id)));
  })
  .get('/edits', requireRole(...ANY_ROLE), zValidator('query', z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }), validationHook), async (c) =>
    c.json({ rows: await listGroupEdits(c.var.sql, c.req.valid('query').limit) } satisfies GroupEditsPage))
  .get('/mo-rates', requireRole(...ANY_ROLE), async (c) => {
    const rows = await c.var.sql<MoRateRow[]>`
      select id, municipal_district, settlement, house_type, maintenance::text as maintenance, capital_repair::text as capital_repair, rent::text as rent,
             to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at
      from mo_rates order by municipal_district, settlement <> 'все', settlement, house_type`;
    return c.json({ rows: [...rows] } satisfies MoRatesPage);
  })
  .post('/mo-rates/apply', requireRole('analyst', 'admin'), zValidator('json', applyBody, validationHook), async (c) => {
    const b = c.req.valid('json');
    const values: Partial<Record<RateField, number>> = {};
    for (const f of ['maintenance', 'capital_repair', 'rent'] as const) {
      const v = b[f];
      if (v !== undefined) values[f] = exact(v, 2, RATE_TITLES[f]);
    }
    return c.json(outcome(await applyMoRates(c.var.sql, { municipal_district: b.municipal_district, settlement: b.settlement, house_type: b.house_type, values, reason: b.reason ?? '' }, c.var.user.id)));
  })
  .get('/template', requireRole(...ANY_ROLE), async (c) => c.json(await currentTemplate(c.var.sql)))
  .get('/template/versions', requireRole(...ANY_ROLE), async (c) => c.json({ versions: await listTemplates(c.var.sql) } satisfies TemplateVersions))
  .post('/template', requireRole('analyst'), zValidator('json', templateBody, validationHook), async (c) => {
    const { comment, ...t } = c.req.valid('json');
    return c.json(outcome(await saveTemplate(c.var.sql, t, comment ?? null, c.var.user.id)));
  })
  .get('/versions', requireRole(...ANY_ROLE), async (c) => c.json({ versions: await listSets(c.var.sql) } satisfies StandardSetList))
  .post('/versions', requireRole('analyst', 'admin'), zValidator('json', publishBody, validationHook), async (c) => {
    const b = c.req.valid('json');
    if (Number.isNaN(Date.parse(b.effective_from))) throw new ApiError(400, 'invalid_request', 'Дата вступления в силу: нет такой даты');
    return c.json(outcome(await publishSet(c.var.sql, b, c.var.user.id)));
  })
  .get('/versions/:id/groups', requireRole(...ANY_ROLE), zValidator('query', z.object(page), validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    const info = Number.isInteger(id) ? await setInfo(c.var.sql, id) : null;
    if (!info) throw new ApiError(404, 'not_found', 'Нет такой версии стандартов');
    const q = c.req.valid('query');
    const groups = await setGroups(c.var.sql, id);
    return c.json({ version: info, rows: groups.slice(q.offset, q.offset + q.limit), total: groups.length } satisfies SetGroupsPage);
  })
  .get('/diff', requireRole(...ANY_ROLE), zValidator('query', diffQuery, validationHook), async (c) => {
    const q = c.req.valid('query');
    const diff = await diffVersions(c.var.sql, q.from, q.to);
    if (!diff) throw new ApiError(404, 'not_found', 'Нет такой версии стандартов');
    const shown = q.all ? diff : diff.filter((d) => d.status !== 'same');
    return c.json({ summary: summarise(diff), rows: shown.slice(q.offset, q.offset + q.limit), total: shown.length } satisfies DiffPage);
  })
  .post('/forecast', requireRole(...ANY_ROLE), zValidator('json', forecastBody, validationHook), async (c) => {
    const b = c.req.valid('json');
    const factors = { ...params.indexation };
    for (const [service, f] of Object.entries(b.factors ?? {})) factors[service] = exact(f, 4, `Индекс ${service}`);
    const state = await regionState(c.var.sql);
    const input = await loadStandardsInput(c.var.sql);
    const next = byTemplate(forecastStandardSet(input, params, factors), state.template);
    const diff = diffStandardSets(state.set, next).filter((d) => d.status !== 'same');
    return c.json({ factors, template_version: state.template.version, summary: summarise(diff), rows: diff.slice(b.offset, b.offset + b.limit), total: diff.length } satisfies ForecastPage);
  });
