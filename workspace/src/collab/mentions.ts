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

/** The text with the mention being typed replaced by `@name ` (see mentionName) and the caret after it. */
export function insertMention(text: string, caret: number, mention: ActiveMention, name: string): { text: string; caret: number } {
  const head = `${text.slice(0, mention.start)}@${name} `;
  const tail = text.slice(caret).replace(/^\s+/, '');
  return { text: head + tail, caret: head.length };
}

/**
 * How a mention reads in the comment box and in the comment: «Проверкин Иван Петрович» → «Иван Проверкин» (given
 * name and family name, as colleagues call each other); a one- or two-word name as it is.
 */
export function mentionName(fullName: string): string {
  const w = fullName.trim().split(/\s+/).filter(Boolean);
  return w.length >= 3 ? `${w[1]} ${w[0]}` : w.join(' ');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The comment as it is stored: each `@name` the author chose from the list (`chosen`: name → login) written back
 * as `@login`, which the shared document reads the mentions from (mentionsIn) and the comment shows as the name.
 * A name the author has since edited is no longer a mention, only text. Longer names first, so «@Иван Петров»
 * is not taken for «@Иван Петровский».
 */
export function storedMentions(text: string, chosen: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [name, login] of [...chosen].sort((a, b) => b[0].length - a[0].length)) {
    out = out.replace(new RegExp(`@${escapeRegExp(name)}(?![\\p{L}0-9_-])`, 'gu'), `@${login}`);
  }
  return out;
}

/** A stored comment as it reads: each `@login` it mentions written as `@Имя Фамилия` (an unknown login stays). */
export function namedMentions(text: string, mentions: readonly string[], colleagues: readonly Colleague[]): string {
  return text.replace(/@([a-z0-9._-]{3,64})/g, (whole, login: string) => {
    const bare = login.replace(/[.]+$/, '');
    const c = mentions.includes(bare) ? colleagues.find((x) => x.login === bare) : undefined;
    return c ? `@${mentionName(c.fullName)}${login.slice(bare.length)}` : whole;
  });
}
