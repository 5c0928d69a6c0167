import { HyperFormula, type CellValue } from 'hyperformula';
import type { RegistryRows } from '../registry/types.ts';
import { fmtKopecks, fmtScaled4 } from './format.ts';
import type { CustomRuleSpec } from './types.ts';

/** The row fields a low-code rule may name in brackets, with how to read each from the columns. */
const FIELDS: Record<string, (rows: RegistryRows, expected: Float64Array, i: number) => string | number | null> = {
  n: (r, _e, i) => nullIfNaN(r.n[i]),
  address: (r, _e, i) => r.address[i] ?? '',
  fias_id: (r, _e, i) => r.fiasId[i] ?? '',
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

/** A sheet holds at least 1,000 rows (`maxRows` 1001): the kept sheets have that size, so they parse the same. */
const MIN_SHEET_ROWS = 1000;
const sheetOptions = (rows: number) => ({ licenseKey: 'gpl-v3', maxRows: Math.max(rows, MIN_SHEET_ROWS) + 1 });
/**
 * Up to this many rows a kept instance takes the registry's rows; above it a fresh one is built. Writing rows
 * into a kept sheet costs more per row than building one (measured: 100 rows 4 ms vs 14 ms, 400 rows 36 vs 29,
 * 1,000 rows 140 vs 85), so the ~15–50 ms of a build only matter for small registries. Must stay ≤ MIN_SHEET_ROWS.
 */
const KEPT_SHEET_ROWS = 300;

/**
 * Whether a formula can only be evaluated row by row in a fresh sheet: a range (`:`), an array literal or
 * SEQUENCE may spill over the next row's cells, and writing rows into a kept sheet one by one would then
 * settle the collision differently from a sheet built at once. Strings are not skipped: a false alarm only
 * costs a build.
 */
const needsFreshSheet = (formula: string): boolean => /[:{]|sequence/i.test(formula);

/**
 * Runs low-code rules on one registry after another. Building a HyperFormula instance costs tens of
 * milliseconds (its parser is made per instance), more than evaluating a few hundred rows, so a runner keeps
 * one instance per rule position and validation results per formula; each run writes its rows into the
 * empty sheet and removes the sheet afterwards, so nothing of a registry is left for the next one. Registries
 * of more than KEPT_SHEET_ROWS rows get a fresh instance, as their rows cost more than the build there.
 */
export interface CustomRuleRunner {
  run(specs: readonly CustomRuleSpec[], rows: RegistryRows, expected: Float64Array): { results: CustomRuleResult[]; problems: FormulaProblem[] };
  /** Frees the kept instances; the runner builds new ones if it is used again. */
  destroy(): void;
}

/** `keptSheetRows: 0` builds a fresh instance for every run, as before runners kept them (tests compare the two). */
export function createCustomRuleRunner(opts: { keptSheetRows?: number } = {}): CustomRuleRunner {
  const keptRows = Math.min(opts.keptSheetRows ?? KEPT_SHEET_ROWS, MIN_SHEET_ROWS);
  let probe: HyperFormula | null = null;
  const checked = new Map<string, { ok: true; value: Translated } | { ok: false; problem: Omit<FormulaProblem, 'ruleId'> }>();
  const pool: (HyperFormula | undefined)[] = [];

  const compile = (spec: CustomRuleSpec): { ok: true; value: Translated } | { ok: false; problem: FormulaProblem } => {
    let c = checked.get(spec.formula);
    if (!c) {
      const t = translate(spec);
      const p = t.ok ? parseProblem(spec, t.value, (probe ??= HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' }))) : t.problem;
      c = p || !t.ok ? { ok: false, problem: { position: p?.position ?? 1, message: p?.message ?? 'ошибка формулы' } } : t;
      checked.set(spec.formula, c);
    }
    return c.ok ? c : { ok: false, problem: { ruleId: spec.id, ...c.problem } };
  };

  /** The rule's value on every row, computed in the kept instance `k` or, when that could differ, in a fresh one. */
  const evaluate = (k: number, formula: string, data: (string | number | boolean | null)[][], col: number): CellValue[] => {
    const read = (hf: HyperFormula, sheet: number) => Array.from(data, (_, row) => hf.getCellValue({ sheet, row, col }));
    if (data.length > keptRows || needsFreshSheet(formula)) {
      const hf = HyperFormula.buildFromArray(data, sheetOptions(data.length));
      try {
        return read(hf, 0);
      } finally {
        hf.destroy();
      }
    }
    const hf = (pool[k] ??= HyperFormula.buildFromArray([], sheetOptions(0)));
    const name = hf.getSheetName(0) ?? 'Sheet1';
    try {
      hf.setSheetContent(0, data);
      return read(hf, 0);
    } finally {
      renew(k, name);
    }
  };

  /**
   * A new sheet in place of the used one, with the same name and id 0: nothing of this registry may reach the
   * next one, and a cleared sheet keeps structures sized by its rows that slow later runs down.
   */
  const renew = (k: number, name: string): void => {
    const hf = pool[k];
    if (!hf) return;
    try {
      hf.removeSheet(0);
      hf.addSheet(name);
      if (hf.getSheetId(name) === 0) return;
    } catch {
      // fall through: an instance in an unknown state is not used again
    }
    hf.destroy();
    pool[k] = undefined;
  };

  return {
    run(specs, rows, expected) {
      const problems: FormulaProblem[] = [];
      const valid: { spec: CustomRuleSpec; t: Translated }[] = [];
      for (const spec of specs) {
        const c = compile(spec);
        if (c.ok) valid.push({ spec, t: c.value });
        else problems.push(c.problem);
      }
      if (valid.length === 0 || rows.count === 0) return { results: [], problems };

      const results: CustomRuleResult[] = [];
      valid.forEach(({ spec, t }, k) => {
        const W = t.fields.length;
        const data: (string | number | boolean | null)[][] = new Array(rows.count);
        for (let i = 0; i < rows.count; i++) {
          const line: (string | number | boolean | null)[] = t.fields.map((name) => FIELDS[name]?.(rows, expected, i) ?? null);
          line.push(t.template.replaceAll('{row}', String(i + 1)));
          data[i] = line;
        }
        const values = evaluate(k, spec.formula, data, W);
        const status = new Uint8Array(rows.count);
        const reasons = new Array<string>(rows.count).fill('');
        for (let i = 0; i < rows.count; i++) {
          const v = values[i];
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
        results.push({ spec, status, reasons });
      });
      return { results, problems };
    },
    destroy() {
      probe?.destroy();
      probe = null;
      for (const hf of pool) hf?.destroy();
      pool.length = 0;
      checked.clear();
    },
  };
}

/**
 * Evaluates low-code rules over every row in one HyperFormula sheet: the row's fields as values, one
 * formula column per rule. TRUE (or a non-zero number) means the row violates the rule. Broken rules are
 * returned as problems and not run. Builds and frees its instances: a caller checking registry after
 * registry keeps a `createCustomRuleRunner()` instead.
 */
export function runCustomRules(specs: readonly CustomRuleSpec[], rows: RegistryRows, expected: Float64Array): { results: CustomRuleResult[]; problems: FormulaProblem[] } {
  const runner = createCustomRuleRunner();
  try {
    return runner.run(specs, rows, expected);
  } finally {
    runner.destroy();
  }
}
