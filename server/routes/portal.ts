import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SessionUser } from '../contract/auth.ts';
import type { CorrectionMarks, PortalDocument, PortalSubmission } from '../contract/portal.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.ts';
import { documentFile } from '../documents/generate.ts';
import { asApiError } from './user-errors.ts';
import { registryTemplate } from '../documents/registry-template.ts';
import { UPLOAD_LIMITS, uploadBody } from '../http/body-limits.ts';
import { refuseControlCharacters } from '../http/clean-input.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import { IntakeError, registerRegistry } from '../registries/intake.ts';
import { publishMessage } from '../registries/portal-live.ts';
import { messageStream } from './portal-stream.ts';
import { assertOwnRegistry, correctionMarks, markEventsSeen, portalEvents, portalRegistries, portalRegistry, portalRegistryDetail, postMessage, registryMessages, serverCheckCounts } from '../registries/portal.ts';
import { download } from './registry-documents.ts';
import { referenceSnapshot, referenceVersion } from '../reference/snapshot.ts';
import type { ReferenceVersion } from '../contract/reference.ts';

const templateQuery = z.object({ service: z.string().trim().min(1).max(100), period: z.string().regex(/^\d{4}-\d{2}$/) });
const idParam = z.object({ id: z.coerce.number().int().positive() });
const submissionForm = z.object({
  file: z.instanceof(File),
  letterOutNo: z.string().trim().min(1).max(100),
  letterOutDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  correctsId: z.union([z.literal(''), z.coerce.number().int().positive()]).optional().transform((v) => (v === '' ? undefined : v)),
});
export const messageBody = z.object({ body: z.string().min(1).max(4000), rowNo: z.number().int().positive().nullable().optional() });

const tokenBody = z.object({ name: z.string().max(100) });

/** Tokens are managed by the person, signed in with his password: a token cannot make or revoke tokens. */
function signedInWithPassword(viaToken: boolean): void {
  if (viaToken) throw new ApiError(403, 'token_not_allowed', 'Ключами API управляют со страницы портала, войдя с паролем');
}

/** The РСО user's organisation; every portal route reads through it. */
const innOf = (user: SessionUser): string => {
  if (!user.rsoInn) throw new ApiError(403, 'forbidden', 'Учётная запись не привязана к организации');
  return user.rsoInn;
};

/**
 * The РСО portal (`contract/portal.ts`), role `rso` only: the organisation's registries, rows, decisions, documents,
 * submissions and correspondence; another organisation's registry answers 404 as if it did not exist.
 */
export const portalRoutes = new Hono<AppEnv>()
  .get('/registries', requireRole('rso'), async (c) => c.json(await portalRegistries(c.var.sql, innOf(c.var.user))))
  .get('/registries/:id{[0-9]+}', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) =>
    c.json(await portalRegistryDetail(c.var.sql, innOf(c.var.user), c.req.valid('param').id)))
  .get('/registries/:id{[0-9]+}/documents', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await assertOwnRegistry(c.var.sql, innOf(c.var.user), id);
    const rows = await c.var.sql<PortalDocument[]>`select id::int as id, kind, title, number, file_name as "fileName",
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt" from documents where registry_id = ${id} order by id desc`;
    return c.json([...rows]);
  })
  .get('/documents/:id{[0-9]+}/file', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    const [own] = await c.var.sql`select 1 from documents d join registries r on r.id = d.registry_id where d.id = ${id} and r.rso_inn = ${innOf(c.var.user)}`;
    if (!own) throw new ApiError(404, 'document_not_found', `Документ № ${id} не найден`);
    const file = await documentFile(c.var.sql, id);
    return download(file.content, file.fileName, file.mimeType);
  })
  .post('/registries', requireRole('rso'), uploadBody(UPLOAD_LIMITS.registry), zValidator('form', submissionForm, (result) => {
    if (!result.success) {
      const fields = result.error.issues.map((i) => String(i.path[0] ?? ''));
      const names: Record<string, string> = { file: 'файл реестра', letterOutNo: 'исходящий номер письма', letterOutDate: 'дата письма', correctsId: 'исходный реестр' };
      throw new ApiError(400, fields.includes('file') ? 'no_file' : 'invalid_request', `Укажите ${fields.map((f) => names[f] ?? f).join(', ')}`);
    }
  }), async (c) => {
    const { file, letterOutNo, letterOutDate, correctsId } = c.req.valid('form');
    refuseControlCharacters({ 'имя файла': file.name, letterOutNo });
    const inn = innOf(c.var.user);
    const sql = c.var.sql;
    try {
      const outcome = await registerRegistry(sql, {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        form: { letterOutNo, letterOutDate, isCorrection: correctsId !== undefined },
        actorId: c.var.user.id,
        portal: { rsoInn: inn, correctsId },
      });
      if (!outcome.ok) throw new ApiError(422, 'invalid_file', `Файл «${file.name}» не принят: ошибок ${outcome.problems.length}. Ничего не сохранено.`, outcome.problems);
      const body: PortalSubmission = {
        registry: await portalRegistry(sql, inn, outcome.registryId),
        findings: outcome.findings,
        refused: outcome.refused,
        problems: outcome.problems,
        serverChecks: await serverCheckCounts(sql, outcome.registryId, ['7', '9']),
      };
      return c.json(body);
    } catch (e) {
      if (e instanceof IntakeError) throw new ApiError(400, 'invalid_request', e.message);
      throw e;
    }
  })
  .get('/registries/:id{[0-9]+}/messages', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await assertOwnRegistry(c.var.sql, innOf(c.var.user), id);
    return c.json(await registryMessages(c.var.sql, id));
  })
  .get('/registries/:id{[0-9]+}/messages/live', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await assertOwnRegistry(c.var.sql, innOf(c.var.user), id);
    return messageStream(c, id);
  })
  .post('/registries/:id{[0-9]+}/messages', requireRole('rso'), zValidator('param', idParam, validationHook), zValidator('json', messageBody, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await assertOwnRegistry(c.var.sql, innOf(c.var.user), id);
    const { body, rowNo } = c.req.valid('json');
    refuseControlCharacters({ body });
    const m = await postMessage(c.var.sql, c.var.user, id, body, rowNo ?? null);
    publishMessage(m);
    return c.json(m, 201);
  })
  // the browser's check worker holds the reference: the region's houses, the organisation's own tariffs and itself
  .get('/reference/version', requireRole('rso'), async (c) => c.json({ version: `${await referenceVersion(c.var.sql)}:${innOf(c.var.user)}` } satisfies ReferenceVersion))
  .get('/reference/snapshot', requireRole('rso'), async (c) => c.json(await referenceSnapshot(c.var.sql, innOf(c.var.user))))
  .get('/template', requireRole('rso'), zValidator('query', templateQuery, validationHook), async (c) => {
    const { service, period } = c.req.valid('query');
    const t = await registryTemplate(c.var.sql, innOf(c.var.user), service, period);
    return download(t.content, t.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  })
  .get('/tokens', requireRole('rso'), async (c) => {
    signedInWithPassword(c.var.viaToken);
    return c.json(await listApiTokens(c.var.sql, c.var.user.id));
  })
  .post('/tokens', requireRole('rso'), zValidator('json', tokenBody, validationHook), async (c) => {
    signedInWithPassword(c.var.viaToken);
    refuseControlCharacters({ name: c.req.valid('json').name });
    return c.json(await asApiError(createApiToken(c.var.sql, c.var.user, c.req.valid('json').name)), 201);
  })
  .post('/tokens/:id{[0-9]+}/revoke', requireRole('rso'), zValidator('param', idParam, validationHook), async (c) => {
    signedInWithPassword(c.var.viaToken);
    return c.json(await asApiError(revokeApiToken(c.var.sql, c.var.user, c.req.valid('param').id)));
  })
  .get('/events', requireRole('rso'), async (c) => c.json(await portalEvents(c.var.sql, { ...c.var.user, rsoInn: innOf(c.var.user) })))
  .post('/events/seen', requireRole('rso'), async (c) => {
    await markEventsSeen(c.var.sql, c.var.user.id);
    return c.json({ ok: true });
  });

/**
 * The regulator's side of «Переписка с РСО» and of a correction (mounted under `/registries`): every staff role
 * reads, reviewers and admins write; never an РСО user (his side is `/portal`).
 */
export const registryPortalRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/messages', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await registryExists(c.var.sql, id);
    return c.json(await registryMessages(c.var.sql, id));
  })
  .get('/:id{[0-9]+}/messages/live', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await registryExists(c.var.sql, id);
    return messageStream(c, id);
  })
  .post('/:id{[0-9]+}/messages', requireRole('admin', 'reviewer'), zValidator('param', idParam, validationHook), zValidator('json', messageBody, validationHook), async (c) => {
    const id = c.req.valid('param').id;
    await registryExists(c.var.sql, id);
    const { body, rowNo } = c.req.valid('json');
    refuseControlCharacters({ body });
    const m = await postMessage(c.var.sql, c.var.user, id, body, rowNo ?? null);
    publishMessage(m);
    return c.json(m, 201);
  })
  .get('/:id{[0-9]+}/correction', requireRole(...ANY_ROLE), zValidator('param', idParam, validationHook), async (c) =>
    c.json((await correctionMarks(c.var.sql, c.req.valid('param').id)) satisfies CorrectionMarks));

async function registryExists(sql: AppEnv['Variables']['sql'], id: number): Promise<void> {
  const [r] = await sql`select 1 from registries where id = ${id}`;
  if (!r) throw new ApiError(404, 'registry_not_found', `Реестр № ${id} не найден`);
}
