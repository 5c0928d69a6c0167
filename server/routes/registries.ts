import { zValidator } from '../http/validate.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { UPLOAD_LIMITS, uploadBody } from '../http/body-limits.ts';
import { refuseControlCharacters } from '../http/clean-input.ts';
import { refreshSoon } from '../analytics/refresh.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { ANY_ROLE, requireRole } from '../http/require-role.ts';
import { validationHook } from '../http/validation.ts';
import type { RegistrationOutcome } from '../contract/registries.ts';
import { IntakeError, registerRegistry } from '../registries/intake.ts';
import { registryListQuerySchema } from '../registries/list-filter.ts';
import { listExecutors, listRegistries, registryCard } from '../registries/queries.ts';

/** The list's filters and the declared-sum bounds, the same schema the .xlsx export reads. */
const listQuery = registryListQuerySchema;

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
const date = z.union([z.literal(''), z.iso.date()]).optional().transform((v) => v || undefined);

/** The registration form: the file and the letter data typed beside it (RegistrationForm). */
const registrationForm = z.object({
  file: z.instanceof(File),
  letterOutNo: text(100),
  letterOutDate: date,
  letterInNo: text(100),
  letterInDate: date,
  isCorrection: z.enum(['true', 'false']).optional(),
  comment: text(2000),
  executorId: z.union([z.literal(''), z.coerce.number().int().positive()]).optional().transform((v) => (v === '' ? undefined : v)),
});

export const registryRoutes = new Hono<AppEnv>()
  .get('/', requireRole(...ANY_ROLE), zValidator('query', listQuery, validationHook), async (c) => c.json(await listRegistries(c.var.sql, c.req.valid('query'))))
  .get('/executors', requireRole(...ANY_ROLE), async (c) => c.json(await listExecutors(c.var.sql)))
  .post('/', requireRole('admin', 'reviewer'), uploadBody(UPLOAD_LIMITS.registry), zValidator('form', registrationForm, (result) => {
    if (!result.success) {
      const fields = result.error.issues.map((i) => i.path.join('.'));
      throw new ApiError(400, fields.includes('file') ? 'no_file' : 'invalid_request', fields.includes('file') ? 'Выберите файл реестра' : `Некорректные данные письма: ${fields.join(', ')}`);
    }
  }), async (c) => {
    const { file, isCorrection, ...form } = c.req.valid('form');
    refuseControlCharacters({ 'имя файла': file.name, letterOutNo: form.letterOutNo, letterInNo: form.letterInNo, comment: form.comment });
    const sql = c.var.sql;
    try {
      const outcome = await registerRegistry(sql, {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        form: { ...form, isCorrection: isCorrection === 'true' },
        actorId: c.var.user.id,
      });
      if (!outcome.ok) {
        throw new ApiError(422, 'invalid_file', `Файл «${file.name}» не зарегистрирован: ошибок ${outcome.problems.length}. Ничего не сохранено.`, outcome.problems);
      }
      const body: RegistrationOutcome = { registry: await registryCard(sql, outcome.registryId, c.var.user), findings: outcome.findings, refused: outcome.refused, problems: outcome.problems };
      // the new registry's analytics summaries are built now, in the background, not by the next dashboard view
      void refreshSoon(sql);
      return c.json(body);
    } catch (e) {
      if (e instanceof IntakeError) throw new ApiError(400, 'invalid_request', e.message);
      throw e;
    }
  })
  .get('/:id{[0-9]+}', requireRole(...ANY_ROLE), async (c) => c.json(await registryCard(c.var.sql, Number(c.req.param('id')), c.var.user)));
