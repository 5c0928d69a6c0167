/** A small region in a test database, and registries to register through the API: the real readers, the real routes. */
import { expect } from 'vitest';
import { ensureFirstUsers } from '../auth/users.ts';
import { G, housesCsv, organisationsCsv, registryCsv, tariffsCsv } from '../checks/testing.ts';
import type { Database, Sql } from '../db/database.ts';
import { importReference } from '../reference/import-reference.ts';
import { openMigrated, type TestDatabase } from '../testing/databases.ts';
import { apiFor, signIn, type TestApi } from '../testing/http.ts';
import type { RegistrationOutcome } from '../contract/registries.ts';

export { G, registryCsv };

const enc = (s: string) => new TextEncoder().encode(s);

/** Demo accounts and the three-house reference of server/checks/testing.ts. */
export async function seedRegion(sql: Sql): Promise<void> {
  await ensureFirstUsers(sql, { demo: true });
  for (const [kind, text] of [['organisations', organisationsCsv], ['houses', housesCsv], ['tariffs', tariffsCsv]] as const) {
    const r = await importReference(sql, { kind, fileName: `${kind}.csv`, bytes: enc(text), actorId: null });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
  }
}

export type Sessions = Record<'admin' | 'analyst' | 'reviewer' | 'reviewer2' | 'manager', string>;

export async function signInAll(api: TestApi): Promise<Sessions> {
  const s = {} as Sessions;
  for (const login of ['admin', 'analyst', 'reviewer', 'reviewer2', 'manager'] as const) {
    s[login] = await signIn(api, login, login.startsWith('reviewer') ? 'reviewer-demo' : `${login}-demo`);
  }
  return s;
}

/** A migrated database with seedRegion's accounts and reference, the API over it, and every demo role signed in. */
export async function openRegion(target: TestDatabase): Promise<{ db: Database; api: TestApi; s: Sessions }> {
  const db = await openMigrated(target);
  await seedRegion(db.sql);
  const api = apiFor(db.sql);
  return { db, api, s: await signInAll(api) };
}

export function registrationForm(fileName: string, content: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new File([enc(content)], fileName));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

export async function register(api: TestApi, cookie: string, fileName: string, content: string, fields: Record<string, string> = {}): Promise<RegistrationOutcome> {
  const res = await api.request('/registries', { method: 'POST', headers: { cookie }, body: registrationForm(fileName, content, fields) });
  const body = (await res.json()) as RegistrationOutcome;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

export function post(api: TestApi, cookie: string, path: string, body: unknown = {}): Promise<Response> {
  return Promise.resolve(api.request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

export async function get<T>(api: TestApi, cookie: string, path: string): Promise<T> {
  const res = await api.request(path, { headers: { cookie } });
  const body = (await res.json()) as T;
  expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}
