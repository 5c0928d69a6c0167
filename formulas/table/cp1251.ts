/**
 * Windows-1251 encoding, for the registries that arrive as «CSV (разделители — запятые)» from Russian Excel:
 * the demo generator writes them, tests build them. TextDecoder reads 1251 everywhere, but nothing encodes it,
 * and no encoding package is a dependency, so the table is here, beside the reader in csv.ts.
 */

// Bytes 0x80–0xBF; 0xC0–0xFF are А–я in order. U+FFFD marks the one unassigned byte (0x98).
const HIGH_HALF =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\uFFFD™љ›њќћџ' +
  '\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕї';

const ENCODE = new Map<number, number>();
for (let i = 0; i < HIGH_HALF.length; i++) {
  const code = HIGH_HALF.charCodeAt(i);
  if (code !== 0xfffd) ENCODE.set(code, 0x80 + i);
}
for (let i = 0; i < 64; i++) ENCODE.set(0x0410 + i, 0xc0 + i);

const UNMAPPABLE = 0x3f; // «?», as Excel writes characters the code page lacks

/** Encodes text in Windows-1251; characters outside it become «?». */
export function encodeCp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 0x80 ? c : (ENCODE.get(c) ?? UNMAPPABLE);
  }
  return out;
}
