/**
 * Colleagues as the workspace names them (`GET /api/users`, any role): for @mentions in row comments and presence.
 * Read-only and without anything secret: whoever is signed in may see whom he can mention.
 */
import type { Role } from './auth.ts';

export interface Colleague {
  login: string;
  fullName: string;
  role: Role;
}
