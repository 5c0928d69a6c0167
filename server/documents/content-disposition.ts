const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
};

/** «Письмо СВ-2026-000017.docx» → «Pismo SV-2026-000017.docx»: the plain-ASCII name for clients without RFC 5987. */
export function asciiFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const latin = LATIN[lower];
    if (latin !== undefined) out += ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    else out += /[\x20-\x7e]/.test(ch) && ch !== '"' && ch !== '\\' && ch !== '%' ? ch : '_';
  }
  return out;
}

/** RFC 5987 `ext-value`: UTF-8, percent-encoding everything outside `attr-char`. */
const encode5987 = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment; filename="Pismo ….docx"; filename*=UTF-8''%D0%9F…` (RFC 6266 with an RFC 5987 UTF-8 name). */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encode5987(fileName)}`;
}
