import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../app.ts';
import type { Database } from '../db/database.ts';
import { G, openRegion, post, register, registryCsv, type Sessions } from '../registries/testing.ts';
import { testDatabases } from '../testing/databases.ts';
import type { TestApi } from '../testing/http.ts';
import { createWebApp } from '../web.ts';
import { JSON_BODY_LIMIT, UPLOAD_LIMITS } from './body-limits.ts';
import { DEFAULT_HTTP_SETTINGS } from './settings.ts';

const JSON_TYPE = { 'content-type': 'application/json' };
const message = async (res: Response): Promise<string> => ((await res.json()) as { message: string }).message;

/** The edge every request passes (ASVS V13.2, V12.1, V5.1, V14.4): CSRF, bodies, control characters, headers. */
describe.each(testDatabases())('the HTTP edge on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let raw: TestApi;
  let s: Sessions;
  let id: number;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
    // as a browser on another page sends it: no Sec-Fetch-Site added
    raw = createApi(db.sql);
    const { registry } = await register(api, s.reviewer, 'csrf.csv', registryCsv('октябрь 2026', [[G[0]!, '10', '70,70'], [G[1]!, '10', '70,70'], [G[2]!, '10', '70,70']]));
    id = registry.id;
    expect((await post(api, s.reviewer, `/registries/${id}/take`)).status).toBe(200);
  });
  afterAll(async () => {
    await db.close();
  });

  const agreed = async (): Promise<number> => {
    const [r] = await db.sql<{ n: number }[]>`select rows_agreed as n from registries where id = ${id}`;
    return r?.n ?? -1;
  };

  it('refuses the same-site form attack on «согласовать все без ошибок» with 403, and nothing is agreed', async () => {
    const attacks: Record<string, string>[] = [
      // a page of the same host on another port: SameSite=Lax sends the cookie, the browser says so
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8080', 'sec-fetch-site': 'same-site' },
      { 'content-type': 'text/plain', origin: 'http://localhost:8080', 'sec-fetch-site': 'same-site' },
      { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      // an old browser that names neither
      { 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of attacks) {
      const res = await raw.request(`/registries/${id}/rows/agree-clean`, { method: 'POST', headers: { ...headers, cookie: s.reviewer }, body: 'a=1' });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ code: 'cross_site', message: expect.stringContaining('не со страницы «Сверки»') });
    }
    // JSON from another origin, should CORS ever let it through
    const foreign = await raw.request(`/registries/${id}/rows/agree-clean`, { method: 'POST', headers: { cookie: s.reviewer, origin: 'http://localhost:8080' } });
    expect(foreign.status).toBe(403);
    expect(await agreed()).toBe(0);
    const [audit] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'registry.agree_clean'`;
    expect(audit?.n).toBe(0);
    // the workspace's own page: the browser says same-origin, or names our origin
    expect((await raw.request(`/registries/${id}/rows/agree-clean`, { method: 'POST', headers: { cookie: s.reviewer, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'ошибок нет' }) })).status).toBe(200);
    expect(await agreed()).toBe(3);
    expect((await raw.request(`/registries/${id}/rows/agree-clean`, { method: 'POST', headers: { cookie: s.reviewer, origin: 'http://localhost', 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'ошибок нет' }) })).status).toBe(200);
    // a program (no browser headers, JSON) is not a forged browser request
    expect((await raw.request('/auth/me', { headers: { cookie: s.reviewer } })).status).toBe(200);
  });

  it('checks the origin against the public one behind a trusted TLS proxy only', async () => {
    const behind = createApi(db.sql, { ...DEFAULT_HTTP_SETTINGS, trustProxy: true });
    const headers = { cookie: s.admin, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://sverka.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sverka.example' };
    expect((await behind.request('/auth/logout', { method: 'POST', headers, body: 'a=1' })).status).not.toBe(403);
    expect((await raw.request('/auth/logout', { method: 'POST', headers, body: 'a=1' })).status).toBe(403);
  });

  it('takes JSON only as application/json and bounds every body', async () => {
    const plain = await api.request(`/registries/${id}/refuse`, { method: 'POST', headers: { cookie: s.reviewer, 'content-type': 'text/plain' }, body: '{"reason":"x"}' });
    expect(plain.status).toBe(415);
    expect(await message(plain)).toMatch(/application\/json/);
    const big = await api.request('/auth/login', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ login: 'a', password: 'x'.repeat(JSON_BODY_LIMIT) }) });
    expect(big.status).toBe(413);
    expect(await message(big)).toBe('Тело запроса больше 1 МБ');
    // sent in chunks, without a length: counted while read
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = await api.request('/auth/login', { method: 'POST', headers: JSON_TYPE, body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    const broken = await api.request('/auth/login', { method: 'POST', headers: JSON_TYPE, body: '{"login":' });
    expect(broken.status).toBe(400);
    expect(await message(broken)).toBe('Тело запроса — не JSON');
    const form = new FormData();
    form.append('file', new File([new Uint8Array(UPLOAD_LIMITS.registry + 1)], 'big.csv'));
    const upload = await api.request('/registries', { method: 'POST', headers: { cookie: s.reviewer }, body: form });
    expect(upload.status).toBe(413);
    expect(await message(upload)).toBe('Файл больше 50 МБ');
    const notForm = await api.request('/registries', { method: 'POST', headers: { cookie: s.reviewer, ...JSON_TYPE }, body: '{}' });
    expect(notForm.status).toBe(415);
  });

  it('refuses NUL and other control characters in the path, the query and the body with 400 and the field named', async () => {
    const q = await api.request('/registries?rso=%00', { headers: { cookie: s.reviewer } });
    expect(q.status).toBe(400);
    expect(await q.json()).toEqual({ code: 'control_character', message: 'Недопустимый управляющий символ U+0000 в параметре «rso»: уберите его и повторите' });
    const reason = await post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Не согласован', reason: 'причина\u0000' });
    expect(reason.status).toBe(400);
    expect(await message(reason)).toBe('Недопустимый управляющий символ U+0000 в поле «reason»: уберите его и повторите');
    const nested = await post(api, s.analyst, '/standards/groups/x/services', { changes: [{ service: 'ХВС\u001b' }] });
    expect(await message(nested)).toContain('в поле «changes[0].service»');
    expect((await api.request('/standards/houses/%00', { headers: { cookie: s.reviewer } })).status).toBe(400);
    const form = new FormData();
    form.append('file', new File(['x'], 'имя\u0007.csv'));
    form.append('comment', 'ок');
    const upload = await api.request('/registries', { method: 'POST', headers: { cookie: s.reviewer }, body: form });
    expect(upload.status).toBe(400);
    expect(await message(upload)).toContain('в поле «имя файла»');
    // line breaks and tabs are text
    expect((await post(api, s.reviewer, `/registries/${id}/complete`, { status: 'Согласован', reason: 'строка 1\nстрока\t2' })).status).not.toBe(400);
  });

  it('answers an unknown API address with JSON 404 and sends the security headers everywhere', async () => {
    const site = createWebApp(db.sql, '/nonexistent');
    for (const method of ['GET', 'POST']) {
      const res = await site.request('/api/no/such/thing', { method, headers: { 'sec-fetch-site': 'same-origin' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ code: 'not_found', message: 'Нет такого адреса API' });
    }
    for (const path of ['/api/auth/me', '/', '/review/1']) {
      const res = await site.request(path);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('marks the session cookie Secure behind a trusted TLS proxy, or always when told', async () => {
    const cookieOf = async (settings: typeof DEFAULT_HTTP_SETTINGS, headers: Record<string, string>): Promise<string> => {
      const res = await createApi(db.sql, settings).request('/auth/login', { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ login: 'manager', password: 'manager-demo' }) });
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie') ?? '';
    };
    const tls = { 'x-forwarded-proto': 'https' };
    expect(await cookieOf(DEFAULT_HTTP_SETTINGS, {})).not.toMatch(/Secure/);
    expect(await cookieOf(DEFAULT_HTTP_SETTINGS, tls)).not.toMatch(/Secure/);
    expect(await cookieOf({ ...DEFAULT_HTTP_SETTINGS, trustProxy: true }, tls)).toMatch(/; Secure/);
    expect(await cookieOf({ ...DEFAULT_HTTP_SETTINGS, secureCookie: true }, {})).toMatch(/; Secure/);
    expect(await cookieOf(DEFAULT_HTTP_SETTINGS, {})).toMatch(/Max-Age=43200/);
  });
});
