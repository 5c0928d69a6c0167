/**
 * The two ways a formula is written: as English Excel (and HyperFormula) writes it, `=AND([a]>0, [b]<1.5)`,
 * and as Russian Excel does, `=И([a]>0; [b]<1,5)`. Function names come from HyperFormula's ruRU dictionary,
 * corrected where it differs from Russian Excel.
 */
import ruRU from 'hyperformula/i18n/languages/ruRU';

export type Spelling = 'en' | 'ru';

/** Separators of a spelling: arguments, decimals, and the columns and rows of an array literal. */
export interface Separators {
  argument: string;
  decimal: string;
  arrayColumn: string;
  arrayRow: string;
}

/** Russian Excel separates array columns with «\» and rows with «;», since «,» is its decimal comma. */
export const SEPARATORS: Record<Spelling, Separators> = {
  en: { argument: ',', decimal: '.', arrayColumn: ',', arrayRow: ';' },
  ru: { argument: ';', decimal: ',', arrayColumn: '\\', arrayRow: ';' },
};

/**
 * Where HyperFormula's ruRU says otherwise than Russian Excel (VALUE is ЗНАЧЕН there, IFS is ЕСЛИМН), and
 * functions Excel has and HyperFormula does not (CONCAT, СЦЕП). The dictionary's own names stay accepted.
 */
const RUSSIAN_EXCEL: Record<string, string> = {
  VALUE: 'ЗНАЧЕН',
  IFS: 'ЕСЛИМН',
  DATEDIF: 'РАЗНДАТ',
  SWITCH: 'ПЕРЕКЛЮЧ',
  CONCAT: 'СЦЕП',
};

/** Names are compared upper-cased with ё as е: Excel's СЧЁТ is typed as СЧЕТ as often as not. */
export const nameKey = (name: string): string => name.toUpperCase().replaceAll('Ё', 'Е');

interface Dictionary {
  /** English name → its Russian name. */
  toRussian: Map<string, string>;
  /** nameKey(Russian name) → English name. */
  fromRussian: Map<string, string>;
  /** English names. */
  english: Set<string>;
}

function dictionary(): Dictionary {
  const toRussian = new Map<string, string>();
  const fromRussian = new Map<string, string>();
  const english = new Set<string>();
  for (const [en, ru] of Object.entries(ruRU.functions as Record<string, string>)) {
    english.add(en);
    const name = RUSSIAN_EXCEL[en] ?? (ru || en);
    toRussian.set(en, name);
    fromRussian.set(nameKey(name), en);
    if (ru) fromRussian.set(nameKey(ru), en);
  }
  for (const [en, ru] of Object.entries(RUSSIAN_EXCEL)) {
    english.add(en);
    toRussian.set(en, ru);
    fromRussian.set(nameKey(ru), en);
  }
  return { toRussian, fromRussian, english };
}

const DICTIONARY = dictionary();

/**
 * The English (canonical) name of a function written in a spelling, or null when the spelling has no such
 * function. Each spelling knows only its own names, so `SUM(1,5)` can never be read as Russian and
 * `СУММ(1,5)` never as English; names that are the same in both (ABS, LN) belong to both.
 */
export function canonicalFunction(name: string, spelling: Spelling): string | null {
  const key = nameKey(name);
  if (spelling === 'ru') return DICTIONARY.fromRussian.get(key) ?? null;
  return DICTIONARY.english.has(key) ? key : null;
}

/** The name of a canonical (English) function in a spelling. */
export function spellFunction(canonical: string, spelling: Spelling): string {
  return spelling === 'en' ? canonical : (DICTIONARY.toRussian.get(canonical) ?? canonical);
}

/** Whether a function is known to the dictionary at all: HyperFormula evaluates those the row evaluator does not. */
export const knownFunction = (canonical: string): boolean => DICTIONARY.english.has(canonical);

export const BOOLEANS: Record<Spelling, { true: string; false: string }> = {
  en: { true: 'TRUE', false: 'FALSE' },
  ru: { true: 'ИСТИНА', false: 'ЛОЖЬ' },
};

/** Error codes and how each spelling writes them. */
export const ERROR_CODES = ['DIV0', 'VALUE', 'NAME', 'NA', 'NUM', 'REF', 'NULL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_NAMES: Record<Spelling, Record<ErrorCode, string>> = {
  en: { DIV0: '#DIV/0!', VALUE: '#VALUE!', NAME: '#NAME?', NA: '#N/A', NUM: '#NUM!', REF: '#REF!', NULL: '#NULL!' },
  ru: { DIV0: '#ДЕЛ/0!', VALUE: '#ЗНАЧ!', NAME: '#ИМЯ?', NA: '#Н/Д', NUM: '#ЧИСЛО!', REF: '#ССЫЛКА!', NULL: '#ПУСТО!' },
};

/** The error code a literal such as `#DIV/0!` or `#ДЕЛ/0!` stands for, in either spelling. */
export function errorCodeOf(literal: string): ErrorCode | null {
  const key = literal.toUpperCase();
  for (const s of ['en', 'ru'] as const) {
    for (const code of ERROR_CODES) if (ERROR_NAMES[s][code] === key) return code;
  }
  return null;
}
