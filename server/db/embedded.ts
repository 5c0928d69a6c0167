import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatherLargeMessages } from './socket-large-messages.ts';
import { keepProtocolSequencesTogether } from './socket-queue.ts';

/** An embedded Postgres (PGlite) reachable over a local socket, so the same driver code serves both modes. */
export interface EmbeddedPostgres {
  host: string;
  port: number;
  /** The server's pool must stay below this; the socket server drops connections over its limit. */
  maxConnections: number;
  /** The PGlite itself: a bulk import hands it its COPY text as a blob (`COPY … FROM '/dev/blob'`, see `database.ts`). */
  pglite: PGlite;
  stop(): Promise<void>;
}

const MAX_CONNECTIONS = 4;

/**
 * PGlite does not lock its data directory and a second process would silently lose writes,
 * so we hold a lock file with our pid and refuse to start while a live process holds it.
 */
function takeLock(dataDir: string): () => void {
  const lock = join(dataDir, 'sverka.lock');
  try {
    const fd = openSync(lock, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`База данных в ${dataDir} уже открыта процессом ${pid}. Остановите его или укажите другой каталог.`);
    }
    writeFileSync(lock, String(process.pid)); // stale lock of a dead process
  }
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts PGlite on `dataDir` (or in memory when absent) behind a socket on 127.0.0.1 and a free port. */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  let unlock = (): void => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = takeLock(dataDir);
  }
  try {
    // pg_trgm: the address search's trigram index (migration 028)
    const db = await PGlite.create(dataDir ? join(dataDir, 'pg') : undefined, { extensions: { pg_trgm } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
    keepProtocolSequencesTogether(server);
    gatherLargeMessages();
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    return {
      host: '127.0.0.1',
      port,
      maxConnections: MAX_CONNECTIONS,
      pglite: db,
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}
