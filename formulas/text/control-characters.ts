/**
 * Control characters nobody types: C0 controls but tab, line feed and carriage return, and DEL. Postgres
 * refuses NUL in text outright; the others only hide in data. Text from users (request fields, cells of
 * uploaded files) is refused when it has one, with the character named.
 */
// the point of the expression is control characters
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The first control character of the text as «U+0000», null when there is none. */
export function controlCharacterIn(text: string): string | null {
  const m = CONTROL.exec(text);
  return m ? `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}
