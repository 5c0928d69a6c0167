/**
 * Signing in and roles (`/api/auth`):
 *   POST /auth/login   { login, password } → SignedIn, sets the session cookie
 *   POST /auth/logout  → { ok: true }
 *   GET  /auth/me      SignedIn [any role]
 */

/** The four roles of the workspace. */
export const ROLES = ['admin', 'analyst', 'reviewer', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES: Record<Role, string> = {
  admin: 'Администратор',
  analyst: 'Аналитик',
  reviewer: 'Проверяющий',
  manager: 'Руководитель',
};

/** The signed-in person as the API returns it. */
export interface SessionUser {
  id: number;
  login: string;
  fullName: string;
  role: Role;
}

/** Who is signed in: the answer of `POST /auth/login` and `GET /auth/me`. */
export interface SignedIn {
  user: SessionUser;
}
