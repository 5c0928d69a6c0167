import { createHash } from 'node:crypto';
import type { Problem } from '../../formulas/problem.ts';
import type { MoRate, Organisation, ReferenceKind } from '../../formulas/reference/types.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { ImportProgress, ImportResult, ImportsInProgress } from '../contract/reference.ts';
import type { Sql, Tx } from '../db/database.ts';
import { uploadReader } from '../uploads/reader-thread.ts';
import { isStaged, type StagedKind } from '../uploads/staging-rows.ts';
import { buildChangeReport, keepHouseDataChanges } from './house-changes.ts';
import { existing, findHouseChanges, mergeHouses, mergeHouseServices, mergeTariffs, stageFile, stagedRecords } from './staged-import.ts';
import { upsertMoRates, upsertOrganisations, type UpsertCounts } from './upsert.ts';

export interface ImportRequest {
  kind: ReferenceKind;
  fileName: string;
  bytes: Uint8Array;
  actorId: number | null;
}

export type ImportOutcome = ImportResult | { ok: false; kind: ReferenceKind; fileName: string; problems: Problem[] };

/** Organisations and МО rates: a hundred rows or so, upserted from arrays. */
function upsert(tx: Tx, kind: 'organisations' | 'mo_rates', records: unknown[], version: number): Promise<UpsertCounts> {
  return kind === 'organisations' ? upsertOrganisations(tx, records as Organisation[], version) : upsertMoRates(tx, records as MoRate[], version);
}

/** Russian names of the kinds, for the waiting message. */
const KIND_TITLES: Record<ReferenceKind, string> = {
  houses: 'домов', tariffs: 'тарифов БПТР', organisations: 'организаций', house_services: 'услуг домов', mo_rates: 'ставок МО', gis_houses: 'домов ГИС ЖКХ',
};

/** Imports of one kind in this process, one after another (the advisory lock does it across processes). */
const running = new Map<ReferenceKind, Promise<unknown>>();

/**
 * One import of a kind at a time: a second waits for the first, told so through `progress`, and does not interleave
 * with it. In-process by a queue (the embedded database is one session, where advisory locks do not exclude), across
 * processes on one PostgreSQL by a transaction-level advisory lock taken in `begin`.
 */
async function inTurn<T>(kind: ReferenceKind, progress: (p: ImportProgress) => void, fn: () => Promise<T>): Promise<T> {
  const before = running.get(kind);
  const run = (async () => {
    if (before) {
      progress({ phase: 'waiting', read: 0, validated: 0, written: 0, message: waitMessage(kind) });
      await before.catch(() => {});
    }
    return fn();
  })();
  const settled = run.catch(() => {});
  running.set(kind, settled);
  try {
    return await run;
  } finally {
    if (running.get(kind) === settled) running.delete(kind);
  }
}

const waitMessage = (kind: ReferenceKind): string => `Ждёт очереди: идёт другая загрузка справочника ${KIND_TITLES[kind]}; эта начнётся, когда та закончится.`;

/** A transaction holding the import lock of `kind`, waiting for it (with a message) when another process has it. */
function lockedTransaction(sql: Sql, kind: ReferenceKind, progress: (p: ImportProgress) => void): <R>(fn: (tx: Tx) => Promise<R>) => Promise<R> {
  return (fn) => sql.begin(async (tx) => {
    const [got] = await tx<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(hashtext('sverka.reference-import'), hashtext(${kind})) as ok`;
    if (!got?.ok) {
      progress({ phase: 'waiting', read: 0, validated: 0, written: 0, message: waitMessage(kind) });
      await tx`select pg_advisory_xact_lock(hashtext('sverka.reference-import'), hashtext(${kind}))`;
    }
    return fn(tx);
  }) as Promise<never>;
}

/**
 * Imports one reference file through the only path there is: read, validate every row, and only when nothing is
 * wrong write everything in one transaction with its version stamp and audit record. A file with any problem changes
 * nothing and returns all its problems. Houses, house services, ГИС ЖКХ houses and tariffs stream into a staging
 * table while they are read (`staged-import.ts`); `progress` hears how far it is.
 */
export async function importReference(sql: Sql, req: ImportRequest, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportOutcome> {
  const entry: ImportsInProgress['imports'][number] = { kind: req.kind, file_name: req.fileName, progress: { phase: 'reading', read: 0, validated: 0, written: 0 } };
  inProgress.add(entry);
  const progress = (p: ImportProgress): void => {
    entry.progress = p;
    onProgress(p);
  };
  try {
    return await inTurn(req.kind, progress, () => (isStaged(req.kind) ? importStagedKind(sql, req, req.kind, progress) : importSmall(sql, { ...req, kind: req.kind as 'organisations' | 'mo_rates' }, progress)));
  } finally {
    inProgress.delete(entry);
  }
}

const inProgress = new Set<ImportsInProgress['imports'][number]>();

/** The imports of this process running or waiting now, oldest first. */
export const importsInProgress = (): ImportsInProgress => ({ imports: [...inProgress].map((e) => ({ ...e, progress: { ...e.progress } })) });

async function importSmall(sql: Sql, req: ImportRequest & { kind: 'organisations' | 'mo_rates' }, progress: (p: ImportProgress) => void): Promise<ImportOutcome> {
  const { kind, fileName } = req;
  // read in the upload thread: the file is the uploader's, its cost must not stop the server answering others
  const read = await uploadReader.readReference(kind, fileName, req.bytes);
  if (!read.ok) return { ok: false, kind, fileName, problems: read.problems };
  const sha256 = createHash('sha256').update(req.bytes).digest('hex');
  const rows = read.records.length;
  return lockedTransaction(sql, kind, progress)(async (tx) => {
    const version = await newBatch(tx, req, sha256, rows);
    const { inserted, updated } = await upsert(tx, kind, read.records, version);
    return finishBatch(tx, req, { version, sha256, rows, inserted, updated, removed: 0, changes: null });
  });
}

async function newBatch(tx: Tx, req: ImportRequest, sha256: string, rows: number): Promise<number> {
  const [batch] = await tx<{ id: string }[]>`insert into import_batches (kind, file_name, sha256, rows, inserted, updated, unchanged, actor_id)
    values (${req.kind}, ${req.fileName}, ${sha256}, ${rows}, 0, 0, 0, ${req.actorId}) returning id`;
  return Number(batch?.id);
}

interface BatchFigures {
  version: number;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  removed: number;
  changes: ImportResult['changes'];
}

async function finishBatch(tx: Tx, req: ImportRequest, f: BatchFigures): Promise<ImportResult> {
  const { kind, fileName } = req;
  const { version, sha256, rows, inserted, updated, removed, changes } = f;
  const unchanged = rows - inserted - updated;
  await tx`update import_batches set inserted = ${inserted}, updated = ${updated}, unchanged = ${unchanged}, removed = ${removed} where id = ${version}`;
  await appendAudit(tx, {
    actorId: req.actorId,
    action: 'reference.import',
    entity: kind,
    entityId: version,
    payload: { fileName, sha256, rows, inserted, updated, unchanged, removed, ...(changes ? { changes } : {}) },
  });
  return { ok: true as const, kind, fileName, version, rows, inserted, updated, unchanged, removed, changes };
}

async function importStagedKind(sql: Sql, req: ImportRequest, kind: StagedKind, progress: (p: ImportProgress) => void): Promise<ImportOutcome> {
  const { fileName } = req;
  const sha256 = createHash('sha256').update(req.bytes).digest('hex');
  const outcome = await stageFile(sql, kind, fileName, req.bytes, lockedTransaction(sql, kind, progress), {
    async merge(tx, rows) {
      const version = await newBatch(tx, req, sha256, rows);
      const existingRows = await existing(tx, kind);
      const hadRows = existingRows > 0;
      if (kind === 'houses' || kind === 'gis_houses') {
        const found = await findHouseChanges(tx, kind, existingRows);
        // a houses or ГИС ЖКХ file replaces the earlier one: its report is built from the data it replaces, before
        // it is written; a first import is no change, and a file equal to the data there has nothing to report
        const built = hadRows && (found.changed > 0 || found.removed > 0) ? await buildChangeReport(tx, kind, await stagedRecords(tx, kind)) : null;
        const counts = await mergeHouses(tx, kind, version, found.changed, existingRows);
        if (built) await keepHouseDataChanges(tx, version, kind, built);
        const changes = built && built.previous.length > 0 ? built.summary : null;
        return finishBatch(tx, req, { version, sha256, rows, ...counts, changes });
      }
      const counts = kind === 'house_services' ? await mergeHouseServices(tx, version, rows, existingRows) : await mergeTariffs(tx, version);
      return finishBatch(tx, req, { version, sha256, rows, ...counts, changes: null });
    },
  }, progress);
  return 'problems' in outcome ? { ok: false, kind, fileName, problems: outcome.problems } : outcome;
}
