/** Versions of the standard formula template: the shipped one (version 1) and those analysts saved. */
import { standardFormulaTemplate } from '../../templates/index.ts';
import type { TemplateVersion } from '../contract/standards.ts';
import type { Sql, Tx } from '../db/database.ts';

/** The template in force: the newest saved version, or version 1 as shipped in templates/standards. */
export async function currentTemplate(sql: Sql | Tx): Promise<TemplateVersion> {
  const [row] = await sql<TemplateVersion[]>`
    select t.version, t.template, t.comment, u.full_name as created_by, to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from standard_templates t left join users u on u.id = t.created_by order by t.version desc limit 1`;
  return row ?? { version: 1, template: { ...standardFormulaTemplate, version: 1 }, comment: 'шаблон поставки', created_by: null, created_at: null };
}

export async function listTemplates(sql: Sql): Promise<TemplateVersion[]> {
  const rows = await sql<TemplateVersion[]>`
    select t.version, t.template, t.comment, u.full_name as created_by, to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at
    from standard_templates t left join users u on u.id = t.created_by order by t.version desc`;
  return [...rows, { version: 1, template: { ...standardFormulaTemplate, version: 1 }, comment: 'шаблон поставки', created_by: null, created_at: null }];
}

