import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { dashboard } from '../analytics/dashboard.ts';
import { drillRegistries } from '../analytics/drill.ts';
import { sliceWorkbook } from '../analytics/export-xlsx.ts';
import { cleanFilter, drillQuery, filterQuery, tableQuery } from '../analytics/filter.ts';
import { filterOptions } from '../analytics/options.ts';
import { readAnalytics } from '../analytics/read.ts';
import { rsoAnalytics } from '../analytics/rso.ts';
import { sliceTable } from '../analytics/table.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';

/** Who reads analytics: everyone who decides and documents (the whole staff of the workspace). */
const READERS = ['manager', 'admin', 'analyst', 'reviewer'] as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const analyticsRoutes = new Hono<AppEnv>()
  .get('/options', requireRole(...READERS), async (c) => c.json(await readAnalytics(c.var.sql, filterOptions)))
  .get('/dashboard', requireRole(...READERS), zValidator('query', filterQuery, validationHook), async (c) => {
    const filter = cleanFilter(c.req.valid('query'));
    return c.json(await readAnalytics(c.var.sql, (tx) => dashboard(tx, filter)));
  })
  .get('/registries', requireRole(...READERS), zValidator('query', drillQuery, validationHook), async (c) => {
    const { status, executor, deadline, rule, ...filter } = c.req.valid('query');
    return c.json(await readAnalytics(c.var.sql, (tx) => drillRegistries(tx, cleanFilter(filter), { status, executor, deadline, rule })));
  })
  .get('/table', requireRole(...READERS), zValidator('query', tableQuery, validationHook), async (c) => {
    const { group, ...filter } = c.req.valid('query');
    return c.json(await readAnalytics(c.var.sql, (tx) => sliceTable(tx, cleanFilter(filter), group)));
  })
  .get('/export.xlsx', requireRole(...READERS), zValidator('query', tableQuery, validationHook), async (c) => {
    const { group, ...raw } = c.req.valid('query');
    const filter = cleanFilter(raw);
    const { table, org } = await readAnalytics(c.var.sql, async (tx) => {
      const table = await sliceTable(tx, filter, group);
      const [org] = filter.rso ? await tx<{ name: string }[]>`select rso_name as name from registries where rso_inn = ${filter.rso} order by period desc limit 1` : [];
      return { table, org };
    });
    const now = new Date();
    const bytes = await sliceWorkbook(table, filter, org?.name ?? null, now);
    const name = `analitika-${now.toISOString().slice(0, 10)}.xlsx`;
    return c.body(bytes.buffer as ArrayBuffer, 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`аналитика-${now.toISOString().slice(0, 10)}.xlsx`)}`,
    });
  })
  .get('/rso/:inn', requireRole(...READERS), zValidator('query', filterQuery, validationHook), async (c) => {
    const inn = c.req.param('inn');
    if (!/^(\d{10}|\d{12})$/.test(inn)) throw new ApiError(400, 'invalid_inn', `ИНН «${inn}» должен состоять из 10 или 12 цифр`);
    const filter = cleanFilter(c.req.valid('query'));
    const result = await readAnalytics(c.var.sql, (tx) => rsoAnalytics(tx, inn, filter));
    if (!result) throw new ApiError(404, 'unknown_rso', `Реестров РСО с ИНН ${inn} нет`);
    return c.json(result);
  });
