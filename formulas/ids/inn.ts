import { fail, ok, type Parsed } from '../problem.ts';

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  return (sum % 11) % 10;
}

/** ИНН: 10 digits (organisation) or 12 (individual) with check digits (ФНС algorithm). */
export function parseInn(raw: string): Parsed<string> {
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return fail(`ИНН должен состоять из цифр, получено «${raw}»`);
  if (s.length === 10) {
    if (checkDigit(s, W10) !== Number(s[9])) return fail(`неверное контрольное число ИНН «${s}»`);
    return ok(s);
  }
  if (s.length === 12) {
    if (checkDigit(s, W11) !== Number(s[10]) || checkDigit(s, W12) !== Number(s[11])) {
      return fail(`неверное контрольное число ИНН «${s}»`);
    }
    return ok(s);
  }
  return fail(`ИНН должен содержать 10 или 12 цифр, получено ${s.length}: «${s}»`);
}

/** Completes 9 digits into a valid organisation ИНН (used by the demo generator and tests). */
export function completeInn10(first9: string): string {
  return first9 + String(checkDigit(first9, W10));
}
