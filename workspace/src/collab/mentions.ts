import type { Colleague } from '../../../server/contract/users.ts';

/** The `@login` being typed just before the caret: where its `@` is and what follows it so far. */
export interface ActiveMention {
  /** index of the `@` */
  start: number;
  /** the letters typed after `@` (may be empty) */
  query: string;
}

/**
 * The mention the caret is in, or null. An `@` counts only at the start or after a character that cannot be
 * part of a login (so «a@b» in an e-mail address is no mention), the same rule `mentionsIn` reads with.
 */
export function activeMention(text: string, caret: number): ActiveMention | null {
  const before = text.slice(0, caret);
  // the query may be Cyrillic: «@пров» looks colleagues up by name
  const m = /(^|[^\p{L}0-9._-])@([\p{L}0-9._-]{0,64})$/u.exec(before);
  if (!m) return null;
  return { start: before.length - (m[2] as string).length - 1, query: (m[2] as string).toLowerCase() };
}

const fold = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');

/**
 * Colleagues to offer for a query: logins starting with it first, then names with a word starting with it
 * (so «@пров» finds Проверкин), the author himself left out; at most `limit`.
 */
export function suggestColleagues(all: readonly Colleague[], query: string, self: string, limit = 6): Colleague[] {
  const q = fold(query);
  const byLogin: Colleague[] = [];
  const byName: Colleague[] = [];
  for (const c of all) {
    if (c.login === self) continue;
    if (c.login.startsWith(q)) byLogin.push(c);
    else if (q && fold(c.fullName).split(/\s+/).some((w) => w.startsWith(q))) byName.push(c);
  }
  return [...byLogin, ...byName].slice(0, limit);
}

/** The text with the mention being typed replaced by `@login ` and the caret after it. */
export function insertMention(text: string, caret: number, mention: ActiveMention, login: string): { text: string; caret: number } {
  const head = `${text.slice(0, mention.start)}@${login} `;
  const tail = text.slice(caret).replace(/^\s+/, '');
  return { text: head + tail, caret: head.length };
}
