/**
 * How a colleague looks in live co-review: a colour of his own (the same in every browser, from the login
 * alone, so nobody has to agree on it), initials for the grid's markers and a short name for captions.
 */

/** Twelve colours that read on white and on the grid's row tints (text on them is white, contrast ≥ 4.5). */
export const PRESENCE_COLOURS = [
  '#1f5fa8', '#b03a2e', '#1d6b3a', '#7b3fa0', '#a0522d', '#00707a',
  '#8a3b6b', '#4a5a14', '#3f51b5', '#a8381c', '#2e6a8f', '#6b4e16',
] as const;

/** FNV-1a over the login's UTF-16 code units: stable, spreads neighbouring logins apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The colour of a login (case does not matter: logins are stored lower-case). */
export const colourOf = (login: string): string => PRESENCE_COLOURS[hash(login.trim().toLowerCase()) % PRESENCE_COLOURS.length] as string;

const words = (fullName: string): string[] => fullName.trim().split(/\s+/).filter(Boolean);

/** «Проверкин Иван Петрович» → «ПИ»; a one-word name → its first two letters; nothing → «?». */
export function initialsOf(fullName: string): string {
  const w = words(fullName);
  if (w.length === 0) return '?';
  if (w.length === 1) return (w[0] as string).slice(0, 2).toUpperCase();
  return ((w[0] as string)[0]! + (w[1] as string)[0]!).toUpperCase();
}

/** «Проверкин Иван Петрович» → «Проверкин И.П.», as documents of the regulator write a person. */
export function shortName(fullName: string): string {
  const [family, ...rest] = words(fullName);
  if (!family) return '';
  const initials = rest.map((w) => `${w[0]!.toUpperCase()}.`).join('');
  return initials ? `${family} ${initials}` : family;
}
