import { describe, expect, it } from 'vitest';
import { createApi } from '../app.ts';
import type { Sql } from '../db/database.ts';
import type { OpenApiDocument } from './openapi.ts';

// the document is read off the router: no request reaches the database
const api = createApi(undefined as unknown as Sql);
const documentOf = async (): Promise<OpenApiDocument> => (await (await api.request('/openapi.json')).json()) as OpenApiDocument;
const openPath = (path: string): string => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

describe('the OpenAPI document', () => {
  it('describes every route of the router, and only those', async () => {
    const doc = await documentOf();
    expect(doc.openapi).toBe('3.1.0');
    const routes = new Set(api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openPath(r.path)}`));
    const described = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...described].sort()).toEqual([...routes].sort());
    expect(routes.size).toBeGreaterThan(80);
  });

  it('names the roles of every route, and only sign-in, the citizens\' calculator and the description itself are public', async () => {
    const doc = await documentOf();
    const open = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op['x-roles'] === 'public').map(([m]) => `${m} ${path}`));
    expect(open.sort()).toEqual(['get /calculator/houses', 'get /calculator/params', 'get /docs', 'get /openapi.json', 'post /auth/login', 'post /auth/logout', 'post /calculator/subsidy']);
    const users = doc.paths['/users']?.post;
    expect(users?.['x-roles']).toEqual(['admin']);
    expect(users?.security).toEqual([{ session: [] }]);
  });

  it('gives the schemas a request is validated with: JSON bodies, multipart uploads with their file, query and path parameters', async () => {
    const doc = await documentOf();
    const user = doc.paths['/users']?.post?.requestBody?.content['application/json']?.schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(user.properties)).toEqual(expect.arrayContaining(['login', 'fullName', 'role', 'password', 'rsoInn']));
    expect(user.required).toEqual(expect.arrayContaining(['login', 'fullName', 'role', 'password']));

    const submit = doc.paths['/portal/registries']?.post;
    expect(submit?.['x-roles']).toEqual(['rso']);
    expect(submit?.security).toContainEqual({ apiToken: [] });
    const form = submit?.requestBody?.content['multipart/form-data']?.schema as { properties: Record<string, unknown>; required: string[] };
    expect(form.properties.file).toEqual({ type: 'string', format: 'binary' });
    expect(form.required).toEqual(expect.arrayContaining(['file', 'letterOutNo', 'letterOutDate']));

    const list = doc.paths['/registries']?.get?.parameters ?? [];
    expect(list.find((p) => p.name === 'status')).toMatchObject({ in: 'query', required: false });
    const row = Object.entries(doc.paths).find(([path]) => path.startsWith('/registries/{id}/rows/{rowNo}'));
    expect(row?.[1].get?.parameters?.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['id', 'rowNo']);
  });

  it('is readable at /docs as a page', async () => {
    const res = await api.request('/docs');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('POST /api/portal/registries');
    expect(page).not.toMatch(/<script/i);
  });
});
