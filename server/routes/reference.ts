import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { REFERENCE_KINDS, type ReferenceKind } from '../../formulas/reference/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { importReference } from '../reference/import-reference.ts';
import { referenceSnapshot, referenceVersion } from '../reference/snapshot.ts';

/** A 200,000-house CSV is ~40 MB; xlsx is smaller. */
const MAX_UPLOAD = 100 * 1024 * 1024;

/** The upload form: one file, as the import panel and `curl -F file=@…` send it. */
const uploadForm = z.object({ file: z.instanceof(File) });

const isKind = (k: string): k is ReferenceKind => (REFERENCE_KINDS as readonly string[]).includes(k);

export interface ImportBatch {
  id: number;
  kind: ReferenceKind;
  file_name: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  actor: string | null;
  imported_at: string;
}

export const referenceRoutes = new Hono<AppEnv>()
  .get('/summary', requireRole(...ANY_ROLE), async (c) => {
    const sql = c.var.sql;
    const [counts] = await sql<{ houses: number; tariffs: number; organisations: number; municipalities: number }[]>`
      select (select count(*) from houses)::int as houses, (select count(*) from tariff_decisions)::int as tariffs,
             (select count(*) from organisations)::int as organisations, (select count(*) from municipalities)::int as municipalities`;
    const batches = await sql<ImportBatch[]>`
      select b.id::int as id, b.kind, b.file_name, b.rows, b.inserted, b.updated, b.unchanged, u.full_name as actor,
             to_char(b.imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as imported_at
      from import_batches b left join users u on u.id = b.actor_id order by b.id desc limit 50`;
    return c.json({ counts: counts ?? { houses: 0, tariffs: 0, organisations: 0, municipalities: 0 }, batches: [...batches] });
  })
  .get('/version', requireRole(...ANY_ROLE), async (c) => c.json({ version: await referenceVersion(c.var.sql) }))
  // the whole reference for the browser's check worker, cached there by version (~5 MB gzipped at 200,000 houses)
  .get('/snapshot', requireRole(...ANY_ROLE), async (c) => c.json(await referenceSnapshot(c.var.sql)))
  .post('/import/:kind', requireRole('admin', 'analyst'), bodyLimit({ maxSize: MAX_UPLOAD, onError: () => {
    throw new ApiError(413, 'too_large', `Файл больше ${MAX_UPLOAD / 1024 / 1024} МБ`);
  } }), zValidator('form', uploadForm, (result) => {
    if (!result.success) throw new ApiError(400, 'no_file', 'Выберите файл для загрузки');
  }), async (c) => {
    const kind = c.req.param('kind');
    if (!isKind(kind)) throw new ApiError(404, 'unknown_kind', `Неизвестный справочник «${kind}»`);
    const { file } = c.req.valid('form');
    const outcome = await importReference(c.var.sql, {
      kind,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      actorId: c.var.user.id,
    });
    if (!outcome.ok) {
      throw new ApiError(422, 'invalid_file', `Файл «${outcome.fileName}» не загружен: ошибок ${outcome.problems.length}. Ничего не изменено.`, outcome.problems);
    }
    return c.json(outcome);
  });
