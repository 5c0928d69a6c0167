import { zValidator } from '../http/validate.ts';
import { Hono, type TypedResponse } from 'hono';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import type { RegistryRowsPayload } from '../contract/registries.ts';
import { registryHistory, rowHistory } from '../registries/history.ts';
import { rowDetail, rowStates } from '../registries/rows.ts';
import { currentRowsPayload } from '../registries/rows-payload.ts';

/** `?run=<checkRunId>`: the run the browser expects; when it is the current one the answer may be kept for good. */
const rowsQuery = z.object({ run: z.string().regex(/^[0-9]{1,15}$/).optional() });

/** Whether the request's Accept-Encoding takes gzip (q=0 refuses it). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The review page's data: the rows (immutable per check run), their decisions, one row in detail, and history. */
export const registryRowRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/rows', requireRole(...ANY_ROLE), zValidator('query', rowsQuery, validationHook), async (c) => {
    const id = Number(c.req.param('id'));
    const asked = c.req.valid('query').run;
    // stored compressed with its check run (built once): sent as it is kept, the compression middleware leaves
    // a response with a Content-Encoding alone
    const { checkRunId, gzipped } = await currentRowsPayload(c.var.sql, id);
    const etag = `"rows-${id}-${checkRunId}"`;
    // the rows of a check run never change: a browser that names the run may keep them for good
    const headers: Record<string, string> = {
      'Cache-Control': asked === String(checkRunId) ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      ETag: etag,
      Vary: 'Accept-Encoding',
    };
    const typed = (r: Response) => r as Response & TypedResponse<RegistryRowsPayload, 200, 'json'>;
    if ((c.req.header('If-None-Match') ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return typed(c.body(null, 304, headers));
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return typed(c.body(new Uint8Array(gunzipSync(gzipped)), 200, { ...headers, 'Content-Type': 'application/json' }));
    return typed(c.body(new Uint8Array(gzipped), 200, { ...headers, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }));
  })
  .get('/:id{[0-9]+}/row-states', requireRole(...ANY_ROLE), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await rowStates(c.var.sql, Number(c.req.param('id'))));
  })
  .get('/:id{[0-9]+}/rows/:rowNo{[0-9]+}', requireRole(...ANY_ROLE), async (c) => c.json(await rowDetail(c.var.sql, Number(c.req.param('id')), Number(c.req.param('rowNo')))))
  .get('/:id{[0-9]+}/history', requireRole(...ANY_ROLE), async (c) => c.json(await registryHistory(c.var.sql, Number(c.req.param('id')))))
  .get('/:id{[0-9]+}/rows/:rowNo{[0-9]+}/history', requireRole(...ANY_ROLE), async (c) => c.json(await rowHistory(c.var.sql, Number(c.req.param('id')), Number(c.req.param('rowNo')))));
