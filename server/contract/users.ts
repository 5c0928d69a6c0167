/**
 * Users (`/api/users`):
 *   GET  /users                  Colleague[]: whom one may mention [the regulator's roles]; an РСО user is refused
 *                                (403): he never sees the users list, so never another РСО's users
 *   GET  /users/accounts         UserAccount[]: every account with its state [admin]
 *   POST /users                  NewUser → UserAccount [admin]
 *   POST /users/:login/disable   → UserAccount; his sessions and live connections end at once [admin]
 *   POST /users/:login/enable    → UserAccount [admin]
 *   POST /users/:login/password  { password } → UserAccount: a reset; his sessions end [admin]
 * Every change is audited (`user.add`, `user.disable`, `user.enable`, `user.password_reset`, and
 * `user.password_change` for one's own); no audit record holds a password or a hash.
 */
import type { Role } from './auth.ts';

export interface Colleague {
  login: string;
  fullName: string;
  role: Role;
}

/** A new account as the administrator fills it in; `rsoInn` is required for the role `rso` and only for it. */
export interface NewUser {
  login: string;
  fullName: string;
  role: Role;
  password: string;
  rsoInn?: string | undefined;
}

/** An account as the administrator sees it (nothing secret). */
export interface UserAccount {
  login: string;
  fullName: string;
  role: Role;
  active: boolean;
  /** the organisation of an РСО user: ИНН and name */
  rsoInn: string | null;
  rsoName: string | null;
  createdAt: string;
  passwordChangedAt: string | null;
  disabledAt: string | null;
}
