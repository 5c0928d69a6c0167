/**
 * Row formulas: a formula over named fields (`=ЕСЛИ([v]>1,5*[avg_12m]; "рост"; "")`), compiled once into a
 * tree of closures and run for every row of columnar data. The field set is the caller's: a low-code rule's
 * registry row, a workbook sheet's columns; a field is read through a function of the row index.
 */
import type { BinaryOperator, Node } from './ast.ts';
import { add, divide, multiply, power, subtract } from './exact.ts';
import { FUNCTIONS } from './functions/index.ts';
import type { EvalContext, Thunk } from './functions/types.ts';
import type { FormulaSyntaxProblem } from './lexer.ts';
import { BOOLEANS, nameKey, type Spelling } from './spelling.ts';
import { readFormula, spellTokens, type ReadOptions } from './translate.ts';
import { BLANK, compare, ERRORS, FormulaError, serialOfIso, toNumber, toText, type Value } from './values.ts';

export type { EvalContext } from './functions/types.ts';

/** A field of one row. */
export type Reader = (row: number) => Value;

/** A formula's problem: 1-based position in the text as the analyst typed it, Russian message. */
export interface FormulaProblem {
  position: number;
  message: string;
}

export interface RowFormula {
  /** English, as stored and as HyperFormula reads it. */
  canonical: string;
  /** How the analyst wrote it. */
  spelling: Spelling;
  /** The fields it reads, named as the field set names them, in order of first use. */
  fields: string[];
  /** The formula over one data set: `readers[k]` reads `fields[k]`. Cheap; call once per data set. */
  bind(readers: readonly Reader[], ctx: EvalContext): Reader;
}

export type CompiledFormula =
  | { ok: true; formula: RowFormula }
  /**
   * `spreadsheet`: the formula is valid, but only a spreadsheet evaluates it (cell references, ranges, array
   * literals, a function the row evaluator does not have); `canonical` is then its English form.
   */
  | { ok: false; problem: FormulaProblem; spreadsheet?: { canonical: string } };

/** Field names match without regard to case or ё/е. */
export const fieldKey = (name: string): string => name.trim().toLowerCase().replaceAll('ё', 'е');

export type CompileOptions = Pick<ReadOptions, 'spelling' | 'prefer' | 'withoutEquals'>;

/** Compiles a formula over `fields` once; every problem is a value with its position, nothing throws. */
export function compileRowFormula(text: string, fields: readonly string[], opts: CompileOptions = {}): CompiledFormula {
  const read = readFormula(text, opts);
  if (!read.ok) return { ok: false, problem: publicProblem(read.problem) };
  const byKey = new Map(fields.map((f) => [fieldKey(f), f]));
  const used: string[] = [];
  let unsupported: Node | null = null;
  const walk = (n: Node): FormulaProblem | null => {
    switch (n.kind) {
      case 'field': {
        const name = byKey.get(fieldKey(n.name));
        if (name === undefined) return { position: n.start + 1, message: `неизвестное поле [${n.name}]; доступны: ${fields.join(', ')}` };
        if (!used.includes(name)) used.push(name);
        return null;
      }
      case 'reference':
        if (!/\d/.test(n.text)) return { position: n.start + 1, message: unknownName(n.text, read.spelling, fields) };
        unsupported ??= n;
        return null;
      case 'range':
      case 'array':
      case 'placeholder':
        unsupported ??= n;
        return null;
      case 'call':
        if (!FUNCTIONS[n.name]) unsupported ??= n;
        for (const a of n.args) {
          const p = walk(a);
          if (p) return p;
        }
        return null;
      case 'unary':
      case 'percent':
        return walk(n.arg);
      case 'binary':
        return walk(n.left) ?? walk(n.right);
      default:
        return null;
    }
  };
  const problem = walk(read.ast);
  if (problem) return { ok: false, problem };
  const canonical = read.spelling === 'en' ? text : spellTokens(read.tokens, 'ru', 'en').text;
  if (unsupported) return { ok: false, problem: unsupportedProblem(unsupported), spreadsheet: { canonical } };
  const ast = read.ast;
  return {
    ok: true,
    formula: {
      canonical,
      spelling: read.spelling,
      fields: used,
      bind: (readers, ctx) => build(ast, new Map(used.map((f, k) => [fieldKey(f), readers[k] ?? (() => BLANK)])), ctx),
    },
  };
}

const publicProblem = (p: FormulaSyntaxProblem): FormulaProblem => ({ position: p.position, message: p.message });

/** A bare name: TRUE written in a Russian formula (or ИСТИНА in an English one), or a field without brackets. */
function unknownName(name: string, spelling: Spelling, fields: readonly string[]): string {
  const key = nameKey(name);
  const other = BOOLEANS[spelling === 'ru' ? 'en' : 'ru'];
  if (key === other.true || key === other.false) return `«${name}» в ${spelling === 'ru' ? 'русской' : 'английской'} записи пишется «${BOOLEANS[spelling][key === other.true ? 'true' : 'false']}»`;
  return `неизвестное имя «${name}»: поля пишутся в квадратных скобках, например [${fields[0] ?? 'поле'}]`;
}

function unsupportedProblem(n: Node): FormulaProblem {
  const at = n.start + 1;
  if (n.kind === 'call') return { position: at, message: `функция «${n.written}» вычисляется только в таблице` };
  if (n.kind === 'array') return { position: at, message: 'массивы вычисляются только в таблице' };
  return { position: at, message: 'ссылки на ячейки вычисляются только в таблице; поля пишутся в квадратных скобках' };
}

/** An ISO date as the date serial СЕГОДНЯ() gives. */
export const todaySerial = (iso: string): number => serialOfIso(iso);

const constant = (v: Value): Reader => () => v;

function build(node: Node, fields: Map<string, Reader>, ctx: EvalContext): Reader {
  const sub = (n: Node) => build(n, fields, ctx);
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return constant(node.value);
    case 'error':
      return constant(ERRORS[node.code]);
    case 'empty':
      return constant(BLANK);
    case 'field':
      return fields.get(fieldKey(node.name)) ?? constant(ERRORS.REF);
    case 'unary': {
      const arg = sub(node.arg);
      if (node.operator === '+') return arg;
      return (row) => {
        const x = toNumber(arg(row));
        return x instanceof FormulaError ? x : -x;
      };
    }
    case 'percent': {
      const arg = sub(node.arg);
      return (row) => {
        const x = toNumber(arg(row));
        return x instanceof FormulaError ? x : divide(x, 100);
      };
    }
    case 'binary':
      return binary(node.operator, sub(node.left), sub(node.right));
    case 'call':
      return call(node.name, node.args, sub, ctx);
    case 'reference':
    case 'range':
    case 'array':
    case 'placeholder':
      return constant(ERRORS.NAME);
    default:
      return node satisfies never;
  }
}

const ARITHMETIC: Partial<Record<BinaryOperator, (x: number, y: number) => Value>> = {
  '+': add,
  '-': subtract,
  '*': multiply,
  '/': (x, y) => (y === 0 ? ERRORS.DIV0 : divide(x, y)),
  '^': (x, y) => (x === 0 && y < 0 ? ERRORS.DIV0 : power(x, y)),
};

const COMPARISON: Partial<Record<BinaryOperator, (c: number) => boolean>> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '<': (c) => c < 0,
  '>': (c) => c > 0,
  '<=': (c) => c <= 0,
  '>=': (c) => c >= 0,
};

function binary(op: BinaryOperator, left: Reader, right: Reader): Reader {
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) {
    return (row) => {
      const x = toNumber(left(row));
      if (x instanceof FormulaError) return x;
      const y = toNumber(right(row));
      if (y instanceof FormulaError) return y;
      const r = arithmetic(x, y);
      return typeof r === 'number' && !Number.isFinite(r) ? ERRORS.NUM : r;
    };
  }
  const test = COMPARISON[op];
  if (test) {
    return (row) => {
      const c = compare(left(row), right(row));
      return c instanceof FormulaError ? c : test(c);
    };
  }
  return (row) => {
    const x = toText(left(row));
    if (x instanceof FormulaError) return x;
    const y = toText(right(row));
    return y instanceof FormulaError ? y : x + y;
  };
}

function call(name: string, argNodes: readonly Node[], sub: (n: Node) => Reader, ctx: EvalContext): Reader {
  const def = FUNCTIONS[name];
  if (!def) return constant(ERRORS.NAME);
  const args = argNodes.map(sub);
  if (def.lazy) {
    const thunks: readonly Thunk[] = args;
    return (row) => def.call(thunks, row, ctx);
  }
  const refs = argNodes.map((n) => n.kind === 'field');
  // one buffer per call site: functions read their arguments and do not keep them
  const values: Value[] = new Array<Value>(args.length);
  const n = args.length;
  return (row) => {
    for (let k = 0; k < n; k++) values[k] = (args[k] as Reader)(row);
    return def.call(values, refs, ctx);
  };
}
