/**
 * Workbooks kept in the database: every save is a new version with who and when, written with its audit record
 * in one transaction (`workbook.create`, `workbook.save`). A definition is read by `readWorkbook` before it is
 * stored, so what is stored always reads back; its formulas are kept as the analyst wrote them.
 */
import type { Role } from '../contract/auth.ts';
import { WORKBOOK_EDITORS, type WorkbookDetail, type WorkbookSummary, type WorkbookTile, type WorkbookVersionInfo } from '../contract/workbooks.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Sql } from '../db/database.ts';
import { readWorkbook } from '../../formulas/workbook/schema.ts';
import type { WorkbookDef } from '../../formulas/workbook/types.ts';

export const canEdit = (role: Role): boolean => (WORKBOOK_EDITORS as readonly Role[]).includes(role);

interface Row {
  id: string;
  title: string;
  template: string | null;
  version: number;
  saved_by: string | null;
  saved_at: Date;
  definition?: unknown;
}

const summary = (r: Row): WorkbookSummary => ({ id: Number(r.id), title: r.title, template: r.template, version: r.version, savedBy: r.saved_by, savedAt: r.saved_at.toISOString() });

export async function listWorkbooks(sql: Sql): Promise<WorkbookSummary[]> {
  const rows = await sql<Row[]>`
    select w.id::text, w.title, w.template, v.version, u.full_name as saved_by, v.saved_at
    from workbooks w join workbook_versions v on v.workbook_id = w.id and v.version = w.current_version
    left join users u on u.id = v.saved_by
    order by v.saved_at desc, w.id desc`;
  return rows.map(summary);
}

export async function getWorkbook(sql: Sql, id: number, role: Role, version?: number): Promise<WorkbookDetail | null> {
  const [r] = await sql<Row[]>`
    select w.id::text, w.title, w.template, v.version, u.full_name as saved_by, v.saved_at, v.definition
    from workbooks w join workbook_versions v on v.workbook_id = w.id and v.version = coalesce(${version ?? null}::int, w.current_version)
    left join users u on u.id = v.saved_by
    where w.id = ${id}`;
  if (!r) return null;
  const def = readWorkbook(r.definition);
  if (!def.ok) throw new Error(`stored workbook ${id} v${r.version} unreadable: ${def.message}`);
  return { ...summary(r), definition: def.value, canEdit: canEdit(role) };
}

export async function workbookVersions(sql: Sql, id: number): Promise<WorkbookVersionInfo[]> {
  const rows = await sql<{ version: number; saved_by: string | null; saved_at: Date; comment: string | null }[]>`
    select v.version, u.full_name as saved_by, v.saved_at, v.comment
    from workbook_versions v left join users u on u.id = v.saved_by
    where v.workbook_id = ${id} order by v.version desc`;
  return rows.map((r) => ({ version: r.version, savedBy: r.saved_by, savedAt: r.saved_at.toISOString(), comment: r.comment }));
}

export async function createWorkbook(sql: Sql, def: WorkbookDef, actor: { id: number; role: Role }, template: string | null = null): Promise<WorkbookDetail> {
  const id = await sql.begin(async (tx) => {
    const [w] = await tx<{ id: string }[]>`insert into workbooks (title, template, created_by) values (${def.title}, ${template}, ${actor.id}) returning id::text`;
    const wid = Number(w?.id);
    await tx`insert into workbook_versions (workbook_id, version, definition, saved_by) values (${wid}, 1, ${tx.json(def as never)}, ${actor.id})`;
    await appendAudit(tx, { actorId: actor.id, action: 'workbook.create', entity: 'workbook', entityId: wid, payload: { title: def.title, template } });
    return wid;
  });
  return (await getWorkbook(sql, id, actor.role)) as WorkbookDetail;
}

/** A new version of the definition (editors share one live document, so a save is a snapshot of it, not a merge). */
export async function saveWorkbook(sql: Sql, id: number, def: WorkbookDef, actor: { id: number; role: Role }, comment: string | null): Promise<WorkbookDetail | null> {
  const saved = await sql.begin(async (tx) => {
    const [w] = await tx<{ current_version: number }[]>`select current_version from workbooks where id = ${id} for update`;
    if (!w) return null;
    const version = w.current_version + 1;
    await tx`insert into workbook_versions (workbook_id, version, definition, comment, saved_by) values (${id}, ${version}, ${tx.json(def as never)}, ${comment}, ${actor.id})`;
    await tx`update workbooks set current_version = ${version}, title = ${def.title} where id = ${id}`;
    await appendAudit(tx, { actorId: actor.id, action: 'workbook.save', entity: 'workbook', entityId: id, payload: { version, title: def.title, comment } });
    return version;
  });
  return saved === null ? null : getWorkbook(sql, id, actor.role);
}

interface TileRow {
  id: string;
  workbook_id: string;
  sheet_id: string;
  title: string;
  pinned_by: string | null;
  pinned_at: Date;
}

const tile = (r: TileRow): WorkbookTile => ({ id: Number(r.id), workbookId: Number(r.workbook_id), sheetId: r.sheet_id, title: r.title, pinnedBy: r.pinned_by, pinnedAt: r.pinned_at.toISOString() });

export async function listTiles(sql: Sql): Promise<WorkbookTile[]> {
  const rows = await sql<TileRow[]>`
    select t.id::text, t.workbook_id::text, t.sheet_id, t.title, u.full_name as pinned_by, t.pinned_at
    from workbook_tiles t left join users u on u.id = t.pinned_by order by t.pinned_at, t.id`;
  return rows.map(tile);
}

/** Pins a sheet's chart (the sheet must have one in the current version); pinning it again renames the tile. */
export async function pinTile(sql: Sql, workbookId: number, sheetId: string, actorId: number): Promise<WorkbookTile | string> {
  const wb = await getWorkbook(sql, workbookId, 'manager');
  if (!wb) return 'Нет такой рабочей книги';
  const sheet = wb.definition.sheets.find((s) => s.id === sheetId);
  if (!sheet) return `В книге нет листа «${sheetId}»`;
  if (!sheet.chart || !sheet.pivot) return `У листа «${sheet.title}» нет диаграммы`;
  const title = sheet.chart.title || `${wb.title}: ${sheet.title}`;
  const row = await sql.begin(async (tx) => {
    const [r] = await tx<TileRow[]>`
      insert into workbook_tiles (workbook_id, sheet_id, title, pinned_by) values (${workbookId}, ${sheetId}, ${title}, ${actorId})
      on conflict (workbook_id, sheet_id) do update set title = excluded.title
      returning id::text, workbook_id::text, sheet_id, title, null::text as pinned_by, pinned_at`;
    await appendAudit(tx, { actorId, action: 'workbook.pin', entity: 'workbook', entityId: workbookId, payload: { sheet: sheetId, title } });
    return r as TileRow;
  });
  return tile(row);
}

export async function unpinTile(sql: Sql, tileId: number, actorId: number): Promise<boolean> {
  return sql.begin(async (tx) => {
    const gone = await tx`delete from workbook_tiles where id = ${tileId} returning workbook_id`;
    if (gone.length === 0) return false;
    await appendAudit(tx, { actorId, action: 'workbook.unpin', entity: 'workbook_tile', entityId: tileId });
    return true;
  });
}
