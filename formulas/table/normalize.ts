/**
 * Header text as compared: case, ё/е, spaces and line breaks, and trailing punctuation do not matter.
 * «Код дома\nпо ФИАС:» and «код дома по фиас» are the same header.
 */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
    .replace(/\s*([(),./:;№-])\s*/g, '$1')
    .replace(/[\s.,:;]+$/g, '')
    .trim();
}

// DOMAIN.md names these four; they are stripped as whole words at either end («р-н Абатский» too).
const DISTRICT_WORDS = /^(?:муниципальный район|мр|р-н|район)\s+|\s+(?:муниципальный район|мр|р-н|район)$/;

/**
 * Names of districts and settlements as compared by the checks: case, ё/е, spaces, punctuation and
 * the words «муниципальный район», «МР», «р-н», «район» do not matter.
 * «Абатский муниципальный район» = «р-н. Абатский» = «Абатский».
 */
export function normalizeName(text: string): string {
  let s = text.toLowerCase().replace(/ё/g, 'е').replace(/["'«»().,;:]/g, ' ').replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = s.replace(DISTRICT_WORDS, '').trim();
    if (next === s) break;
    s = next;
  }
  return s.replace(/[\s-]+/g, '');
}
