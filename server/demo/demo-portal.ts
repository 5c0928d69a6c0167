import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '../auth/users.ts';
import type { SessionUser } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';
import { postMessage } from '../registries/portal.ts';
import type { DemoSummary } from './manifest.ts';

/** The demo РСО accounts (README): two organisations with registries in the demo, one password. */
export const DEMO_RSO_LOGINS = ['rso', 'rso2'] as const;
export const DEMO_RSO_PASSWORD = 'rso-demo';

/**
 * Creates `rso` and `rso2` for the two organisations with the most registries in the demo's manifest (ties by
 * ИНН), once their organisations are loaded. Nothing when they exist. Returns the logins created.
 */
export async function ensureDemoRsoUsers(sql: Sql, dir: string): Promise<string[]> {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  const [exists] = await sql`select 1 from users where login = ${DEMO_RSO_LOGINS[0]}`;
  if (exists) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as DemoSummary;
  const counts = new Map<string, number>();
  for (const f of manifest.files) if (f.registry) counts.set(f.registry.inn, (counts.get(f.registry.inn) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([inn]) => inn);
  const orgs = await sql<{ inn: string; name: string }[]>`select inn, name from organisations where inn = any(${ranked})`;
  const named = new Map(orgs.map((o) => [o.inn, o.name]));
  const chosen = ranked.filter((inn) => named.has(inn)).slice(0, DEMO_RSO_LOGINS.length);
  const created: string[] = [];
  for (const [k, inn] of chosen.entries()) {
    const login = DEMO_RSO_LOGINS[k] ?? 'rso';
    await createUser(sql, { login, fullName: `Сотрудник ${named.get(inn) ?? inn}`, role: 'rso', password: DEMO_RSO_PASSWORD, rsoInn: inn });
    created.push(login);
  }
  return created;
}

/** The demo РСО users by ИНН: whose registries of the last month come in through the portal. */
export async function demoRsoUsers(sql: Sql): Promise<Map<string, SessionUser>> {
  const rows = await sql<{ id: number; login: string; full_name: string; rso_inn: string }[]>`
    select id, login, full_name, rso_inn from users where login = any(${[...DEMO_RSO_LOGINS]}) and role = 'rso' and active`;
  return new Map(rows.map((u) => [u.rso_inn, { id: u.id, login: u.login, fullName: u.full_name, role: 'rso' as const, rsoInn: u.rso_inn }]));
}

/**
 * One correspondence of the demo: a demo reviewer asks about a row of the first portal registry of `rso`, and the
 * РСО answers. Once: nothing when any message exists.
 */
export async function demoCorrespondence(sql: Sql): Promise<void> {
  const [any] = await sql`select 1 from portal_messages limit 1`;
  if (any) return;
  const [reg] = await sql<{ id: number; rso_inn: string; row_no: number }[]>`
    select r.id::int as id, r.rso_inn, (select min(row_no) from registry_rows where registry_id = r.id) as row_no
    from registries r join users u on u.rso_inn = r.rso_inn and u.login = ${DEMO_RSO_LOGINS[0]}
    where r.via_portal order by r.id limit 1`;
  const [reviewer] = await sql<{ id: number; login: string; full_name: string }[]>`select id, login, full_name from users where login = 'reviewer'`;
  const rso = (await demoRsoUsers(sql)).get(reg?.rso_inn ?? '');
  if (!reg || !reviewer || !rso) return;
  await postMessage(sql, { id: reviewer.id, login: reviewer.login, fullName: reviewer.full_name, role: 'reviewer' }, reg.id, 'Добрый день. Прошу пояснить объём по этому дому: он заметно выше прошлых месяцев.', reg.row_no);
  await postMessage(sql, rso, reg.id, 'Здравствуйте. В доме с прошлого месяца работает новый общедомовой прибор учёта, акт ввода направим письмом.', reg.row_no);
}
