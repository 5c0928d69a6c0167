/**
 * Signing in and roles (`/api/auth`):
 *   POST /auth/login   { login, password } → SignedIn, sets the session cookie
 *   POST /auth/logout  → { ok: true }
 *   GET  /auth/me      SignedIn [any role]
 */

/** The roles: four of the regulator's staff and `rso`, a supplier's person bound to one organisation. */
export const ROLES = ['admin', 'analyst', 'reviewer', 'manager', 'rso'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES: Record<Role, string> = {
  admin: 'Администратор',
  analyst: 'Аналитик',
  reviewer: 'Проверяющий',
  manager: 'Руководитель',
  rso: 'Поставщик (РСО)',
};

/** The regulator's roles (everyone but an РСО user). */
export const STAFF_ROLES = ['admin', 'analyst', 'reviewer', 'manager'] as const satisfies readonly Role[];

/** The signed-in person as the API returns it. */
export interface SessionUser {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  /** the organisation (ИНН) of an РСО user; absent for staff */
  rsoInn?: string;
}

/** Who is signed in: the answer of `POST /auth/login` and `GET /auth/me`. */
export interface SignedIn {
  user: SessionUser;
}
