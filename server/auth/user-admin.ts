import { appendAudit } from '../audit/audit-log.ts';
import { notifySessionsEnded } from './sessions-ended.ts';
import type { Sql } from '../db/database.ts';
import { parseInn } from '../../formulas/ids/inn.ts';
import { ROLES, type Role } from '../contract/auth.ts';
import type { NewUser, UserAccount } from '../contract/users.ts';
import { passwordProblem } from '../../formulas/text/password-rule.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { tokenHash } from './sessions.ts';

/**
 * User administration as commands: validated, written with their audit record in one transaction. The audit
 * names the account and what changed, never a password or a hash. Used by the routes (`routes/users.ts`) and
 * by `sverka user …` (`cli/user-command.ts`); both turn a `UserAdminError` into a Russian answer.
 */
export class UserAdminError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LOGIN = /^[a-z0-9._-]{3,64}$/;

const ACCOUNT_COLUMNS = (sql: Sql) => sql`u.login, u.full_name as "fullName", u.role, u.active, u.rso_inn as "rsoInn", o.name as "rsoName",
  to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  to_char(u.password_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "passwordChangedAt",
  to_char(u.disabled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "disabledAt"`;

export async function listAccounts(sql: Sql): Promise<UserAccount[]> {
  const rows = await sql<UserAccount[]>`select ${ACCOUNT_COLUMNS(sql)} from users u left join organisations o on o.inn = u.rso_inn order by u.active desc, u.full_name, u.login`;
  return [...rows];
}

export async function accountOf(sql: Sql, login: string): Promise<UserAccount> {
  const [row] = await sql<UserAccount[]>`select ${ACCOUNT_COLUMNS(sql)} from users u left join organisations o on o.inn = u.rso_inn where u.login = ${login}`;
  if (!row) throw new UserAdminError(404, 'user_not_found', `Нет пользователя «${login}»`);
  return row;
}

/** Adds an account; `actorId` null when an operator adds it from the command line. Returns the new user's id. */
export async function addUser(sql: Sql, actorId: number | null, u: NewUser): Promise<number> {
  const login = u.login.trim().toLowerCase();
  const fullName = u.fullName.trim();
  if (!LOGIN.test(login)) throw new UserAdminError(400, 'bad_login', `Логин «${u.login}»: 3–64 символа, латинские строчные буквы, цифры, точка, дефис, подчёркивание`);
  if (!fullName) throw new UserAdminError(400, 'bad_full_name', 'Укажите ФИО пользователя');
  if (!(ROLES as readonly string[]).includes(u.role)) throw new UserAdminError(400, 'bad_role', `Неизвестная роль «${u.role}»`);
  const problem = passwordProblem(u.password, login);
  if (problem) throw new UserAdminError(400, 'weak_password', problem);
  let rsoInn: string | null = null;
  if (u.role === 'rso') {
    const parsed = parseInn(u.rsoInn ?? '');
    if (!u.rsoInn?.trim()) throw new UserAdminError(400, 'rso_inn_required', 'Для пользователя РСО укажите ИНН организации');
    if (!parsed.ok) throw new UserAdminError(400, 'bad_inn', `ИНН организации: ${parsed.message}`);
    rsoInn = parsed.value;
  } else if (u.rsoInn?.trim()) {
    throw new UserAdminError(400, 'rso_inn_not_allowed', 'ИНН организации указывается только для роли «Поставщик (РСО)»');
  }
  const hash = await hashPassword(u.password);
  return sql.begin(async (tx) => {
    if (rsoInn) {
      const [org] = await tx<{ name: string }[]>`select name from organisations where inn = ${rsoInn}`;
      if (!org) throw new UserAdminError(400, 'unknown_inn', `Организации с ИНН ${rsoInn} нет в справочнике организаций`);
    }
    const [taken] = await tx`select 1 from users where login = ${login}`;
    if (taken) throw new UserAdminError(409, 'login_taken', `Логин «${login}» уже занят`);
    const [row] = await tx<{ id: number }[]>`insert into users (login, full_name, role, password_hash, rso_inn, password_changed_at)
      values (${login}, ${fullName}, ${u.role}, ${hash}, ${rsoInn}, now()) returning id`;
    if (!row) throw new Error('user not created');
    await appendAudit(tx, { actorId, action: 'user.add', entity: 'user', entityId: row.id, payload: { login, fullName, role: u.role, ...(rsoInn ? { rsoInn } : {}) } });
    return row.id;
  }) as Promise<number>;
}

/**
 * Disables or enables an account. Disabling deletes its sessions in the same transaction (its next request is
 * refused); the caller ends its live connections (`SyncHub.disconnectUser`). Returns the user's id, or null when
 * the account already was in that state (nothing written).
 */
export async function setActive(sql: Sql, actorId: number | null, login: string, active: boolean): Promise<{ id: number; changed: boolean }> {
  return sql.begin(async (tx) => {
    const [u] = await tx<{ id: number; active: boolean }[]>`select id, active from users where login = ${login} for update`;
    if (!u) throw new UserAdminError(404, 'user_not_found', `Нет пользователя «${login}»`);
    if (!active && actorId === u.id) throw new UserAdminError(409, 'disable_self', 'Нельзя отключить собственную учётную запись');
    if (u.active === active) return { id: u.id, changed: false };
    await tx`update users set active = ${active}, disabled_at = ${active ? null : tx`now()`} where id = ${u.id}`;
    const ended = active ? 0 : (await tx`delete from sessions where user_id = ${u.id}`).count;
    if (!active) await notifySessionsEnded(tx, u.id);
    await appendAudit(tx, { actorId, action: active ? 'user.enable' : 'user.disable', entity: 'user', entityId: u.id, payload: { login, ...(active ? {} : { sessionsEnded: ended }) } });
    return { id: u.id, changed: true };
  }) as Promise<{ id: number; changed: boolean }>;
}

/** An administrator (or an operator) sets a new password; the user's sessions end. */
export async function resetPassword(sql: Sql, actorId: number | null, login: string, password: string): Promise<number> {
  const problem = passwordProblem(password, login);
  if (problem) throw new UserAdminError(400, 'weak_password', problem);
  const hash = await hashPassword(password);
  return sql.begin(async (tx) => {
    const [u] = await tx<{ id: number }[]>`update users set password_hash = ${hash}, password_changed_at = now() where login = ${login} returning id`;
    if (!u) throw new UserAdminError(404, 'user_not_found', `Нет пользователя «${login}»`);
    const ended = (await tx`delete from sessions where user_id = ${u.id}`).count;
    await notifySessionsEnded(tx, u.id);
    await appendAudit(tx, { actorId, action: 'user.password_reset', entity: 'user', entityId: u.id, payload: { login, sessionsEnded: ended } });
    return u.id;
  }) as Promise<number>;
}

/** One's own password: the current one must be right; the user's other sessions end, this one stays. */
export async function changeOwnPassword(sql: Sql, userId: number, sessionToken: string, current: string, next: string): Promise<void> {
  const [u] = await sql<{ login: string; password_hash: string }[]>`select login, password_hash from users where id = ${userId} and active`;
  if (!u) throw new UserAdminError(404, 'user_not_found', 'Учётная запись не найдена или отключена');
  if (!(await verifyPassword(current, u.password_hash))) throw new UserAdminError(400, 'bad_current_password', 'Текущий пароль введён неверно');
  const problem = passwordProblem(next, u.login);
  if (problem) throw new UserAdminError(400, 'weak_password', problem);
  if (current === next) throw new UserAdminError(400, 'same_password', 'Новый пароль совпадает с текущим');
  const hash = await hashPassword(next);
  await sql.begin(async (tx) => {
    await tx`update users set password_hash = ${hash}, password_changed_at = now() where id = ${userId}`;
    const ended = (await tx`delete from sessions where user_id = ${userId} and token_hash <> ${tokenHash(sessionToken)}`).count;
    await appendAudit(tx, { actorId: userId, action: 'user.password_change', entity: 'user', entityId: userId, payload: { login: u.login, otherSessionsEnded: ended } });
  });
}

/** Role names accepted on the command line and in the API. */
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
