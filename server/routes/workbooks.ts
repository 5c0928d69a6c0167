import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SourceData, WorkbookDetail, WorkbookRun, WorkbookTemplateInfo } from '../contract/workbooks.ts';
import { WORKBOOK_EDITORS } from '../contract/workbooks.ts';
import { contentDisposition } from '../documents/content-disposition.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { readSources } from '../workbooks/sources.ts';
import { runWorkbook, workbookExport } from '../workbooks/run.ts';
import { createWorkbook, getWorkbook, listTiles, listWorkbooks, pinTile, saveWorkbook, unpinTile, workbookVersions } from '../workbooks/store.ts';
import { workbookTemplates } from '../../templates/index.ts';
import { readWorkbook } from '../../formulas/workbook/schema.ts';
import type { WorkbookDef } from '../../formulas/workbook/types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) });
const versionParam = idParam.extend({ v: z.coerce.number().int().positive().max(1e9) });
const tileParam = z.object({ tile: z.coerce.number().int().positive().max(2 ** 53 - 1) });
const createBody = z.union([
  z.object({ template: z.string().max(80) }).strict(),
  z.object({ definition: z.unknown() }).strict(),
]);
const saveBody = z.object({ definition: z.unknown(), comment: z.string().trim().max(1000).optional() }).strict();
const runBody = z.object({ definition: z.unknown() }).strict();
const sourceBody = z.object({ definition: z.unknown(), sheet: z.string().max(60) }).strict();
const pinBody = z.object({ sheet: z.string().max(60) }).strict();

/** A definition from a request, or 422 naming every problem in Russian. */
function definitionOf(json: unknown): WorkbookDef {
  const r = readWorkbook(json);
  if (!r.ok) throw new ApiError(422, 'invalid_workbook', r.message);
  return r.value;
}

const notFound = () => new ApiError(404, 'not_found', 'Нет такой рабочей книги');

/** Workbooks (`contract/workbooks.ts`): every role reads and runs them, analysts and admins create and save. */
export const workbookRoutes = new Hono<AppEnv>()
  .get('/', requireRole(...ANY_ROLE), async (c) => c.json(await listWorkbooks(c.var.sql)))
  .get('/templates', requireRole(...ANY_ROLE), (c) =>
    c.json(Object.entries(workbookTemplates).map(([id, w]) => ({ id, title: w.title, description: w.description ?? '' }) satisfies WorkbookTemplateInfo)),
  )
  .get('/tiles', requireRole(...ANY_ROLE), async (c) => c.json(await listTiles(c.var.sql)))
  .post('/tiles/:tile{[0-9]+}/unpin', requireRole(...WORKBOOK_EDITORS), zValidator('param', tileParam, validationHook), async (c) => {
    if (!(await unpinTile(c.var.sql, c.req.valid('param').tile, c.var.user.id))) throw new ApiError(404, 'not_found', 'Нет такой плитки');
    return c.json({ ok: true });
  })
  .post('/', requireRole(...WORKBOOK_EDITORS), zValidator('json', createBody, validationHook), async (c) => {
    const body = c.req.valid('json');
    const actor = { id: c.var.user.id, role: c.var.user.role };
    if ('template' in body) {
      const t = workbookTemplates[body.template];
      if (!t) throw new ApiError(404, 'not_found', `Нет такой готовой книги: ${body.template}`);
      return c.json((await createWorkbook(c.var.sql, t, actor, body.template)) satisfies WorkbookDetail);
    }
    return c.json((await createWorkbook(c.var.sql, definitionOf(body.definition), actor)) satisfies WorkbookDetail);
  })
  .post('/run', requireRole(...ANY_ROLE), zValidator('json', runBody, validationHook), async (c) =>
    c.json((await runWorkbook(c.var.sql, definitionOf(c.req.valid('json').definition), c.var.user.role, { limit: 1000 })) satisfies WorkbookRun),
  )
  .post('/source', requireRole(...ANY_ROLE), zValidator('json', sourceBody, validationHook), async (c) => {
    const { definition, sheet } = c.req.valid('json');
    const def = definitionOf(definition);
    const s = def.sheets.find((x) => x.id === sheet);
    if (!s) throw new ApiError(404, 'not_found', `В книге нет листа «${sheet}»`);
    if (s.source.kind === 'sheet') throw new ApiError(422, 'sheet_source', 'Лист читает другой лист: его данные — результат того листа');
    const loaded = await readSources(c.var.sql, { ...def, sheets: [s] }, c.var.user.role);
    const one = loaded.get(s.id);
    if (!one) throw new Error('source not loaded');
    return c.json({ data: one.data, ...(one.refused ? { refused: one.refused } : {}) } satisfies SourceData);
  })
  .get('/:id{[0-9]+}', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const w = await getWorkbook(c.var.sql, c.req.valid('param').id, c.var.user.role);
    if (!w) throw notFound();
    return c.json(w satisfies WorkbookDetail);
  })
  .get('/:id{[0-9]+}/versions', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => c.json(await workbookVersions(c.var.sql, c.req.valid('param').id)))
  .get('/:id{[0-9]+}/versions/:v{[0-9]+}', requireRole(...ANY_ROLE), zValidator('param', versionParam, validationHook), async (c) => {
    const { id, v } = c.req.valid('param');
    const w = await getWorkbook(c.var.sql, id, c.var.user.role, v);
    if (!w) throw notFound();
    return c.json(w satisfies WorkbookDetail);
  })
  .post('/:id{[0-9]+}/versions', requireRole(...WORKBOOK_EDITORS), zValidator('param', idParam, validationHook), zValidator('json', saveBody, validationHook), async (c) => {
    const { definition, comment } = c.req.valid('json');
    const w = await saveWorkbook(c.var.sql, c.req.valid('param').id, definitionOf(definition), { id: c.var.user.id, role: c.var.user.role }, comment || null);
    if (!w) throw notFound();
    return c.json(w satisfies WorkbookDetail);
  })
  .get('/:id{[0-9]+}/run', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const w = await getWorkbook(c.var.sql, c.req.valid('param').id, c.var.user.role);
    if (!w) throw notFound();
    return c.json((await runWorkbook(c.var.sql, w.definition, c.var.user.role, { limit: 1000 })) satisfies WorkbookRun);
  })
  .get('/:id{[0-9]+}/export.xlsx', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const w = await getWorkbook(c.var.sql, c.req.valid('param').id, c.var.user.role);
    if (!w) throw notFound();
    const bytes = await workbookExport(c.var.sql, w.definition, c.var.user.role);
    return c.body(bytes.buffer as ArrayBuffer, 200, { 'content-type': XLSX, 'content-disposition': contentDisposition(`${w.title}.xlsx`), 'cache-control': 'private, no-store' });
  })
  .post('/:id{[0-9]+}/tiles', requireRole(...WORKBOOK_EDITORS), zValidator('param', idParam, validationHook), zValidator('json', pinBody, validationHook), async (c) => {
    const r = await pinTile(c.var.sql, c.req.valid('param').id, c.req.valid('json').sheet, c.var.user.id);
    if (typeof r === 'string') throw new ApiError(422, 'cannot_pin', r);
    return c.json(r);
  });
