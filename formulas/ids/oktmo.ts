import { fail, ok, type Parsed } from '../problem.ts';

/** ОКТМО: 8 digits (municipal formation) or 11 (settlement). Leading zeros are significant. */
export function parseOktmo(raw: string): Parsed<string> {
  const s = raw.trim();
  if (!/^\d{8}$|^\d{11}$/.test(s)) {
    return fail(`ОКТМО должен содержать 8 или 11 цифр, получено «${raw}»`);
  }
  return ok(s);
}
