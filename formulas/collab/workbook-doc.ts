/**
 * A workbook's definition as a shared Yjs document (`workbook:<id>`), so two analysts edit one workbook live. Only
 * the definition is in it (title, sheets with their source, columns, formulas, filters, sorts, pivot, chart,
 * sheet order), never data. Root `workbook` (Y.Map): `title`, `description`, `sheets` (Y.Array of Y.Map, one per
 * sheet, in order). A sheet map holds `id`, `title` and each part as a plain JSON value, except `formulas`: a
 * Y.Array of Y.Map (`name`, `formula`, `title`), so two people editing two formulas of one sheet both keep theirs.
 * The server fills a new document from the workbook's current saved version; a save reads it back
 * (`workbookOfDoc`, then `formulas/workbook/schema.ts`).
 */
import * as Y from 'yjs';
import type { FormulaColumnDef, SheetDef, WorkbookDef } from '../workbook/types.ts';

export const WORKBOOK_ROOT = 'workbook';
export const workbookRootOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(WORKBOOK_ROOT);

const PARTS = ['source', 'columns', 'filters', 'sorts', 'pivot', 'chart'] as const;
export type SheetPart = (typeof PARTS)[number];

function sheetsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  const root = workbookRootOf(doc);
  let sheets = root.get('sheets');
  if (!(sheets instanceof Y.Array)) {
    sheets = new Y.Array<Y.Map<unknown>>();
    root.set('sheets', sheets);
  }
  return sheets as Y.Array<Y.Map<unknown>>;
}

function formulaMap(f: FormulaColumnDef): Y.Map<string> {
  const m = new Y.Map<string>();
  m.set('name', f.name);
  m.set('formula', f.formula);
  if (f.title !== undefined) m.set('title', f.title);
  return m;
}

function sheetMap(s: SheetDef): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', s.id);
  m.set('title', s.title);
  for (const p of PARTS) if (s[p] !== undefined) m.set(p, s[p]);
  const formulas = new Y.Array<Y.Map<string>>();
  formulas.push(s.formulas.map(formulaMap));
  m.set('formulas', formulas);
  return m;
}

/** Whether the document holds a definition yet (a new document is filled by the server). */
export const hasWorkbook = (doc: Y.Doc): boolean => workbookRootOf(doc).get('sheets') instanceof Y.Array;

/** Writes a whole definition into an empty document (the server, from the stored version). */
export function fillWorkbookDoc(doc: Y.Doc, def: WorkbookDef, origin?: unknown): void {
  doc.transact(() => {
    const root = workbookRootOf(doc);
    root.set('title', def.title);
    if (def.description !== undefined) root.set('description', def.description);
    const sheets = new Y.Array<Y.Map<unknown>>();
    sheets.push(def.sheets.map(sheetMap));
    root.set('sheets', sheets);
  }, origin);
}

/** The definition as plain JSON (to be read by `readWorkbook` before it is evaluated or saved). */
export function workbookOfDoc(doc: Y.Doc): unknown {
  const root = workbookRootOf(doc);
  const sheets = root.get('sheets');
  return {
    version: 1,
    title: root.get('title') ?? '',
    ...(typeof root.get('description') === 'string' ? { description: root.get('description') } : {}),
    sheets: sheets instanceof Y.Array
      ? (sheets as Y.Array<Y.Map<unknown>>).toArray().map((m) => {
        const formulas = m.get('formulas');
        const out: Record<string, unknown> = { id: m.get('id'), title: m.get('title') };
        for (const p of PARTS) if (m.get(p) !== undefined) out[p] = m.get(p);
        out.columns ??= [];
        out.filters ??= [];
        out.sorts ??= [];
        out.formulas = formulas instanceof Y.Array ? (formulas as Y.Array<Y.Map<string>>).toArray().map((f) => f.toJSON()) : [];
        return out;
      })
      : [],
  };
}

const sheetById = (doc: Y.Doc, id: string): Y.Map<unknown> | undefined => sheetsOf(doc).toArray().find((m) => m.get('id') === id);

export function setWorkbookTitle(doc: Y.Doc, title: string): void {
  workbookRootOf(doc).set('title', title);
}

export function setSheetTitle(doc: Y.Doc, sheetId: string, title: string): void {
  sheetById(doc, sheetId)?.set('title', title);
}

/** Replaces one part of a sheet (its source, columns, filters, sorts, pivot or chart); undefined removes it. */
export function setSheetPart<P extends SheetPart>(doc: Y.Doc, sheetId: string, part: P, value: SheetDef[P]): void {
  const m = sheetById(doc, sheetId);
  if (!m) return;
  if (value === undefined) m.delete(part);
  else m.set(part, value);
}

function formulasOf(doc: Y.Doc, sheetId: string): Y.Array<Y.Map<string>> | null {
  const f = sheetById(doc, sheetId)?.get('formulas');
  return f instanceof Y.Array ? (f as Y.Array<Y.Map<string>>) : null;
}

/** Edits one formula column in place (its name, formula or title): another person's edit of another column stays. */
export function setFormula(doc: Y.Doc, sheetId: string, index: number, patch: Partial<FormulaColumnDef>): void {
  const f = formulasOf(doc, sheetId)?.get(index);
  if (!f) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) if (typeof v === 'string') f.set(k, v);
  });
}

export function addFormula(doc: Y.Doc, sheetId: string, f: FormulaColumnDef): void {
  formulasOf(doc, sheetId)?.push([formulaMap(f)]);
}

export function removeFormula(doc: Y.Doc, sheetId: string, index: number): void {
  const a = formulasOf(doc, sheetId);
  if (a && index >= 0 && index < a.length) a.delete(index, 1);
}

export function addSheet(doc: Y.Doc, s: SheetDef): void {
  sheetsOf(doc).push([sheetMap(s)]);
}

export function removeSheet(doc: Y.Doc, sheetId: string): void {
  const a = sheetsOf(doc);
  const i = a.toArray().findIndex((m) => m.get('id') === sheetId);
  if (i >= 0) a.delete(i, 1);
}

/** Moves a sheet to another place in the order. */
export function moveSheet(doc: Y.Doc, sheetId: string, to: number): void {
  const a = sheetsOf(doc);
  const i = a.toArray().findIndex((m) => m.get('id') === sheetId);
  if (i < 0 || i === to) return;
  const def = workbookOfDoc(doc) as { sheets: SheetDef[] };
  const s = def.sheets[i] as SheetDef;
  doc.transact(() => {
    a.delete(i, 1);
    a.insert(Math.max(0, Math.min(to, a.length)), [sheetMap(s)]);
  });
}
