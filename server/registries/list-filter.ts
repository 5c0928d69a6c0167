import type postgres from 'postgres';
import { z } from 'zod';
import type { Sql } from '../db/database.ts';
import { REGISTRY_STATUSES, type RegistryStatus } from '../contract/registries.ts';

/**
 * The registries list's filters (`GET /registries?…` and `GET /registries/export.xlsx?…`): one schema and one
 * translation to SQL, so the export writes exactly what the list shows. Every filter is optional; the SQL
 * expects the registry as `r` and its executor as `u` (`registries r left join users u on u.id = r.executor_id`).
 *
 * - `status`: the status tab (absent or «Все» = every status);
 * - `q`: free text over РСО name and ИНН, service, district, comment, file name, letter numbers, executor's name,
 *   the registry's № (`123` or `№ 123`) and amounts (a number like `2 214 806,24` matches the declared or agreed
 *   sum exactly);
 * - `rso`: ИНН (exact, 10 or 12 digits) or part of the name; `service`: exact; `executor`: user id, or `none`;
 * - `period`: `YYYY-MM`, the one month — or, with `periodTo`, the first month of a range (both inclusive);
 *   `periodTo` alone: every period up to it;
 * - `district`: part of the municipal district; `letter`: part of any letter number;
 * - `from`, `to`: ISO dates bounding the date the registry came in (inclusive);
 * - `letterFrom`, `letterTo`: ISO dates bounding the date of the РСО's letter (inclusive).
 */
export const registryListFilterSchema = z.object({
  status: z.enum([...REGISTRY_STATUSES, 'Все']).optional(),
  q: z.string().trim().max(200).optional(),
  rso: z.string().trim().max(200).optional(),
  service: z.string().trim().max(100).optional(),
  executor: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  periodTo: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  district: z.string().trim().max(200).optional(),
  letter: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  letterFrom: z.iso.date().optional(),
  letterTo: z.iso.date().optional(),
});

export type RegistryListFilter = z.infer<typeof registryListFilterSchema>;

const likeOf = (s: string): string => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** `2 214 806,24` / `2214806.24` / `2214806` → kopecks; null when the text is not an amount. */
export function amountOf(text: string): number | null {
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** `123`, `№123`, `№ 123` → 123: the search box finds a registry by its number too; null for any other text. */
export function registryNumberOf(text: string): number | null {
  const m = /^№?\s*(\d{1,15})$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** `where …` over `registries r left join users u`, for every filter but the status tab (the counts need that). */
export function registryFilterWhere(sql: Sql, f: RegistryListFilter): postgres.PendingQuery<postgres.Row[]> {
  const q = f.q ? likeOf(f.q) : null;
  const amount = f.q ? amountOf(f.q) : null;
  const rsoInn = f.rso && /^(\d{10}|\d{12})$/.test(f.rso) ? f.rso : null;
  const number = f.q ? registryNumberOf(f.q) : null;
  return sql`where true
    ${q ? sql`and (r.rso_name ilike ${q} or r.rso_inn like ${q} or r.service ilike ${q} or r.municipal_district ilike ${q}
      or r.comment ilike ${q} or r.file_name ilike ${q} or r.letter_out_no ilike ${q} or r.letter_in_no ilike ${q}
      or u.full_name ilike ${q}
      ${number !== null ? sql`or r.id = ${number}` : sql``}
      ${amount !== null ? sql`or r.declared_sum = ${amount} or r.agreed_sum = ${amount}` : sql``})` : sql``}
    ${rsoInn ? sql`and r.rso_inn = ${rsoInn}` : f.rso ? sql`and r.rso_name ilike ${likeOf(f.rso)}` : sql``}
    ${f.service ? sql`and r.service = ${f.service}` : sql``}
    ${f.executor === 'none' ? sql`and r.executor_id is null` : f.executor !== undefined ? sql`and r.executor_id = ${f.executor}` : sql``}
    ${f.period && !f.periodTo ? sql`and r.period = ${`${f.period}-01`}::date` : sql``}
    ${f.period && f.periodTo ? sql`and r.period >= ${`${f.period}-01`}::date` : sql``}
    ${f.periodTo ? sql`and r.period <= ${`${f.periodTo}-01`}::date` : sql``}
    ${f.district ? sql`and r.municipal_district ilike ${likeOf(f.district)}` : sql``}
    ${f.letter ? sql`and (r.letter_out_no ilike ${likeOf(f.letter)} or r.letter_in_no ilike ${likeOf(f.letter)})` : sql``}
    ${f.from ? sql`and r.registered_at >= ${f.from}::date` : sql``}
    ${f.to ? sql`and r.registered_at < ${f.to}::date + 1` : sql``}
    ${f.letterFrom ? sql`and r.letter_out_date >= ${f.letterFrom}::date` : sql``}
    ${f.letterTo ? sql`and r.letter_out_date <= ${f.letterTo}::date` : sql``}`;
}

/** The status tab as a condition, to add after `registryFilterWhere`. */
export function registryStatusCondition(sql: Sql, status: RegistryStatus | 'Все' | undefined): postgres.PendingQuery<postgres.Row[]> {
  return status && status !== 'Все' ? sql`and r.status = ${status}` : sql``;
}

/** The filters in words, for the top of an exported sheet: «Статус: Новый», «Период: 2026-08». */
export function describeRegistryFilter(f: RegistryListFilter, executorName?: string | null): string[] {
  const out: string[] = [];
  out.push(`Статус: ${f.status ?? 'Все'}`);
  if (f.q) out.push(`Поиск: ${f.q}`);
  if (f.rso) out.push(`РСО: ${f.rso}`);
  if (f.service) out.push(`Услуга: ${f.service}`);
  if (f.executor === 'none') out.push('Исполнитель: не назначен');
  else if (f.executor !== undefined) out.push(`Исполнитель: ${executorName ?? `№ ${f.executor}`}`);
  if (f.period && f.periodTo) out.push(`Период: с ${f.period} по ${f.periodTo}`);
  else if (f.period) out.push(`Период: ${f.period}`);
  else if (f.periodTo) out.push(`Период: по ${f.periodTo}`);
  if (f.district) out.push(`Муниципальный район: ${f.district}`);
  if (f.letter) out.push(`Номер письма: ${f.letter}`);
  if (f.from) out.push(`Поступил с: ${f.from}`);
  if (f.to) out.push(`Поступил по: ${f.to}`);
  if (f.letterFrom) out.push(`Письмо РСО от: ${f.letterFrom}`);
  if (f.letterTo) out.push(`Письмо РСО по: ${f.letterTo}`);
  return out;
}

/** An amount typed in a filter field («2 214 806,24»), as kopecks. */
const amountFilter = z.string().trim().max(30).optional().transform((v, ctx) => {
  if (!v) return undefined;
  const k = amountOf(v);
  if (k === null) {
    ctx.addIssue({ code: 'custom', message: 'сумма' });
    return z.NEVER;
  }
  return k;
});

/** The list's query string: the filters above plus `min` / `max` of the declared sum (the list's own amounts). */
export const registryListQuerySchema = registryListFilterSchema.extend({ min: amountFilter, max: amountFilter });
