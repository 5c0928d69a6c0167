import { fail, ok, type Parsed } from '../problem.ts';

/** Remainder of a long decimal string by a small modulus, without losing precision to floats. */
function mod(digits: string, m: number): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % m;
  return r;
}

/** ОГРН (13 digits) or ОГРНИП (15 digits) with its check digit. */
export function parseOgrn(raw: string): Parsed<string> {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return fail(`ОГРН должен состоять из цифр, получено «${raw}»`);
  if (s.length === 13) {
    if (mod(s.slice(0, 12), 11) % 10 !== Number(s[12])) return fail(`неверное контрольное число ОГРН «${s}»`);
    return ok(s);
  }
  if (s.length === 15) {
    if (mod(s.slice(0, 14), 13) % 10 !== Number(s[14])) return fail(`неверное контрольное число ОГРНИП «${s}»`);
    return ok(s);
  }
  return fail(`ОГРН должен содержать 13 цифр (ОГРНИП — 15), получено ${s.length}: «${s}»`);
}

/** Completes 12 digits into a valid ОГРН (used by the demo generator and tests). */
export function completeOgrn(first12: string): string {
  return first12 + String(mod(first12, 11) % 10);
}
