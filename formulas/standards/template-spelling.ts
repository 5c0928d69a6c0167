/**
 * The standard formula template in either spelling: stored canonically (English, as HyperFormula evaluates it,
 * so every saved version keeps working) and shown as Russian Excel writes it: `={S}*СУММПРОИЗВ({TARIFF};{NORM})`.
 * The housing parts are expressions without «=»; `{NAME}` placeholders pass through untouched.
 */
import type { FormulaProblem } from '../formula/row-formula.ts';
import type { Spelling } from '../formula/spelling.ts';
import { lex } from '../formula/lexer.ts';
import { toCanonical, toSpelling } from '../formula/translate.ts';
import type { StandardFormulaTemplate } from './sheet.ts';
import { CATEGORIES, type Category } from './types.ts';

export type TemplateFormulaKey = Category | 'heating' | 'non_heating';

/** Where each formula of a template is, as problems and the API name it: housing.tenant, heating… */
export const TEMPLATE_FORMULAS: readonly { key: TemplateFormulaKey; field: string; housing: boolean }[] = [
  ...CATEGORIES.map((c) => ({ key: c, field: `housing.${c}`, housing: true })),
  { key: 'heating', field: 'heating', housing: false },
  { key: 'non_heating', field: 'non_heating', housing: false },
];

type Formulas = Pick<StandardFormulaTemplate, 'housing' | 'heating' | 'non_heating'>;

export const templateFormula = (t: Formulas, key: TemplateFormulaKey): string => (key === 'heating' || key === 'non_heating' ? t[key] : t.housing[key]);

function withFormula<T extends Formulas>(t: T, key: TemplateFormulaKey, formula: string): T {
  return key === 'heating' || key === 'non_heating' ? { ...t, [key]: formula } : { ...t, housing: { ...t.housing, [key]: formula } };
}

/** The template's formulas as a spelling writes them. */
export function templateInSpelling<T extends Formulas>(t: T, spelling: Spelling): T {
  return TEMPLATE_FORMULAS.reduce((out, f) => withFormula(out, f.key, toSpelling(templateFormula(t, f.key), spelling, { placeholders: true, withoutEquals: f.housing })), t);
}

export interface TemplateFormulaProblem extends FormulaProblem {
  key: TemplateFormulaKey;
  field: string;
}

/**
 * `1.50` as `1.5` and `1.0` as `1`. HyperFormula 3.5 fails a copied formula whose number it prints otherwise
 * than it was written («There is no AST with such key in the cache»), and the bulk evaluation copies the
 * template's formulas down the groups (bulk.ts).
 */
function shortNumbers(formula: string): string {
  const lexed = lex(formula, 'en', { placeholders: true });
  if (!lexed.ok) return formula;
  return lexed.tokens.map((t) => (t.kind === 'number' && t.text.includes('.') ? t.text.replace(/(\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '') : t.text)).join('');
}

/**
 * The template with canonical formulas, or every formula's problem with its position in the text as written.
 * `prefer` is the spelling that wins where a formula reads both ways: Russian where an analyst types.
 */
export function canonicalTemplate<T extends Formulas>(t: T, prefer: Spelling = 'en'): { ok: true; template: T } | { ok: false; problems: TemplateFormulaProblem[] } {
  let out = t;
  const problems: TemplateFormulaProblem[] = [];
  for (const f of TEMPLATE_FORMULAS) {
    const text = templateFormula(t, f.key);
    if (text.trim() === '') continue; // templateProblems says «пустая формула»
    const c = toCanonical(text, { placeholders: true, withoutEquals: f.housing, prefer });
    if (c.ok) out = withFormula(out, f.key, shortNumbers(c.formula.trim()));
    else problems.push({ key: f.key, field: f.field, position: c.problem.position, message: c.problem.message });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, template: out };
}

/** Problems as the server and the command line list them: «heating, позиция 12: …». */
export const templateProblemText = (p: TemplateFormulaProblem): string => `${p.field}, позиция ${p.position}: ${p.message}`;
