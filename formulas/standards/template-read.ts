/**
 * A formula template given as JSON (`sverka standards --template FILE`): the shape of
 * templates/standards/formula.json, or a version as GET /standards/template gives it ({ version, template }).
 * Formulas may be in Russian or English spelling and come back canonical (English). Every problem is reported in
 * Russian with the field it is in (and the position in the formula); a usable template is also evaluated once.
 */
import type { StandardParams } from './params.ts';
import { templateProblems, type StandardFormulaTemplate } from './sheet.ts';
import { canonicalTemplate, templateProblemText } from './template-spelling.ts';

export type TemplateRead = { ok: true; template: StandardFormulaTemplate } | { ok: false; problems: string[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function readFormulaTemplate(json: unknown, params: Pick<StandardParams, 'normativeArea'>): TemplateRead {
  // a saved version as the server lists it: the template is inside, its number beside it
  const outer = isObject(json) && isObject(json.template) ? json : null;
  const t = outer ? outer.template : json;
  if (!isObject(t)) return { ok: false, problems: ['ожидался JSON-объект шаблона с полями housing, heating, non_heating'] };
  const problems: string[] = [];
  const text = (x: unknown, field: string): string => {
    if (typeof x === 'string') return x;
    problems.push(`${field}: нужна формула (строка), получено ${x === undefined ? 'ничего' : JSON.stringify(x)}`);
    return '';
  };
  const housing = isObject(t.housing) ? t.housing : null;
  if (!housing) problems.push('housing: нужен объект {"tenant": …, "owner": …, "owner_no_kr": …}');
  const versionOf = outer?.version ?? t.version;
  const version = typeof versionOf === 'number' && Number.isInteger(versionOf) && versionOf > 0 ? versionOf : 0;
  const template: StandardFormulaTemplate = {
    version,
    description: typeof t.description === 'string' ? t.description : '',
    housing: {
      tenant: text(housing?.tenant, 'housing.tenant'),
      owner: text(housing?.owner, 'housing.owner'),
      owner_no_kr: text(housing?.owner_no_kr, 'housing.owner_no_kr'),
    },
    heating: text(t.heating, 'heating'),
    non_heating: text(t.non_heating, 'non_heating'),
  };
  if (problems.length > 0) return { ok: false, problems };
  const canonical = canonicalTemplate(template);
  if (!canonical.ok) return { ok: false, problems: canonical.problems.map(templateProblemText) };
  const found = templateProblems(canonical.template, params);
  return found.length > 0 ? { ok: false, problems: found } : { ok: true, template: canonical.template };
}
