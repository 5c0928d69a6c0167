/**
 * Houses, house services, ГИС ЖКХ houses and БПТР tariffs at the speed of Postgres (issue 18): the upload thread
 * reads and checks the file row by row and sends every valid row on as COPY text into a temporary staging table
 * (`COPY … FROM STDIN` on PostgreSQL, `COPY … FROM '/dev/blob'` on the embedded PGlite, whose socket takes no
 * STDIN); a problem anywhere rolls the transaction back, so nothing is written. The staging table is then merged
 * into the real one set-based: only rows that are new or differ get written, with the import's version stamp.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Problem } from '../../formulas/problem.ts';
import type { GisHouse, House } from '../../formulas/reference/types.ts';
import type { ImportProgress } from '../contract/reference.ts';
import { blobCopyOf, type Sql, type Tx } from '../db/database.ts';
import { scaledOf } from '../standards/region-state.ts';
import { uploadReader } from '../uploads/reader-thread.ts';
import { STAGING_COLUMNS, type StagedKind } from '../uploads/staging-rows.ts';
import type { ReadProgress } from '../uploads/upload-reader.ts';
import type { UpsertCounts } from './upsert.ts';

/** What a merge did, and for houses and ГИС ЖКХ houses how many the file no longer has. */
export interface MergeCounts extends UpsertCounts {
  removed: number;
}

/** What the caller of a staged import does between the COPY and the merge, inside the same transaction. */
export interface StagedSteps<T> {
  /** Runs in the transaction once the staging table `incoming` is filled and checked; merges and records. */
  merge(tx: Tx, rows: number): Promise<T>;
}

class FileProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super('file has problems');
  }
}

const columnList = (kind: StagedKind): string => STAGING_COLUMNS[kind].map(([name]) => name).join(', ');

async function createStaging(tx: Tx, kind: StagedKind): Promise<void> {
  const columns = STAGING_COLUMNS[kind].map(([name, type]) => `${name} ${type}`).join(', ');
  await tx.unsafe(`create temp table incoming (${columns}) on commit drop`);
}

/**
 * The COPY stream with its failure as a promise. A row the server refuses after the stream ended (postgres 3.4's
 * `final` is then never called, so 'finish' never comes) shows as the next statement of the transaction failing:
 * `finish` races one.
 */
function copyStream(w: Writable, next: () => Promise<unknown>): { write(chunk: Uint8Array): Promise<void>; finish(): Promise<void>; abort(e: unknown): void } {
  const failed = new Promise<never>((_, reject) => w.once('error', reject));
  failed.catch(() => {});
  return {
    async write(chunk) {
      if (!w.write(chunk)) await Promise.race([once(w, 'drain'), failed]);
    },
    async finish() {
      const done = once(w, 'finish');
      w.end();
      await Promise.race([done, failed, next()]);
    },
    abort(e) {
      // CopyFail: the server ends the COPY with an error, so the transaction can roll back
      w.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  };
}

/**
 * Streams the file into `incoming` inside one transaction and hands it to `steps.merge`; `{ problems }` when the file
 * has any (nothing written). `begin` opens the transaction (and takes the import's lock in it).
 */
export async function stageFile<T>(
  sql: Sql, kind: StagedKind, fileName: string, bytes: Uint8Array,
  begin: <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>,
  steps: StagedSteps<T>, progress: (p: ImportProgress) => void,
): Promise<T | { problems: Problem[] }> {
  const report = (p: ReadProgress, written: number): void => progress({ phase: 'reading', read: p.read, validated: p.validated, written });
  const blobCopy = blobCopyOf(sql);
  if (blobCopy) {
    // embedded: one session serves every connection, so the file is read before the transaction takes it; the
    // checked COPY text then goes in as one blob
    const chunks: Uint8Array[] = [];
    const read = await uploadReader.streamReference(kind, fileName, bytes, async (chunk, p) => {
      if (chunk) chunks.push(chunk);
      report(p, 0);
    });
    if (!read.ok) return { problems: read.problems };
    return begin(async (tx) => {
      await createStaging(tx, kind);
      await blobCopy(`copy incoming (${columnList(kind)}) from '/dev/blob'`, new Blob(chunks as BlobPart[]));
      progress({ phase: 'merging', read: read.rows, validated: read.rows, written: read.rows });
      await tx`analyze incoming`;
      return steps.merge(tx, read.rows);
    });
  }
  try {
    return await begin(async (tx) => {
      await createStaging(tx, kind);
      const w = copyStream(await tx.unsafe(`copy incoming (${columnList(kind)}) from stdin`).writable(), () => tx`select 1`);
      let written = 0;
      const read = await uploadReader.streamReference(kind, fileName, bytes, async (chunk, p) => {
        if (chunk) {
          await w.write(chunk);
          written = p.validated;
        }
        report(p, written);
      }).catch((e: unknown) => {
        w.abort(e);
        throw e;
      });
      // the rows before the first problem are in; the transaction is rolled back with them
      await w.finish();
      if (!read.ok) throw new FileProblems(read.problems);
      progress({ phase: 'merging', read: read.rows, validated: read.rows, written: read.rows });
      await tx`analyze incoming`;
      return steps.merge(tx, read.rows);
    });
  } catch (e) {
    if (e instanceof FileProblems) return { problems: e.problems };
    throw e;
  }
}

const count = async (q: Promise<{ n: number }[]>): Promise<number> => (await q)[0]?.n ?? 0;

/** How many rows the table has now: a first import (none) has nothing to compare or report. */
export const existing = (tx: Tx, kind: StagedKind): Promise<number> => {
  switch (kind) {
    case 'houses':
      return count(tx<{ n: number }[]>`select count(*)::int as n from houses`);
    case 'gis_houses':
      return count(tx<{ n: number }[]>`select count(*)::int as n from gis_houses`);
    case 'house_services':
      return count(tx<{ n: number }[]>`select count(*)::int as n from house_services`);
    case 'tariffs':
      return count(tx<{ n: number }[]>`select count(*)::int as n from tariff_decisions`);
    default:
      return kind satisfies never;
  }
};

/**
 * Houses and ГИС ЖКХ houses of the staging table that are new or differ from the table's, into `changed`, and how
 * many of the table's the file no longer has. Decides whether a change report is due, before anything is written.
 */
export async function findHouseChanges(tx: Tx, kind: 'houses' | 'gis_houses', existingRows: number): Promise<{ changed: number; removed: number }> {
  if (kind === 'houses') {
    await tx`insert into municipalities (name, name_key, oktmo)
      select distinct on (district_key) municipal_district, district_key, district_oktmo from incoming order by district_key, n
      on conflict (name_key) do nothing`;
  }
  if (existingRows === 0) {
    // a first import: every row is new, nothing to compare (the merge inserts straight from the staging table)
    const [c] = await tx<{ n: number }[]>`select count(*)::int as n from incoming`;
    return { changed: c?.n ?? 0, removed: 0 };
  }
  if (kind === 'houses') {
    await tx`create temp table changed on commit drop as
      select i.fias_id, i.address, m.id as municipality_id, i.oktmo, i.settlement, i.house_type, i.commissioned, i.area, i.residents,
             i.heating_type, h.fias_id is null as is_new
      from incoming i join municipalities m on m.name_key = i.district_key left join houses h on h.fias_id = i.fias_id
      where h.fias_id is null
         or (h.address, h.municipality_id, h.oktmo, h.settlement, h.house_type, h.commissioned, h.area, h.residents, h.heating_type)
            is distinct from (i.address, m.id, i.oktmo, i.settlement, i.house_type, i.commissioned, i.area, i.residents, i.heating_type)`;
  } else {
    await tx`create temp table changed on commit drop as
      select i.fias_id, i.house_type, i.area, i.residents, i.heating_types, g.fias_id is null as is_new
      from incoming i left join gis_houses g on g.fias_id = i.fias_id
      where g.fias_id is null
         or (g.house_type, g.area, g.residents, g.heating_types) is distinct from (i.house_type, i.area, i.residents, i.heating_types)`;
  }
  const [c] = await tx<{ changed: number }[]>`select count(*)::int as changed from changed`;
  const [r] = kind === 'houses'
    ? await tx<{ removed: number }[]>`select count(*)::int as removed from houses h where not exists (select 1 from incoming i where i.fias_id = h.fias_id)`
    : await tx<{ removed: number }[]>`select count(*)::int as removed from gis_houses g where not exists (select 1 from incoming i where i.fias_id = g.fias_id)`;
  return { changed: c?.changed ?? 0, removed: r?.removed ?? 0 };
}

/** The file's records back from the staging table, in file order, as the change report compares them. */
export async function stagedRecords(tx: Tx, kind: 'houses' | 'gis_houses'): Promise<House[] | GisHouse[]> {
  if (kind === 'houses') {
    const rows = await tx<(Omit<House, 'area'> & { area: string | null })[]>`
      select fias_id::text as fias_id, address, municipal_district, oktmo, settlement, house_type,
             to_char(commissioned, 'YYYY-MM-DD') as commissioned, area::text as area, residents, heating_type
      from incoming order by n`;
    return rows.map((h) => ({ ...h, area: scaledOf(h.area, 2) }));
  }
  const rows = await tx<(Omit<GisHouse, 'area'> & { area: string | null })[]>`
    select fias_id::text as fias_id, house_type, area::text as area, residents, heating_types from incoming order by n`;
  return rows.map((g) => ({ ...g, area: scaledOf(g.area, 2) }));
}

/** Rows written at once above which a merge drops the table's secondary indexes and builds them again after. */
const REBUILD_ABOVE = 20_000;

/**
 * Runs a merge that writes `rows` rows into `table`. A big one (a first import, a region re-numbered) keeps each of
 * the table's dozen secondary btrees in step row by row, ~10× the cost of building them by one sort afterwards: those
 * are dropped and built again after the merge, in its transaction (the table is locked for readers meanwhile, seconds).
 * Primary keys and unique indexes stay: the merge's ON CONFLICT needs them.
 */
export async function withIndexesRebuilt<T>(tx: Tx, table: string, rows: number, existingRows: number, fn: () => Promise<T>): Promise<T> {
  if (rows < REBUILD_ABOVE || rows * 4 < existingRows) return fn();
  const indexes = await tx<{ name: string; def: string }[]>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass and not i.indisprimary and not i.indisunique`;
  for (const ix of indexes) await tx.unsafe(`drop index "${ix.name.replace(/"/g, '""')}"`);
  const out = await fn();
  for (const ix of indexes) await tx.unsafe(ix.def);
  return out;
}

/**
 * Runs an insert whose foreign keys hold by construction without their per-row checks: a first import of houses takes
 * `municipality_id` from an inner join with `municipalities` and `version` from the batch its own transaction just
 * wrote (ГИС ЖКХ houses: `version` only). The checks are row-by-row triggers, 4.7 of the 6.7 s of 200,000 houses on
 * the embedded database (issue 18). Skipping them (`session_replication_role = replica`, for this statement only, in
 * this transaction) needs a superuser, which the embedded database always is; on a PostgreSQL role that is not, the
 * checks run as before.
 */
async function withoutKeyChecks<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [su] = await tx<{ on: boolean }[]>`select current_setting('is_superuser') = 'on' as on`;
  if (!su?.on) return fn();
  await tx`set local session_replication_role = replica`;
  const out = await fn();
  await tx`set local session_replication_role = origin`;
  return out;
}

const counted = async (q: Promise<{ inserted: number; updated: number }[]>): Promise<UpsertCounts> => {
  const [r] = await q;
  return { inserted: r?.inserted ?? 0, updated: r?.updated ?? 0 };
};

/** Writes `changed` (from `findHouseChanges`) into the table and removes what the file no longer has. */
export async function mergeHouses(tx: Tx, kind: 'houses' | 'gis_houses', version: number, changed: number, existingRows: number): Promise<MergeCounts> {
  if (existingRows === 0) {
    await withIndexesRebuilt(tx, kind, changed, 0, () => withoutKeyChecks(tx, () => kind === 'houses'
      ? tx`insert into houses (fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type, version)
          select i.fias_id, i.address, m.id, i.oktmo, i.settlement, i.house_type, i.commissioned, i.area, i.residents, i.heating_type, ${version}
          from incoming i join municipalities m on m.name_key = i.district_key`
      : tx`insert into gis_houses (fias_id, house_type, area, residents, heating_types, version)
          select fias_id, house_type, area, residents, heating_types, ${version} from incoming`));
    return { inserted: changed, updated: 0, removed: 0 };
  }
  const counts = await withIndexesRebuilt(tx, kind, changed, existingRows, () => kind === 'houses'
    ? counted(tx<{ inserted: number; updated: number }[]>`
      with up as (
        insert into houses (fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type, version)
        select fias_id, address, municipality_id, oktmo, settlement, house_type, commissioned, area, residents, heating_type, ${version} from changed
        on conflict (fias_id) do update set address = excluded.address, municipality_id = excluded.municipality_id,
          oktmo = excluded.oktmo, settlement = excluded.settlement, house_type = excluded.house_type,
          commissioned = excluded.commissioned, area = excluded.area, residents = excluded.residents,
          heating_type = excluded.heating_type, version = excluded.version, updated_at = now()
        returning 1)
      select (select count(*) from changed where is_new)::int as inserted, (select count(*) from changed where not is_new)::int as updated,
             (select count(*) from up)::int as written`)
    : counted(tx<{ inserted: number; updated: number }[]>`
      with up as (
        insert into gis_houses (fias_id, house_type, area, residents, heating_types, version)
        select fias_id, house_type, area, residents, heating_types, ${version} from changed
        on conflict (fias_id) do update set house_type = excluded.house_type, area = excluded.area, residents = excluded.residents,
          heating_types = excluded.heating_types, version = excluded.version, updated_at = now()
        returning 1)
      select (select count(*) from changed where is_new)::int as inserted, (select count(*) from changed where not is_new)::int as updated,
             (select count(*) from up)::int as written`));
  const gone = kind === 'houses'
    ? await tx<{ fias_id: string }[]>`delete from houses h where not exists (select 1 from incoming i where i.fias_id = h.fias_id) returning fias_id::text`
    : await tx<{ fias_id: string }[]>`delete from gis_houses g where not exists (select 1 from incoming i where i.fias_id = g.fias_id) returning fias_id::text`;
  if (kind === 'houses' && gone.length > 0) {
    // registries with rows of a removed house are summed again by the analytics, whose settlements came from it
    await tx`insert into analytics_stale (registry_id)
      select distinct rr.registry_id from registry_rows rr where lower(rr.fias_id) = any(${gone.map((g) => g.fias_id)}::text[])
      on conflict (registry_id) do update set marked_at = now()`;
  }
  return { ...counts, removed: gone.length };
}

/**
 * A house's services are replaced as a whole when the file lists a different set for it (lines in file order); houses
 * the file does not list keep theirs. Counts are in lines: those of new houses inserted, those of changed houses updated.
 */
export async function mergeHouseServices(tx: Tx, version: number, rows: number, existingRows: number): Promise<MergeCounts> {
  if (existingRows === 0) {
    const [r] = await withIndexesRebuilt(tx, 'house_services', rows, 0, () => tx<{ n: number }[]>`with up as (
      insert into house_services (fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, version)
      select fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, ${version} from incoming returning 1)
      select count(*)::int as n from up`);
    return { inserted: r?.n ?? 0, updated: 0, removed: 0 };
  }
  await tx`create temp table changed on commit drop as
    select fias_id, bool_and(s_fias is null) as is_new from (
      select coalesce(i.fias_id, s.fias_id) as fias_id, s.fias_id as s_fias, i.fias_id as i_fias,
             (i.service, i.tariff, i.decision_id, i.norm, i.norm_unit, i.heating_only) is distinct from (s.service, s.tariff, s.decision_id, s.norm, s.norm_unit, s.heating_only) as differs
      from incoming i
      full join (select * from house_services where fias_id in (select fias_id from incoming)) s on s.fias_id = i.fias_id and s.line_no = i.line_no
    ) x group by fias_id having bool_or(differs or s_fias is null or i_fias is null)`;
  // a house whose lines all are new had none before
  const [r] = await tx<{ inserted: number; updated: number }[]>`
    select coalesce(sum(n) filter (where c.is_new), 0)::int as inserted, coalesce(sum(n) filter (where not c.is_new), 0)::int as updated
    from changed c join (select fias_id, count(*) as n from incoming group by fias_id) i using (fias_id)`;
  await withIndexesRebuilt(tx, 'house_services', (r?.inserted ?? 0) + (r?.updated ?? 0), existingRows, async () => {
    await tx`delete from house_services where fias_id in (select fias_id from changed)`;
    await tx`insert into house_services (fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, version)
      select fias_id, line_no, service, tariff, decision_id, norm, norm_unit, heating_only, ${version} from incoming
      where fias_id in (select fias_id from changed)`;
  });
  return { inserted: r?.inserted ?? 0, updated: r?.updated ?? 0, removed: 0 };
}

export async function mergeTariffs(tx: Tx, version: number): Promise<MergeCounts> {
  const counts = await counted(tx<{ inserted: number; updated: number }[]>`
    with up as (
      insert into tariff_decisions (decision_id, rso_inn, service, municipal_district, settlement, valid_from, valid_to,
        commissioned_from, commissioned_to, tariff_kind, eot, lt, version)
      select decision_id, rso_inn, service, municipal_district, settlement, valid_from, valid_to,
        commissioned_from, commissioned_to, tariff_kind, eot, lt, ${version} from incoming order by n
      on conflict (decision_id, municipal_district, settlement, valid_from, commissioned_from, commissioned_to, tariff_kind)
      do update set rso_inn = excluded.rso_inn, service = excluded.service, valid_to = excluded.valid_to,
        eot = excluded.eot, lt = excluded.lt, version = excluded.version, updated_at = now()
      where (tariff_decisions.rso_inn, tariff_decisions.service, tariff_decisions.valid_to, tariff_decisions.eot, tariff_decisions.lt)
        is distinct from (excluded.rso_inn, excluded.service, excluded.valid_to, excluded.eot, excluded.lt)
      returning (xmax = 0) as inserted)
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from up`);
  return { ...counts, removed: 0 };
}
