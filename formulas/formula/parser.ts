import type { BinaryOperator, Node } from './ast.ts';
import { arityOf } from './functions/index.ts';
import { lex, type FormulaSyntaxProblem, type LexOptions, type Token } from './lexer.ts';
import { BOOLEANS, canonicalFunction, errorCodeOf, nameKey, SEPARATORS, spellFunction, type Spelling } from './spelling.ts';

export type Parsed = { ok: true; ast: Node; tokens: Token[] } | { ok: false; problem: FormulaSyntaxProblem };

export interface ParseOptions extends LexOptions {
  /** The standards template writes its housing parts without «=»; everything else starts with it. */
  withoutEquals?: boolean;
}

/** Excel's precedence, lowest first: comparison, &, + −, × ÷, ^ (then %, negation, ranges). */
const LEVELS: BinaryOperator[][] = [['=', '<>', '<', '>', '<=', '>='], ['&'], ['+', '-'], ['*', '/'], ['^']];

class Failure {
  constructor(readonly problem: FormulaSyntaxProblem) {}
}

/** Parses a formula written in one spelling; a problem names the 1-based position in `text`. */
export function parseFormula(text: string, spelling: Spelling, opts: ParseOptions = {}): Parsed {
  const lexed = lex(text, spelling, opts);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens.filter((t) => t.kind !== 'space');
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const fail = (at: number, message: string, reach = at): never => {
    throw new Failure({ position: at + 1, message, reach });
  };
  const end = text.trimEnd().length;
  const lastText = (): string => tokens[k - 1]?.text ?? '=';
  const isOperator = (t: Token | undefined, ops: readonly string[]): t is Token => t?.kind === 'operator' && ops.includes(t.text);

  function expression(level = 0): Node {
    if (level === LEVELS.length) return percent();
    const ops = LEVELS[level] ?? [];
    let left = expression(level + 1);
    while (isOperator(peek(), ops)) {
      const op = tokens[k++] as Token;
      const right = expression(level + 1);
      left = { kind: 'binary', operator: op.text as BinaryOperator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  function percent(): Node {
    let node = unary();
    while (isOperator(peek(), ['%'])) {
      const op = tokens[k++] as Token;
      node = { kind: 'percent', arg: node, start: node.start, end: op.end };
    }
    return node;
  }

  function unary(): Node {
    const t = peek();
    if (isOperator(t, ['-', '+'])) {
      k++;
      const arg = unary();
      return { kind: 'unary', operator: t.text as '-' | '+', arg, start: t.start, end: arg.end };
    }
    return range();
  }

  function range(): Node {
    let node = primary();
    while (peek()?.kind === 'colon') {
      k++;
      const to = primary();
      node = { kind: 'range', from: node, to, start: node.start, end: to.end };
    }
    return node;
  }

  function primary(): Node {
    const t = peek();
    if (!t) return fail(end, `формула обрывается: после «${lastText()}» ожидается значение`, text.length);
    k++;
    const at = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: Number(t.text.replace(SEPARATORS[spelling].decimal, '.')), ...at };
      case 'string':
        return { kind: 'string', value: t.text.slice(1, -1).replaceAll('""', '"'), ...at };
      case 'field': {
        const name = t.text.slice(1, -1).trim();
        if (!name) fail(t.start, 'пустое имя поля в квадратных скобках');
        return { kind: 'field', name, ...at };
      }
      case 'placeholder':
        return { kind: 'placeholder', name: t.text.slice(1, -1), ...at };
      case 'error':
        return { kind: 'error', code: errorCodeOf(t.text) ?? 'VALUE', ...at };
      case 'name':
        return peek()?.kind === 'lparen' && peek()?.start === t.end ? call(t) : name(t);
      case 'lparen': {
        if (peek()?.kind === 'rparen') fail(t.start, 'пустые скобки: внутри нужно выражение');
        const inner = expression();
        const close = peek();
        if (close?.kind !== 'rparen') return unclosed(t, close);
        k++;
        return { ...inner, start: t.start, end: close.end };
      }
      case 'lbrace':
        return array(t);
      case 'rparen':
        return fail(t.start, k === 1 || tokens.slice(0, k - 1).every((x) => x.kind !== 'lparen') ? 'лишняя закрывающая скобка' : `после «${lastBefore(t)}» ожидается значение`);
      case 'operator':
        return fail(t.start, `перед «${t.text}» не хватает значения`);
      case 'argument':
      case 'arrayColumn':
      case 'arrayRow':
        return fail(t.start, `перед «${t.text}» не хватает значения`);
      case 'colon':
      case 'rbrace':
        return fail(t.start, `неожиданный символ «${t.text}»`);
      case 'space':
        return fail(t.start, 'неожиданный пробел');
      default:
        return t.kind satisfies never;
    }
  }

  function lastBefore(t: Token): string {
    const i = tokens.indexOf(t);
    return tokens[i - 1]?.text ?? '=';
  }

  function unclosed(open: Token, found: Token | undefined): never {
    if (!found) return fail(open.start, 'не закрыта скобка', text.length);
    return fail(found.start, found.kind === 'rbrace' ? `неожиданный символ «${found.text}»` : missingOperator(found));
  }

  function missingOperator(t: Token): string {
    if (t.kind === 'argument') return `«${t.text}» стоит вне функции`;
    return `пропущен оператор или разделитель «${SEPARATORS[spelling].argument}» перед «${t.text}»`;
  }

  function name(t: Token): Node {
    const key = nameKey(t.text);
    const b = BOOLEANS[spelling];
    if (key === b.true || key === b.false) return { kind: 'boolean', value: key === b.true, start: t.start, end: t.end };
    return { kind: 'reference', text: t.text, start: t.start, end: t.end };
  }

  function call(t: Token): Node {
    const canonical = canonicalFunction(t.text, spelling);
    if (!canonical) return fail(t.start, unknownFunction(t.text, spelling));
    const open = tokens[k++] as Token;
    const args: Node[] = [];
    if (peek()?.kind === 'rparen') {
      const close = tokens[k++] as Token;
      const wrong = arityProblem(t.text, canonical, 0);
      if (wrong) fail(t.start, wrong);
      return { kind: 'call', name: canonical, written: t.text, args, start: t.start, end: close.end };
    }
    for (;;) {
      const next = peek();
      if (next?.kind === 'argument' || next?.kind === 'rparen') args.push({ kind: 'empty', start: next.start, end: next.start });
      else args.push(expression());
      const sep = peek();
      if (sep?.kind === 'argument') {
        k++;
        continue;
      }
      if (sep?.kind === 'rparen') {
        k++;
        const wrong = arityProblem(t.text, canonical, args.length);
        if (wrong) fail(t.start, wrong);
        return { kind: 'call', name: canonical, written: t.text, args, start: t.start, end: sep.end };
      }
      return unclosed(open, sep);
    }
  }

  function array(open: Token): Node {
    const rows: Node[][] = [[]];
    for (;;) {
      (rows[rows.length - 1] as Node[]).push(unary());
      const t = peek();
      if (t?.kind === 'arrayColumn') k++;
      else if (t?.kind === 'arrayRow') {
        k++;
        rows.push([]);
      } else if (t?.kind === 'rbrace') {
        k++;
        return { kind: 'array', rows, start: open.start, end: t.end };
      } else if (!t) return fail(open.start, 'не закрыта фигурная скобка массива', text.length);
      else return fail(t.start, `в массиве значения разделяются «${SEPARATORS[spelling].arrayColumn}» и «${SEPARATORS[spelling].arrayRow}»`);
    }
  }

  try {
    const first = peek();
    if (!opts.withoutEquals) {
      if (first?.kind !== 'operator' || first.text !== '=') return { ok: false, problem: { position: 1, message: 'формула должна начинаться со знака «=»', reach: 0 } };
      k++;
      if (!peek()) return { ok: false, problem: { position: first.end + 1, message: 'формула пуста: после «=» напишите выражение', reach: text.length } };
    }
    const ast = expression();
    const rest = peek();
    if (rest) {
      if (rest.kind === 'rparen') fail(rest.start, 'лишняя закрывающая скобка');
      fail(rest.start, missingOperator(rest));
    }
    return { ok: true, ast, tokens: lexed.tokens };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, problem: e.problem };
    throw e;
  }
}

function unknownFunction(written: string, spelling: Spelling): string {
  const other: Spelling = spelling === 'ru' ? 'en' : 'ru';
  const canonical = canonicalFunction(written, other);
  if (canonical) return `функция «${written}» в ${spelling === 'ru' ? 'русской' : 'английской'} записи пишется «${spellFunction(canonical, spelling)}»`;
  return `неизвестная функция «${written}»`;
}

/** «1 аргумент», «3 аргумента», «5 аргументов». */
function argumentCount(n: number): string {
  const tens = n % 100;
  const last = n % 10;
  if (tens >= 11 && tens <= 14) return `${n} аргументов`;
  return `${n} ${last === 1 ? 'аргумент' : last >= 2 && last <= 4 ? 'аргумента' : 'аргументов'}`;
}

/** A wrong number of arguments for a function the row evaluator knows, as Excel refuses it on entry. */
function arityProblem(written: string, canonical: string, given: number): string | null {
  const a = arityOf(canonical);
  if (!a || (given >= a.min && given <= a.max)) return null;
  let takes: string;
  if (a.max === 0) takes = 'не принимает аргументов';
  else if (a.min === a.max) takes = `принимает ${argumentCount(a.min)}`;
  else if (a.max >= 255) takes = `принимает не меньше ${a.min} ${a.min % 10 === 1 && a.min % 100 !== 11 ? 'аргумента' : 'аргументов'}`;
  else takes = `принимает от ${a.min} до ${a.max} аргументов`;
  return `функция «${written}» ${takes}, а здесь ${given}`;
}
