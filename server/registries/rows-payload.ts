import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { RegistryCheckResult } from '../../formulas/checks/check-registry.ts';
import { REGISTRY_COLUMNS, type StoredColumns } from '../../formulas/registry/columns.ts';
import type { Sql, Tx } from '../db/database.ts';
import type { RegistryRowsPayload } from '../contract/registries.ts';
import { registryRowsPayload } from './rows.ts';
import type { StoredRows } from './store-rows.ts';

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
  return keepRowsPayload(sql, await registryRowsPayload(sql, registryId));
}

/** Keeps a payload built from the rows in hand (the intake's), compressed, with its run. */
export async function keepRowsPayload(sql: Sql | Tx, payload: RegistryRowsPayload): Promise<GzippedRowsPayload> {
  const built = await gzipped(payload);
  await sql`update check_runs set rows_payload = ${built.gzipped}, rows_payload_format = ${ROWS_PAYLOAD_FORMAT} where id = ${built.checkRunId}`;
  return built;
}

async function gzipped(payload: RegistryRowsPayload): Promise<GzippedRowsPayload> {
  const bytes = await gzip(JSON.stringify(payload), { level: 6 });
  return { checkRunId: payload.checkRunId, gzipped: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

async function buildRowsPayload(sql: Sql | Tx, registryId: number): Promise<GzippedRowsPayload> {
  return gzipped(await registryRowsPayload(sql, registryId));
}

/**
 * The payload of a run the intake has just stored, from the arrays it inserted: the same object `registryRowsPayload`
 * reads back from the table (a test holds the two equal), without reading 30,000 rows back inside the transaction.
 */
export function rowsPayloadOf(registryId: number, checkRunId: number, result: RegistryCheckResult, c: StoredRows): RegistryRowsPayload {
  const R = result.ruleIds.length;
  // the table answers in row-number order; a file's rows come in it, but the payload must not depend on that
  let order: number[] | null = null;
  for (let i = 1; i < c.count; i++) {
    if ((c.rowNo[i] ?? 0) < (c.rowNo[i - 1] ?? 0)) {
      order = Array.from({ length: c.count }, (_, k) => k).sort((x, y) => (c.rowNo[x] ?? 0) - (c.rowNo[y] ?? 0));
      break;
    }
  }
  const pick = <T>(col: readonly T[]): T[] => (order ? order.map((i) => col[i] as T) : col.slice());
  const checkStatus = new Array<number>(c.count * R);
  const checkReason = new Array<number>(c.count * R);
  for (let j = 0; j < c.count; j++) {
    const i = order ? (order[j] ?? j) : j;
    for (let k = 0; k < R; k++) {
      checkStatus[j * R + k] = result.status[i * R + k] ?? 0;
      checkReason[j * R + k] = result.reasonIds[i * R + k] ?? 0;
    }
  }
  const columns = Object.fromEntries(REGISTRY_COLUMNS.map((col) => [col.key, pick<unknown>(c[col.key])])) as StoredColumns;
  return {
    registryId, checkRunId, ruleIds: result.ruleIds, ruleTitles: result.ruleTitles, reasons: result.reasonTexts,
    ruleSeverities: result.ruleIds.map((_, k) => (result.severities[k] === 'warning' ? 'warning' : 'error')), count: c.count,
    rowNo: pick(c.rowNo), ...columns, expected: pick(c.verdicts.expected), checkStatus, checkReason,
  };
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
