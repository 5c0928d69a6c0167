import type { SessionUser } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';

/** What every route can rely on: the database, and after `requireRole` the signed-in user. */
export interface AppEnv {
  Variables: {
    sql: Sql;
    user: SessionUser;
  };
}
