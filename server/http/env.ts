import type { SessionUser } from '../contract/auth.ts';
import type { Sql } from '../db/database.ts';
import type { HttpSettings } from './settings.ts';

/** What every route can rely on: the database, the edge's settings, and after `requireRole` the signed-in user. */
export interface AppEnv {
  Variables: {
    sql: Sql;
    settings: HttpSettings;
    user: SessionUser;
    /** the request was authenticated by an API token (`Authorization: Bearer`), not by a session cookie */
    viaToken: boolean;
  };
}
