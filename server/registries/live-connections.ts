import type { Sql } from '../db/database.ts';
import { hubFor } from '../sync/sync-hub.ts';
import { closeStreamsOf } from './portal-live.ts';

/**
 * Closes a user's live connections in this process, his sessions being gone (disabled, password reset): the
 * co-review sockets of the hub serving `sql` and the РСО message streams. Their reconnects are refused.
 */
export function endLiveConnections(sql: Sql, userId: number): void {
  hubFor(sql)?.disconnectUser(userId);
  closeStreamsOf(userId);
}
