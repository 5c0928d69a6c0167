import { HyperFormula } from 'hyperformula';
import type { RegistryRows } from '../registry/types.ts';
import { fmtKopecks, fmtScaled4 } from './format.ts';
import type { CustomRuleSpec } from './types.ts';

/** The row fields a low-code rule may name in brackets, with how to read each from the columns. */
const FIELDS: Record<string, (rows: RegistryRows, expected: Float64Array, i: number) => string | number | null> = {
  n: (r, _e, i) => nullIfNaN(r.n[i]),
  address: (r, _e, i) => r.address[i] ?? '',
  fias_id: (r, _e, i) => r.fias[i] ?? '',
  diff_attr: (r, _e, i) => r.diffAttr[i] ?? '',
  territory: (r, _e, i) => r.territory[i] ?? '',
  supply_system: (r, _e, i) => r.supplySystem[i] ?? '',
  commissioned: (r, _e, i) => r.commissioned[i] ?? '',
  tariff_kind: (r, _e, i) => r.tariffKind[i] ?? '',
  eot: (r, _e, i) => scaled(r.eot[i]),
  lt: (r, _e, i) => scaled(r.lt[i]),
  v_living: (r, _e, i) => scaled(r.vLiving[i]),
  v_odn: (r, _e, i) => scaled(r.vOdn[i]),
  subsidy: (r, _e, i) => scaled(r.subsidy[i]),
  expected_subsidy: (_r, e, i) => (Number.isNaN(e[i] ?? Number.NaN) ? null : (e[i] ?? 0) / 100),
};
export const CUSTOM_RULE_FIELDS = Object.keys(FIELDS);

function nullIfNaN(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}
function scaled(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v / 10_000;
}

/** A broken formula, with the 1-based position in the formula as the analyst wrote it. */
export interface FormulaProblem {
  ruleId: string;
  position: number;
  message: string;
}

interface Translated {
  fields: string[];
  /** The formula for row 0 with fields as cell references (A1, B1…); `{row}` stands for the row number. */
  template: string;
  /** index in the row-1 formula → index in the analyst's formula, for error positions */
  origin: number[];
}

const columnName = (k: number): string => (k < 26 ? String.fromCharCode(65 + k) : columnName(Math.floor(k / 26) - 1) + String.fromCharCode(65 + (k % 26)));

/** Replaces [field] by cell references and finds the errors HyperFormula would report without a position. */
function translate(spec: CustomRuleSpec): { ok: true; value: Translated } | { ok: false; problem: FormulaProblem } {
  const f = spec.formula.trim();
  const problem = (position: number, message: string) => ({ ok: false as const, problem: { ruleId: spec.id, position, message } });
  if (!f.startsWith('=')) return problem(1, 'формула должна начинаться со знака «=»');
  const fields: string[] = [];
  let template = '';
  const origin: number[] = [];
  const parens: number[] = [];
  for (let i = 0; i < f.length; i++) {
    const ch = f[i] ?? '';
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      if (end < 0) return problem(i + 1, 'не закрыта строка в кавычках');
      for (let k = i; k <= end; k++) {
        template += f[k];
        origin.push(k);
      }
      i = end;
      continue;
    }
    if (ch === '[') {
      const end = f.indexOf(']', i + 1);
      if (end < 0) return problem(i + 1, 'не закрыта квадратная скобка имени поля');
      const name = f.slice(i + 1, end).trim().toLowerCase();
      if (!(name in FIELDS)) return problem(i + 1, `неизвестное поле [${name}]; доступны: ${CUSTOM_RULE_FIELDS.join(', ')}`);
      let k = fields.indexOf(name);
      if (k < 0) k = fields.push(name) - 1;
      template += `${columnName(k)}{row}`;
      // positions are reported against the row-1 rendering, where {row} is «1»
      for (let c = 0; c < columnName(k).length + 1; c++) origin.push(i);
      i = end;
      continue;
    }
    if (ch === '(') parens.push(i);
    if (ch === ')' && parens.pop() === undefined) return problem(i + 1, 'лишняя закрывающая скобка');
    template += ch;
    origin.push(i);
  }
  if (parens.length > 0) return problem((parens[parens.length - 1] ?? 0) + 1, 'не закрыта скобка');
  return { ok: true, value: { fields, template, origin } };
}

/** The syntax check HyperFormula does, with the position of the token it stumbled on. */
function parseProblem(spec: CustomRuleSpec, t: Translated, hf: HyperFormula): FormulaProblem | null {
  const formula = t.template.replaceAll('{row}', '1');
  if (hf.validateFormula(formula)) return null;
  const sheet = hf.getSheetId(hf.addSheet()) ?? 0;
  hf.setCellContents({ sheet, row: 0, col: 0 }, [[formula]]);
  const value = hf.getCellValue({ sheet, row: 0, col: 0 });
  const message = typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : '';
  const found = /found:? --> '(.*?)' <--|but found: '(.*?)'/.exec(message);
  const token = found?.[1] ?? found?.[2] ?? '';
  const at = token ? formula.indexOf(token, 1) : formula.length;
  const index = at < 0 ? formula.length : at;
  const position = (index < t.origin.length ? (t.origin[index] ?? 0) : spec.formula.trim().length) + 1;
  return { ruleId: spec.id, position, message: token ? `синтаксическая ошибка: неожиданное «${token}»` : 'синтаксическая ошибка: формула обрывается' };
}

/** Checks a rule as the analyst writes it: every problem has a position, nothing throws. */
export function validateCustomRule(spec: CustomRuleSpec): FormulaProblem | null {
  const t = translate(spec);
  if (!t.ok) return t.problem;
  const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  try {
    return parseProblem(spec, t.value, hf);
  } finally {
    hf.destroy();
  }
}

export interface CustomRuleResult {
  spec: CustomRuleSpec;
  /** STATUS codes per row */
  status: Uint8Array;
  reasons: string[];
}

const fmtValue = (name: string, v: string | number | null): string => {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (name === 'expected_subsidy') return fmtKopecks(Math.round(v * 100));
  return fmtScaled4(Math.round(v * 10_000), name.startsWith('v_') ? 4 : 2);
};

/**
 * Evaluates low-code rules over every row in one HyperFormula sheet: the row's fields as values, one
 * formula column per rule. TRUE (or a non-zero number) means the row violates the rule. Built once per
 * run; broken rules are returned as problems and not run.
 */
export function runCustomRules(specs: readonly CustomRuleSpec[], rows: RegistryRows, expected: Float64Array): { results: CustomRuleResult[]; problems: FormulaProblem[] } {
  const problems: FormulaProblem[] = [];
  const valid: { spec: CustomRuleSpec; t: Translated }[] = [];
  const probe = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  for (const spec of specs) {
    const t = translate(spec);
    const p = t.ok ? parseProblem(spec, t.value, probe) : t.problem;
    if (p || !t.ok) problems.push(p ?? { ruleId: spec.id, position: 1, message: 'ошибка формулы' });
    else valid.push({ spec, t: t.value });
  }
  probe.destroy();
  if (valid.length === 0 || rows.count === 0) return { results: [], problems };

  const results: CustomRuleResult[] = [];
  for (const { spec, t } of valid) {
    const W = t.fields.length;
    const data: (string | number | boolean | null)[][] = new Array(rows.count);
    for (let i = 0; i < rows.count; i++) {
      const line: (string | number | boolean | null)[] = t.fields.map((name) => FIELDS[name]?.(rows, expected, i) ?? null);
      line.push(t.template.replaceAll('{row}', String(i + 1)));
      data[i] = line;
    }
    const hf = HyperFormula.buildFromArray(data, { licenseKey: 'gpl-v3', maxRows: Math.max(rows.count, 1000) + 1 });
    const status = new Uint8Array(rows.count);
    const reasons = new Array<string>(rows.count).fill('');
    for (let i = 0; i < rows.count; i++) {
      const v = hf.getCellValue({ sheet: 0, row: i, col: W });
      if (typeof v === 'boolean' || typeof v === 'number') {
        if (v === true || (typeof v === 'number' && v !== 0)) {
          status[i] = 2;
          reasons[i] = spec.message.replace(/\{(\w+)\}/g, (_m, name: string) => (name in FIELDS ? fmtValue(name, FIELDS[name]?.(rows, expected, i) ?? null) : `{${name}}`));
        } else status[i] = 1;
      } else {
        status[i] = 3;
        reasons[i] = typeof v === 'object' && v !== null && 'value' in v ? `Формула не вычислена: ${String(v.value)}` : 'Формула дала не логическое значение';
      }
    }
    hf.destroy();
    results.push({ spec, status, reasons });
  }
  return { results, problems };
}
