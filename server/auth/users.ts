import type { Sql } from '../db/database.ts';
import { hashPassword } from './password.ts';
import type { Role } from '../contract/auth.ts';

/** Demo accounts: one per role, listed in the README. Created only when SVERKA_DEMO is on and no user exists. */
export const DEMO_USERS: { login: string; fullName: string; role: Role; password: string }[] = [
  { login: 'admin', fullName: 'Администратор системы', role: 'admin', password: 'admin-demo' },
  { login: 'analyst', fullName: 'Аналитикова Анна Сергеевна', role: 'analyst', password: 'analyst-demo' },
  { login: 'reviewer', fullName: 'Проверкин Иван Петрович', role: 'reviewer', password: 'reviewer-demo' },
  { login: 'reviewer2', fullName: 'Сверкина Мария Олеговна', role: 'reviewer', password: 'reviewer-demo' },
  { login: 'manager', fullName: 'Руководов Олег Николаевич', role: 'manager', password: 'manager-demo' },
];

/** An account as first start and tests make it (no password rule, no audit): administrators use `user-admin.ts`. */
export async function createUser(sql: Sql, u: { login: string; fullName: string; role: Role; password: string; rsoInn?: string }): Promise<number> {
  const hash = await hashPassword(u.password);
  const [row] = await sql<{ id: number }[]>`insert into users (login, full_name, role, password_hash, rso_inn, password_changed_at)
    values (${u.login}, ${u.fullName}, ${u.role}, ${hash}, ${u.rsoInn ?? null}, now()) returning id`;
  if (!row) throw new Error('user not created');
  return row.id;
}

/**
 * First start: a real deployment gets its first admin from SVERKA_ADMIN_LOGIN / SVERKA_ADMIN_PASSWORD;
 * a demo start gets the demo accounts. Nothing happens once any user exists.
 */
export async function ensureFirstUsers(sql: Sql, opts: { demo: boolean; adminLogin?: string | undefined; adminPassword?: string | undefined }): Promise<string[]> {
  const [{ count } = { count: 0 }] = await sql<{ count: number }[]>`select count(*)::int as count from users`;
  if (count > 0) return [];
  if (opts.adminPassword) {
    const login = opts.adminLogin ?? 'admin';
    await createUser(sql, { login, fullName: 'Администратор', role: 'admin', password: opts.adminPassword });
    return [login];
  }
  if (!opts.demo) return [];
  for (const u of DEMO_USERS) await createUser(sql, u);
  return DEMO_USERS.map((u) => u.login);
}
