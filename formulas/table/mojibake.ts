import { encodeCp1251 } from './cp1251.ts';
import { cellText, type Grid } from './grid.ts';

/**
 * Mojibake: Russian text that was decoded in the wrong encoding somewhere before it reached us and saved so.
 * - UTF-8 read as Windows-1251: every Cyrillic letter becomes «Р» or «С» and one more character («РќР°»);
 * - Windows-1251 read as Latin-1 / Windows-1252: Cyrillic becomes accented Latin letters («Íàèìåíîâàíèå»);
 * - a program that could not decode at all: replacement characters «�».
 * Such a file has no header we can find; the hint says why and what the text was meant to say.
 */

// the second character of a UTF-8 Cyrillic letter read as 1251: bytes 0x80–0xBF
const UTF8_AS_1251 = /[РС][ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕї]/g;
const LATIN_AS_CYRILLIC = /[\u00C0-\u00FF]/g;
const CYRILLIC = /[\u0400-\u04FF]/g;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** What the text was meant to say, when it reads back cleanly; null otherwise. */
function repaired(text: string, kind: 'utf8-as-1251' | '1251-as-latin'): string | null {
  try {
    if (kind === 'utf8-as-1251') return new TextDecoder('utf-8', { fatal: true }).decode(encodeCp1251(text));
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
    return new TextDecoder('windows-1251').decode(bytes);
  } catch {
    return null;
  }
}

/** A Russian hint when the grid's text looks mis-decoded; null when it does not. */
export function encodingHint(grid: Grid): string | null {
  for (let r = 0; r < grid.length; r++) {
    for (const cell of grid[r] ?? []) {
      const text = cellText(cell);
      if (text.length < 3) continue;
      const sample = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      if (text.includes('\uFFFD')) {
        return `похоже, файл сохранён в неверной кодировке (строка ${r + 1}: «${sample}» содержит «�» вместо букв): сохраните его заново из исходного файла как UTF-8 или Windows-1251`;
      }
      const pairs = count(text, UTF8_AS_1251);
      if (pairs >= 2 && pairs * 2 >= count(text, CYRILLIC) * 0.6) {
        const meant = repaired(text, 'utf8-as-1251');
        return `похоже, текст в неверной кодировке: UTF-8, прочитанный как Windows-1251 (строка ${r + 1}: «${sample}»${meant ? ` — должно быть «${meant.slice(0, 40)}»` : ''}); откройте исходный файл как UTF-8 и сохраните заново`;
      }
      const latin = count(text, LATIN_AS_CYRILLIC);
      if (latin >= 3 && count(text, CYRILLIC) === 0 && latin * 2 >= text.replace(/[\s\d\p{P}]/gu, '').length) {
        const meant = repaired(text, '1251-as-latin');
        return `похоже, текст в неверной кодировке: Windows-1251, прочитанный как Latin-1 (строка ${r + 1}: «${sample}»${meant ? ` — должно быть «${meant.slice(0, 40)}»` : ''}); откройте исходный файл как Windows-1251 (кириллица) и сохраните заново`;
      }
    }
  }
  return null;
}
