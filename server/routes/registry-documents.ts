import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { contentDisposition } from '../documents/content-disposition.ts';
import { documentFile, generateDocument, listDocuments, XLSX_MIME } from '../documents/generate.ts';
import { registryListWorkbook } from '../documents/list-export.ts';
import { registryWorkbook } from '../documents/registry-export.ts';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { DOCUMENT_KINDS, type DocumentItem } from '../contract/registries.ts';
import { today } from '../registries/deadlines.ts';
import { registryListQuerySchema } from '../registries/list-filter.ts';

const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) });
const generateBody = z.object({ kind: z.enum(DOCUMENT_KINDS) });

/** A stored or built file as a download: its type, its length and an RFC 5987 UTF-8 name. */
export function download(content: Buffer, fileName: string, mimeType: string): Response {
  return new Response(new Uint8Array(content), {
    headers: {
      'content-type': mimeType,
      'content-length': String(content.length),
      'content-disposition': contentDisposition(fileName),
      'cache-control': 'private, no-store',
    },
  });
}

/**
 * The registry's documents and exports. Mounted at `/registries` before the registry routes, so
 * `/registries/export.xlsx` is not read as a registry id.
 */
export const registryDocumentRoutes = new Hono<AppEnv>()
  .get('/export.xlsx', requireRole(...ANY_ROLE), zValidator('query', registryListQuerySchema, validationHook), async (c) => {
    const on = today();
    const content = await registryListWorkbook(c.var.sql, c.req.valid('query'), on);
    return download(content, `Реестры ${on}.xlsx`, XLSX_MIME);
  })
  .get('/:id{[0-9]+}/export.xlsx', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const { fileName, content } = await registryWorkbook(c.var.sql, c.req.valid('param').id);
    return download(content, fileName, XLSX_MIME);
  })
  .get('/:id{[0-9]+}/documents', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) =>
    c.json(await listDocuments(c.var.sql, c.req.valid('param').id)))
  .post('/:id{[0-9]+}/documents', requireRole('admin', 'reviewer'), zValidator('param', idParam, validationHook), zValidator('json', generateBody, validationHook), async (c) => {
    const item = await generateDocument(c.var.sql, c.var.user, c.req.valid('param').id, c.req.valid('json').kind);
    return c.json(item satisfies DocumentItem, 201);
  });

/** A stored document, byte for byte as generated. */
export const documentFileRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/file', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const file = await documentFile(c.var.sql, c.req.valid('param').id);
    return download(file.content, file.fileName, file.mimeType);
  });
