import type { Sql, Tx } from '../db/database.ts';

/**
 * Sessions ended by another process: an account disabled or its password reset from the command line
 * (`sverka user disable`) or by another server process on the same PostgreSQL. The transaction that deletes the
 * sessions notifies (PostgreSQL delivers a notification only when it commits); every server process listens and
 * closes that user's live connections (co-review sockets, message streams) at once, instead of leaving them open
 * until their next request. The server that took the command closes its own directly, without waiting for this.
 */
const CHANNEL = 'sverka_sessions_ended';

export async function notifySessionsEnded(tx: Tx, userId: number): Promise<void> {
  await tx`select pg_notify(${CHANNEL}, ${String(userId)})`;
}

/** Calls `end` with the user's id whenever any process ends a user's sessions; resolves to the unsubscribe. */
export async function onSessionsEnded(sql: Sql, end: (userId: number) => void): Promise<() => Promise<void>> {
  const listener = await sql.listen(CHANNEL, (payload) => {
    const id = Number(payload);
    if (Number.isSafeInteger(id) && id > 0) end(id);
  });
  return () => listener.unlisten();
}
