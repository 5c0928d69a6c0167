import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { REFERENCE_KINDS, type ReferenceKind } from '../../formulas/reference/types.ts';
import type { ChangeReportPage, ImportBatch, ImportResult, ImportsInProgress, ReferenceSummary, ReferenceVersion } from '../contract/reference.ts';
import { UPLOAD_LIMITS, uploadBody } from '../http/body-limits.ts';
import { refuseControlCharacters } from '../http/clean-input.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { XLSX_MIME } from '../documents/generate.ts';
import { validationHook } from '../http/validation.ts';
import { changeReportPage, changeReportWorkbook } from '../documents/change-report.ts';
import { importReference, importsInProgress } from '../reference/import-reference.ts';
import { referenceSnapshot, referenceVersion } from '../reference/snapshot.ts';
import { download } from './registry-documents.ts';

/** The upload form: one file, as the import panel and `curl -F file=@…` send it. */
const uploadForm = z.object({ file: z.instanceof(File) });

const isKind = (k: string): k is ReferenceKind => (REFERENCE_KINDS as readonly string[]).includes(k);

const changeFilter = z.object({
  district: z.string().trim().max(200).optional(),
  field: z.string().regex(/^(houses|gis_houses)\.[a-z_]{1,40}$/).optional(),
  group: z.enum(['1']).optional(),
});
const changeQuery = changeFilter.extend({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) });
const batchParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) });
const filterOf = (q: z.infer<typeof changeFilter>) => ({ district: q.district, field: q.field, groupChanged: q.group === '1' });

export const referenceRoutes = new Hono<AppEnv>()
  .get('/summary', requireRole(...ANY_ROLE), async (c) => {
    const sql = c.var.sql;
    const [counts] = await sql<{ houses: number; tariffs: number; organisations: number; municipalities: number }[]>`
      select (select count(*) from houses)::int as houses, (select count(*) from tariff_decisions)::int as tariffs,
             (select count(*) from organisations)::int as organisations, (select count(*) from municipalities)::int as municipalities`;
    const batches = await sql<ImportBatch[]>`
      select b.id::int as id, b.kind, b.file_name, b.rows, b.inserted, b.updated, b.unchanged, b.removed, u.full_name as actor,
             to_char(b.imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as imported_at, c.summary as changes
      from import_batches b left join users u on u.id = b.actor_id left join house_data_changes c on c.batch_id = b.id
      order by b.id desc limit 50`;
    return c.json({ counts: counts ?? { houses: 0, tariffs: 0, organisations: 0, municipalities: 0 }, batches: [...batches] } satisfies ReferenceSummary);
  })
  // «Изменения характеристик домов» of a houses or gis_houses import: one page under the filters, or all as .xlsx
  .get('/changes/:id', requireRole(...ANY_ROLE), zValidator('param', batchParam, validationHook), zValidator('query', changeQuery, validationHook), async (c) => {
    const q = c.req.valid('query');
    return c.json((await changeReportPage(c.var.sql, c.req.valid('param').id, filterOf(q), q.offset, q.limit)) satisfies ChangeReportPage);
  })
  .get('/changes/:id/export.xlsx', requireRole(...ANY_ROLE), zValidator('param', batchParam, validationHook), zValidator('query', changeFilter, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    return download(await changeReportWorkbook(c.var.sql, id, filterOf(c.req.valid('query'))), `Изменения домов ${id}.xlsx`, XLSX_MIME);
  })
  .get('/version', requireRole(...ANY_ROLE), async (c) => c.json({ version: await referenceVersion(c.var.sql) } satisfies ReferenceVersion))
  // the whole reference for the browser's check worker, cached there by version (~5 MB gzipped at 200,000 houses)
  .get('/snapshot', requireRole(...ANY_ROLE), async (c) => c.json(await referenceSnapshot(c.var.sql)))
  // how far the running imports are (rows read, checked, written; or waiting their turn): the page polls it
  .get('/imports', requireRole('admin', 'analyst'), (c) => c.json(importsInProgress() satisfies ImportsInProgress))
  .post('/import/:kind', requireRole('admin', 'analyst'), uploadBody(UPLOAD_LIMITS.reference), zValidator('form', uploadForm, (result) => {
    if (!result.success) throw new ApiError(400, 'no_file', 'Выберите файл для загрузки');
  }), async (c) => {
    const kind = c.req.param('kind');
    if (!isKind(kind)) throw new ApiError(404, 'unknown_kind', `Неизвестный справочник «${kind}»`);
    const { file } = c.req.valid('form');
    refuseControlCharacters({ 'имя файла': file.name });
    const outcome = await importReference(c.var.sql, {
      kind,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      actorId: c.var.user.id,
    });
    if (!outcome.ok) {
      throw new ApiError(422, 'invalid_file', `Файл «${outcome.fileName}» не загружен: ошибок ${outcome.problems.length}. Ничего не изменено.`, outcome.problems);
    }
    return c.json(outcome satisfies ImportResult);
  });
