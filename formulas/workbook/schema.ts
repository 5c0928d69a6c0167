/**
 * A workbook definition read from JSON (a file, a request, a shared document): every problem in Russian with the
 * place it is at («листы[1].фильтры[0].op: …»), nothing half-read.
 */
import { z } from 'zod';
import type { Parsed } from '../problem.ts';
import { AGGREGATES, CHART_TYPES, FILTER_OPS, MAX_FORMULAS, MAX_GROUP_BY, MAX_SHEETS, type WorkbookDef } from './types.ts';

const text = (max: number) => z.string().max(max);
const period = z.string().regex(/^\d{4}-\d{2}$/, 'период пишется ГГГГ-ММ');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'дата пишется ГГГГ-ММ-ДД');

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registry_rows'), from: period.optional(), to: period.optional(), service: text(40).optional(), rso_inn: text(12).optional(), district: text(200).optional(), status: text(40).optional(), failed_check: text(80).optional() }).strict(),
  z.object({ kind: z.literal('houses'), district: text(200).optional(), service: text(40).optional() }).strict(),
  z.object({ kind: z.literal('bptr'), service: text(40).optional(), rso_inn: text(12).optional(), district: text(200).optional(), valid_on: isoDate.optional() }).strict(),
  z.object({ kind: z.literal('registries'), from: period.optional(), to: period.optional(), service: text(40).optional(), rso_inn: text(12).optional(), district: text(200).optional(), status: text(40).optional() }).strict(),
  z.object({ kind: z.literal('sheet'), sheet: text(60) }).strict(),
]);

const sheet = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'id листа: латинские буквы, цифры, «_» и «-»'),
    title: text(120).min(1),
    source,
    columns: z.array(text(80)).max(200).default([]),
    formulas: z.array(z.object({ name: text(80).min(1), formula: text(2000).min(1), title: text(120).optional() }).strict()).max(MAX_FORMULAS).default([]),
    filters: z.array(z.object({ field: text(80), op: z.enum(FILTER_OPS), value: z.union([text(200), z.number()]).optional() }).strict()).max(50).default([]),
    sorts: z.array(z.object({ field: text(80), desc: z.boolean().optional() }).strict()).max(10).default([]),
    pivot: z.object({ groupBy: z.array(text(80)).max(MAX_GROUP_BY), values: z.array(z.object({ field: text(80), agg: z.enum(AGGREGATES), title: text(120).optional() }).strict()).max(20) }).strict().optional(),
    chart: z.object({ type: z.enum(CHART_TYPES), value: z.number().int().min(0).optional(), title: text(120).optional() }).strict().optional(),
  })
  .strict();

export const workbookSchema = z
  .object({ version: z.literal(1), title: text(200).min(1), description: text(2000).optional(), sheets: z.array(sheet).min(1).max(MAX_SHEETS) })
  .strict()
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.sheets.forEach((s, k) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sheets', k, 'id'], message: `лист «${s.id}» уже есть` });
      seen.add(s.id);
    });
  });

const RUSSIAN = z.locales.ru().localeError;

const PLACES: Record<string, string> = { sheets: 'листы', formulas: 'формулы', filters: 'фильтры', sorts: 'сортировка', pivot: 'сводная', chart: 'диаграмма', source: 'источник', columns: 'столбцы', groupBy: 'группировка', values: 'значения' };

/** The workbook or every problem, joined; `where` names the file or document. */
export function readWorkbook(json: unknown, where = 'рабочая книга'): Parsed<WorkbookDef> {
  const r = workbookSchema.safeParse(json, { error: RUSSIAN });
  if (r.success) return { ok: true, value: r.data as WorkbookDef };
  const lines = r.error.issues.slice(0, 10).map((i) => {
    const place = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${PLACES[String(p)] ?? String(p)}`)).join('').replace(/^\./, '');
    return `${place || 'книга'}: ${i.message}`;
  });
  return { ok: false, message: `${where}: ${lines.join('; ')}` };
}
