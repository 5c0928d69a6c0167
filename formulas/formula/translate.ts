/**
 * One formula, two spellings. Formulas are stored canonically (English, as HyperFormula reads them) and shown
 * in Russian; an analyst may type either. Translation maps tokens one to one: function names, TRUE/FALSE,
 * error values, decimal and argument separators change; strings, field names, references and whitespace stay.
 */
import type { Node } from './ast.ts';
import { lex, type FormulaSyntaxProblem, type Token } from './lexer.ts';
import { parseFormula, type ParseOptions } from './parser.ts';
import { BOOLEANS, canonicalFunction, errorCodeOf, ERROR_NAMES, nameKey, SEPARATORS, spellFunction, type Spelling } from './spelling.ts';

export type ReadFormula = { ok: true; spelling: Spelling; ast: Node; tokens: Token[] } | { ok: false; problem: FormulaSyntaxProblem };

/** Cyrillic in a name or «;» outside strings and field names: the analyst writes as Russian Excel does. */
function looksRussian(text: string): boolean {
  const bare = text.replace(/"(?:[^"]|"")*"?/g, '""').replace(/\[[^\]]*\]?/g, '[]');
  return /[А-Яа-яЁё;]/.test(bare);
}

export interface ReadOptions extends ParseOptions {
  /** Read in this spelling only. */
  spelling?: Spelling;
  /**
   * Which spelling wins when both read the formula: English for stored and canonical formulas (the default),
   * Russian where an analyst types into a Russian form.
   */
  prefer?: Spelling;
}

/**
 * Reads a formula in whichever spelling it is written. Each spelling knows only its own function names and
 * separators, so a formula is nearly always valid in one of them only: both read it only without function
 * names that differ, without «;», and with a comma between digits (`=ABS(1,5)`); then `prefer` decides.
 * When neither reads it, the problem reported is the Russian one for a formula that looks Russian, else the
 * one of the spelling that got further.
 */
export function readFormula(text: string, opts: ReadOptions = {}): ReadFormula {
  if (opts.spelling) {
    const p = parseFormula(text, opts.spelling, opts);
    return p.ok ? { ...p, spelling: opts.spelling } : p;
  }
  const first: Spelling = opts.prefer ?? 'en';
  const second: Spelling = first === 'en' ? 'ru' : 'en';
  const a = parseFormula(text, first, opts);
  if (a.ok) return { ...a, spelling: first };
  const b = parseFormula(text, second, opts);
  if (b.ok) return { ...b, spelling: second };
  const [ru, en] = first === 'ru' ? [a, b] : [b, a];
  if (looksRussian(text)) return ru;
  if (ru.problem.reach === en.problem.reach) return first === 'ru' ? ru : en;
  return ru.problem.reach > en.problem.reach ? ru : en;
}

export interface Translation {
  text: string;
  /** 0-based offset in the translation → 0-based offset in the source, token by token. */
  sourceOffset(offset: number): number;
}

/** Writes lexed tokens in another spelling. */
export function spellTokens(tokens: readonly Token[], from: Spelling, to: Spelling): Translation {
  const out: string[] = [];
  const starts: number[] = [];
  const sources: number[] = [];
  let length = 0;
  const fromBool = BOOLEANS[from];
  tokens.forEach((t, i) => {
    let s = t.text;
    switch (t.kind) {
      case 'name': {
        const next = tokens[i + 1];
        if (next?.kind === 'lparen' && next.start === t.end) {
          const canonical = canonicalFunction(t.text, from);
          if (canonical) s = spellFunction(canonical, to);
        } else {
          const key = nameKey(t.text);
          if (key === fromBool.true) s = BOOLEANS[to].true;
          else if (key === fromBool.false) s = BOOLEANS[to].false;
        }
        break;
      }
      case 'number':
        s = t.text.replace(SEPARATORS[from].decimal, SEPARATORS[to].decimal);
        break;
      case 'error': {
        const code = errorCodeOf(t.text);
        if (code) s = ERROR_NAMES[to][code];
        break;
      }
      case 'argument':
        s = SEPARATORS[to].argument;
        break;
      case 'arrayColumn':
        s = SEPARATORS[to].arrayColumn;
        break;
      case 'arrayRow':
        s = SEPARATORS[to].arrayRow;
        break;
      default:
        break;
    }
    out.push(s);
    starts.push(length);
    sources.push(t.start);
    length += s.length;
  });
  return {
    text: out.join(''),
    sourceOffset(offset) {
      let k = 0;
      while (k + 1 < starts.length && (starts[k + 1] ?? Infinity) <= offset) k++;
      const delta = offset - (starts[k] ?? 0);
      const token = tokens[k];
      return (sources[k] ?? 0) + Math.min(delta, token ? Math.max(0, token.text.length - 1) : 0);
    },
  };
}

export type Canonical = { ok: true; formula: string; spelling: Spelling; ast: Node } | { ok: false; problem: FormulaSyntaxProblem };

/** The canonical (English) form of a formula as an analyst wrote it, or where it is broken. */
export function toCanonical(text: string, opts: ReadOptions = {}): Canonical {
  const r = readFormula(text, opts);
  if (!r.ok) return r;
  return { ok: true, formula: r.spelling === 'en' ? text : spellTokens(r.tokens, 'ru', 'en').text, spelling: r.spelling, ast: r.ast };
}

/**
 * A formula as a spelling writes it: a stored (canonical) one, or one already in either spelling. A formula that
 * reads in neither is translated token by token as English where it splits into tokens (a stored formula that
 * was broken when it was saved), else shown as it is.
 */
export function toSpelling(formula: string, spelling: Spelling, opts: Pick<ParseOptions, 'placeholders' | 'withoutEquals'> = {}): string {
  const r = readFormula(formula, { ...opts, prefer: 'en' });
  if (r.ok) return r.spelling === spelling ? formula : spellTokens(r.tokens, r.spelling, spelling).text;
  if (spelling === 'en') return formula;
  const lexed = lex(formula, 'en', opts);
  return lexed.ok ? spellTokens(lexed.tokens, 'en', spelling).text : formula;
}
