import { ERROR_CODES, ERROR_NAMES, SEPARATORS, type Spelling } from './spelling.ts';

export type TokenKind =
  | 'space'
  | 'number'
  | 'string'
  /** `[field name]` */
  | 'field'
  /** `{NAME}` of a template (standards formulas); only when the reader is asked for them */
  | 'placeholder'
  /** a function name, TRUE/FALSE, a cell reference or a named expression */
  | 'name'
  | 'error'
  | 'operator'
  | 'lparen'
  | 'rparen'
  | 'argument'
  | 'lbrace'
  | 'rbrace'
  | 'arrayColumn'
  | 'arrayRow'
  | 'colon';

export interface Token {
  kind: TokenKind;
  /** 0-based offsets into the formula as written. */
  start: number;
  end: number;
  text: string;
}

/** A problem in a formula: 1-based position in the text the user typed, Russian message. */
export interface FormulaSyntaxProblem {
  position: number;
  message: string;
  /** How far the reader got (0-based): of two spellings that both fail, the one that got further is reported. */
  reach: number;
}

export type Lexed = { ok: true; tokens: Token[] } | { ok: false; problem: FormulaSyntaxProblem };

export interface LexOptions {
  /** `{S}`, `{TARIFF}`… are opaque placeholders (the standards formula template), not array literals. */
  placeholders?: boolean;
}

const OPERATORS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%'];
const SPACE = /\s/;
const LETTER = /[\p{L}_$]/u;
const NAME_CHAR = /[\p{L}\p{N}_$.!]/u;
const DIGIT = /[0-9]/;
const ERROR_LITERALS = [...new Set((['en', 'ru'] as const).flatMap((s) => ERROR_CODES.map((c) => ERROR_NAMES[s][c])))].sort((a, b) => b.length - a.length);

const fail = (index: number, message: string): Lexed => ({ ok: false, problem: { position: index + 1, message, reach: index } });

/**
 * Splits a formula into tokens as a spelling writes it. Only numbers and separators depend on the spelling;
 * whitespace is kept as tokens, so a translation keeps the analyst's layout.
 */
export function lex(text: string, spelling: Spelling, opts: LexOptions = {}): Lexed {
  const sep = SEPARATORS[spelling];
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number) => tokens.push({ kind, start, end, text: text.slice(start, end) });
  let braces = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const start = i;
    if (SPACE.test(ch)) {
      while (i < text.length && SPACE.test(text[i] ?? '')) i++;
      push('space', start, i);
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return fail(start, 'не закрыта строка в кавычках');
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') break;
        else i++;
      }
      push('string', start, ++i);
    } else if (ch === '[') {
      const end = text.indexOf(']', i + 1);
      if (end < 0) return fail(start, 'не закрыта квадратная скобка имени поля');
      i = end + 1;
      push('field', start, i);
    } else if (DIGIT.test(ch) || (ch === sep.decimal && DIGIT.test(text[i + 1] ?? ''))) {
      while (DIGIT.test(text[i] ?? '')) i++;
      if (text[i] === sep.decimal && DIGIT.test(text[i + 1] ?? '')) {
        i++;
        while (DIGIT.test(text[i] ?? '')) i++;
      }
      if (/[eE]/.test(text[i] ?? '') && /^[eE][+-]?[0-9]/.test(text.slice(i, i + 3))) {
        i += text[i + 1] === '+' || text[i + 1] === '-' ? 2 : 1;
        while (DIGIT.test(text[i] ?? '')) i++;
      }
      if (spelling === 'ru' && text[i] === '.' && DIGIT.test(text[i + 1] ?? '')) return fail(i, 'в русской записи дробная часть числа отделяется запятой, например 1,5');
      push('number', start, i);
    } else if (opts.placeholders && ch === '{' && /^\{[A-Z_0-9]*\}/.test(text.slice(i))) {
      i = text.indexOf('}', i) + 1;
      push('placeholder', start, i);
    } else if (LETTER.test(ch) || ch === "'") {
      if (ch === "'") {
        // a quoted sheet name: 'Лист 1'!A1
        const end = text.indexOf("'!", i + 1);
        if (end < 0) return fail(start, 'не закрыто имя листа в апострофах');
        i = end + 2;
      }
      while (i < text.length && NAME_CHAR.test(text[i] ?? '')) i++;
      push('name', start, i);
    } else if (ch === '#') {
      const literal = ERROR_LITERALS.find((e) => text.slice(i, i + e.length).toUpperCase() === e);
      if (!literal) return fail(start, 'неизвестное значение ошибки; бывают #ДЕЛ/0!, #ЗНАЧ!, #ИМЯ?, #Н/Д, #ЧИСЛО!, #ССЫЛКА!');
      i += literal.length;
      push('error', start, i);
    } else if (ch === '(') {
      push('lparen', start, ++i);
    } else if (ch === ')') {
      push('rparen', start, ++i);
    } else if (ch === '{') {
      braces++;
      push('lbrace', start, ++i);
    } else if (ch === '}') {
      braces = Math.max(0, braces - 1);
      push('rbrace', start, ++i);
    } else if (ch === ':') {
      push('colon', start, ++i);
    } else if (braces > 0 && ch === sep.arrayColumn) {
      push('arrayColumn', start, ++i);
    } else if (braces > 0 && ch === sep.arrayRow) {
      push('arrayRow', start, ++i);
    } else if (ch === sep.argument) {
      push('argument', start, ++i);
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) return fail(start, unexpected(ch, spelling));
      i += op.length;
      push('operator', start, i);
    }
  }
  return { ok: true, tokens };
}

function unexpected(ch: string, spelling: Spelling): string {
  if (spelling === 'ru' && ch === ',') return 'неожиданная запятая: в русской записи аргументы функции разделяются точкой с запятой «;» (запятая — только в числе: 1,5)';
  if (spelling === 'en' && ch === ';') return 'неожиданная «;»: в английской записи аргументы функции разделяются запятой «,»';
  return `неожиданный символ «${ch}»`;
}
