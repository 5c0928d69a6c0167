import { createHash } from 'node:crypto';
import type { Problem } from '../../formulas/problem.ts';
import type { GisHouse, House, HouseService, MoRate, Organisation, ReferenceKind, TariffDecision } from '../../formulas/reference/types.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { ImportResult } from '../contract/reference.ts';
import type { Sql, Tx } from '../db/database.ts';
import { uploadReader } from '../uploads/reader-thread.ts';
import { buildChangeReport, keepHouseDataChanges } from './house-changes.ts';
import { removeAbsent, upsertGisHouses, upsertHouses, upsertHouseServices, upsertMoRates, upsertOrganisations, upsertTariffs, type UpsertCounts } from './upsert.ts';

export interface ImportRequest {
  kind: ReferenceKind;
  fileName: string;
  bytes: Uint8Array;
  actorId: number | null;
}

export type ImportOutcome = ImportResult | { ok: false; kind: ReferenceKind; fileName: string; problems: Problem[] };

function upsert(tx: Tx, kind: ReferenceKind, records: unknown[], version: number): Promise<UpsertCounts> {
  switch (kind) {
    case 'houses':
      return upsertHouses(tx, records as House[], version);
    case 'tariffs':
      return upsertTariffs(tx, records as TariffDecision[], version);
    case 'organisations':
      return upsertOrganisations(tx, records as Organisation[], version);
    case 'house_services':
      return upsertHouseServices(tx, records as HouseService[], version);
    case 'mo_rates':
      return upsertMoRates(tx, records as MoRate[], version);
    case 'gis_houses':
      return upsertGisHouses(tx, records as GisHouse[], version);
    default:
      return kind satisfies never;
  }
}

/**
 * Imports one reference file through the only path there is: read, validate every row, and only when
 * nothing is wrong upsert everything in one transaction with its version stamp and audit record.
 * A file with any problem changes nothing and returns all its problems.
 */
export async function importReference(sql: Sql, req: ImportRequest): Promise<ImportOutcome> {
  const { kind, fileName } = req;
  // read in the upload thread: the file is the uploader's, its cost must not stop the server answering others
  const read = await uploadReader.readReference(kind, fileName, req.bytes);
  if (!read.ok) return { ok: false, kind, fileName, problems: read.problems };
  const sha256 = createHash('sha256').update(req.bytes).digest('hex');
  const rows = read.records.length;
  return sql.begin(async (tx) => {
    const [batch] = await tx<{ id: string }[]>`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged, actor_id)
      values (${kind}, ${fileName}, ${sha256}, ${rows}, 0, 0, 0, ${req.actorId}) returning id`;
    const version = Number(batch?.id);
    const replaces = kind === 'houses' || kind === 'gis_houses' ? kind : null;
    // the report is built from the data the file replaces, before it is written
    const report = replaces ? await buildChangeReport(tx, replaces, read.records as House[] | GisHouse[]) : null;
    const { inserted, updated } = await upsert(tx, kind, read.records, version);
    const removed = replaces ? await removeAbsent(tx, replaces, (read.records as { fias_id: string }[]).map((r) => r.fias_id)) : 0;
    const unchanged = rows - inserted - updated;
    await tx`update import_batches set inserted = ${inserted}, updated = ${updated}, unchanged = ${unchanged}, removed = ${removed} where id = ${version}`;
    if (replaces && report) await keepHouseDataChanges(tx, version, replaces, report);
    const changes = report && report.previous.length > 0 ? report.summary : null;
    await appendAudit(tx, {
      actorId: req.actorId,
      action: 'reference.import',
      entity: kind,
      entityId: version,
      payload: { fileName, sha256, rows, inserted, updated, unchanged, removed, ...(changes ? { changes } : {}) },
    });
    return { ok: true as const, kind, fileName, version, rows, inserted, updated, unchanged, removed, changes };
  });
}
