import { createApi } from '../app.ts';
import type { Sql } from '../db/database.ts';
import type { HttpSettings } from '../http/settings.ts';

export type TestApi = ReturnType<typeof createApi>;

/** Signs in through the real login route and returns the session cookie for later requests. */
export async function signIn(api: TestApi, login: string, password: string): Promise<string> {
  const res = await api.request('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

/** A multipart upload of one file, as the browser's import form sends it. */
export function upload(fileName: string, content: string | Uint8Array): FormData {
  const form = new FormData();
  form.append('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], fileName));
  return form;
}

/**
 * The API as the workspace's own pages call it: every request says it comes from this site's page
 * (Sec-Fetch-Site: same-origin, as a browser writes it), so the cross-site guard lets it through. Tests of
 * that guard use `createApi` itself.
 */
export function apiFor(sql: Sql, settings?: HttpSettings): TestApi {
  const api = createApi(sql, settings);
  const request = api.request.bind(api);
  api.request = (input, init, env, ctx) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin');
    return request(input, { ...init, headers }, env, ctx);
  };
  return api;
}
