import { createMiddleware } from 'hono/factory';
import { controlCharacterIn } from '../../formulas/text/control-characters.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

const refused = (where: string, control: string): ApiError =>
  new ApiError(400, 'control_character', `Недопустимый управляющий символ ${control} в ${where}: уберите его и повторите`);

/** The first string of a JSON value (keys too) with a control character: its place and the character. */
function controlIn(value: unknown, path: string): [string, string] | null {
  if (typeof value === 'string') {
    const c = controlCharacterIn(value);
    return c ? [path, c] : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = controlIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = controlCharacterIn(k);
      if (key) return [path ? `${path}.${k}` : k, key];
      const found = controlIn(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Validation at the edge (ASVS V5.1): text with a control character (NUL above all, which Postgres refuses) in
 * the path, the query or a JSON body is refused here with 400 and the field named, before any route reads it.
 * A body that is not JSON though it says so is refused too. Uploaded forms are checked by their routes
 * (`refuseControlCharacters`), after their own size limit.
 */
export const cleanInput = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new ApiError(400, 'invalid_path', 'Некорректный адрес запроса');
  }
  const inPath = controlCharacterIn(path);
  if (inPath) throw refused('адресе запроса', inPath);
  for (const [key, value] of url.searchParams) {
    const c1 = controlCharacterIn(key) ?? controlCharacterIn(value);
    if (c1) throw refused(`параметре «${key.replace(/[^\p{L}\p{N}_.-]/gu, '?')}»`, c1);
  }
  if (JSON_TYPE.test(c.req.header('content-type') ?? '') && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    // read as text (kept by Hono for the route's validator): an empty body is the route's to judge
    const text = await c.req.text();
    let json: unknown = null;
    try {
      if (text.trim() !== '') json = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_json', 'Тело запроса — не JSON');
    }
    const found = controlIn(json, '');
    if (found) throw refused(`поле «${found[0].replace(/[^\p{L}\p{N}_.[\]-]/gu, '?') || 'запрос'}»`, found[1]);
  }
  await next();
});

/** For an upload route: the form's text fields and the file's name, refused like the edge refuses JSON. */
export function refuseControlCharacters(fields: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(fields)) {
    const c = v === undefined ? null : controlCharacterIn(v);
    if (c) throw refused(`поле «${k}»`, c);
  }
}
