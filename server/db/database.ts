import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded.ts';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;

/** A connected database: the real Postgres of DATABASE_URL or the embedded one; the same driver either way. */
export interface Database {
  sql: Sql;
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent, an embedded Postgres is started. */
  url?: string | undefined;
  /** Data directory of the embedded Postgres; absent = in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for a real Postgres. */
  max?: number;
}

const quiet = { onnotice: () => {} };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const sql = postgres(opts.url, { max: opts.max ?? 10, ...quiet });
    return { sql, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  const pg = await startEmbeddedPostgres(opts.dataDir);
  const sql = postgres({
    host: pg.host,
    port: pg.port,
    user: 'postgres',
    database: 'postgres',
    max: pg.maxConnections - 1,
    ...quiet,
  });
  return {
    sql,
    kind: 'embedded',
    async close() {
      await sql.end({ timeout: 5 });
      await pg.stop();
    },
  };
}
