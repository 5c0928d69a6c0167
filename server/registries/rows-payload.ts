import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Sql, Tx } from '../db/database.ts';
import { registryRowsPayload } from './rows.ts';

const gzip = promisify(gzipCallback);

/**
 * The shape of the stored payloads: raise it when `RegistryRowsPayload` changes, and payloads stored in an
 * older shape are built again on their next open.
 */
export const ROWS_PAYLOAD_FORMAT = 1;

/** A registry's rows payload (`RegistryRowsPayload` as JSON) gzip-compressed, and the check run it belongs to. */
export interface GzippedRowsPayload {
  checkRunId: number;
  gzipped: Uint8Array;
}

/**
 * Builds the payload of the registry's current check run from its stored rows and keeps it, compressed, with
 * that run. Called in the transaction that stores a run (intake, recheck), so a run is never current without it.
 */
export async function storeRowsPayload(sql: Sql | Tx, registryId: number): Promise<GzippedRowsPayload> {
  const built = await buildRowsPayload(sql, registryId);
  await sql`update check_runs set rows_payload = ${built.gzipped}, rows_payload_format = ${ROWS_PAYLOAD_FORMAT} where id = ${built.checkRunId}`;
  return built;
}

async function buildRowsPayload(sql: Sql | Tx, registryId: number): Promise<GzippedRowsPayload> {
  const payload = await registryRowsPayload(sql, registryId);
  const gzipped = await gzip(JSON.stringify(payload), { level: 6 });
  return { checkRunId: payload.checkRunId, gzipped: new Uint8Array(gzipped.buffer, gzipped.byteOffset, gzipped.byteLength) };
}

/**
 * The compressed payload of the registry's current check run: the stored one, or — for a run stored before
 * payloads were kept, or in an older shape — built now from one consistent snapshot and stored for next time.
 */
export async function currentRowsPayload(sql: Sql, registryId: number): Promise<GzippedRowsPayload> {
  const [stored] = await sql<{ run: number | null; bytes: Uint8Array | null; format: number | null }[]>`
    select c.id::int as run, c.rows_payload as bytes, c.rows_payload_format as format
    from registries r left join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  if (stored && stored.run !== null && stored.bytes && stored.format === ROWS_PAYLOAD_FORMAT) return { checkRunId: stored.run, gzipped: stored.bytes };
  // the run and its rows' verdicts read in one snapshot (a recheck may commit in between); a missing registry or
  // run is answered by the builder's 404
  const built = await sql.begin('isolation level repeatable read read only', (tx) => buildRowsPayload(tx, registryId));
  // the same run gives the same bytes: a concurrent first open writing them too does no harm
  await sql`update check_runs set rows_payload = ${built.gzipped}, rows_payload_format = ${ROWS_PAYLOAD_FORMAT} where id = ${built.checkRunId}`;
  return built;
}
