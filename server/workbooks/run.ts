/**
 * A workbook evaluated on the server: its sources read (`sources.ts`), every sheet evaluated by
 * `formulas/workbook` exactly as the workspace's worker does, answered as plain JSON (`WorkbookRun`) — for
 * `sverka workbook run`, the analytics page's tiles and the .xlsx export.
 */
import type { Role } from '../contract/auth.ts';
import type { PivotRun, SheetRun, WorkbookRun } from '../contract/workbooks.ts';
import type { Sql } from '../db/database.ts';
import { todaySerial } from '../../formulas/formula/row-formula.ts';
import { dataSetOfWire, type DataSet } from '../../formulas/workbook/data.ts';
import { evaluateWorkbook, plainValue, resultAsData, type SheetResult } from '../../formulas/workbook/evaluate.ts';
import { pivot, pivotFields } from '../../formulas/workbook/pivot.ts';
import type { SheetDef, WorkbookDef } from '../../formulas/workbook/types.ts';
import { workbookXlsx } from '../../formulas/workbook/xlsx.ts';
import type { SOURCE_ROLES } from './sources.ts';
import { readSources } from './sources.ts';

export interface RunOptions {
  /** СЕГОДНЯ() as an ISO date; default: today in the server's time zone */
  today?: string;
  /** rows of each sheet in the answer (the pivot always sees all) */
  limit?: number;
  rights?: typeof SOURCE_ROLES;
}

export interface Evaluated {
  def: WorkbookDef;
  results: Map<string, SheetResult>;
  data: Map<string, DataSet>;
  refused: Map<string, string>;
  problems: Map<string, SheetRun['problems']>;
}

const localToday = (): string => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export async function evaluateStored(sql: Sql, def: WorkbookDef, role: Role, opts: RunOptions = {}): Promise<Evaluated> {
  const loaded = await readSources(sql, def, role, opts.rights);
  const data = new Map([...loaded].map(([id, l]) => [id, dataSetOfWire(l.data)]));
  const refused = new Map([...loaded].filter(([, l]) => l.refused).map(([id, l]) => [id, l.refused as string]));
  const w = evaluateWorkbook(def, data, { today: todaySerial(opts.today ?? localToday()) });
  // a sheet over another sheet sees that sheet's result: its source data is the result
  for (const s of def.sheets) {
    if (s.source.kind !== 'sheet') continue;
    const upstream = w.sheets.get(s.source.sheet);
    if (upstream) data.set(s.id, resultAsData(upstream));
    const r = refused.get(s.source.sheet);
    if (r) refused.set(s.id, r);
  }
  return { def, results: w.sheets, data, refused, problems: w.problems };
}

export function pivotRun(sheet: SheetDef, r: SheetResult, data: DataSet | undefined): PivotRun | undefined {
  if (!sheet.pivot) return undefined;
  const p = pivot(sheet.pivot, r.rows, pivotFields(r, data ?? null));
  return {
    groupBy: p.groupBy,
    values: p.values,
    groups: p.groups.map((g) => ({ keys: g.keys, values: g.values, rows: g.rows.length })),
    total: p.total.values,
  };
}

export function sheetRun(e: Evaluated, sheet: SheetDef, limit = Number.POSITIVE_INFINITY): SheetRun {
  const r = e.results.get(sheet.id);
  const base = { id: sheet.id, title: sheet.title, ...(e.refused.has(sheet.id) ? { refused: e.refused.get(sheet.id) } : {}), ...(sheet.chart ? { chart: sheet.chart } : {}) };
  if (!r) return { ...base, problems: e.problems.get(sheet.id) ?? [], fields: [], rowCount: 0, rows: [] };
  const readers = r.fields.map((f) => r.read.get(f.name) as (i: number) => Parameters<typeof plainValue>[0]);
  const n = Math.min(r.rows.length, limit);
  const rows = Array.from({ length: n }, (_, j) => readers.map((read) => plainValue(read(r.rows[j] as number))));
  const pv = pivotRun(sheet, r, e.data.get(sheet.id));
  return { ...base, problems: r.problems, fields: r.fields, rowCount: r.rows.length, rows, ...(pv ? { pivot: pv } : {}) };
}

export async function runWorkbook(sql: Sql, def: WorkbookDef, role: Role, opts: RunOptions = {}): Promise<WorkbookRun> {
  const e = await evaluateStored(sql, def, role, opts);
  return { title: def.title, sheets: def.sheets.map((s) => sheetRun(e, s, opts.limit)) };
}

export async function workbookExport(sql: Sql, def: WorkbookDef, role: Role, opts: RunOptions = {}): Promise<Uint8Array> {
  const e = await evaluateStored(sql, def, role, opts);
  return workbookXlsx(def.sheets.flatMap((sheet) => {
    const result = e.results.get(sheet.id);
    return result ? [{ sheet, result }] : [];
  }));
}
