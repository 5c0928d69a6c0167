import type { Sql, Tx } from '../db/database.ts';
import { refreshAnalytics } from './refresh.ts';

/** What the analytics queries run on: one read-only transaction per request. */
export type Reader = Tx;

/**
 * Brings the summaries up to date, then runs a request's reads in one read-only snapshot: the charts of one answer
 * agree with each other even while decisions are being taken, and on the embedded database a transaction keeps
 * the statements of other connections from interleaving with ours (its socket loses unnamed portals otherwise).
 */
export async function readAnalytics<T>(sql: Sql, read: (tx: Reader) => Promise<T>): Promise<T> {
  await refreshAnalytics(sql);
  return (await sql.begin('isolation level repeatable read read only', (tx) => read(tx))) as T;
}
