import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded.ts';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** A piece of a statement, put into another with `${…}`. */
export type Fragment = postgres.Fragment;

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

/**
 * COPY of text into a table by the embedded database's own path: its socket does not take `COPY … FROM STDIN`, but
 * PGlite reads `COPY … FROM '/dev/blob'` from a blob handed to it. PGlite is one session: run inside a transaction
 * of `sql` (the socket queue then serves no other connection meanwhile), the COPY is part of that transaction.
 */
const blobCopies = new WeakMap<Sql, (statement: string, text: Blob) => Promise<void>>();
export const blobCopyOf = (sql: Sql | Tx): ((statement: string, text: Blob) => Promise<void>) | undefined => blobCopies.get(sql as Sql);

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
  blobCopies.set(sql, async (statement, blob) => {
    await pg.pglite.query(statement, [], { blob });
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
