/**
 * Workbooks («Рабочие книги», issue 17) as data: what the routes under `/api/workbooks` return.
 *
 *   GET  /workbooks                       WorkbookSummary[] [any role]
 *   GET  /workbooks/templates             WorkbookTemplateInfo[]: the shipped workbooks [any role]
 *   POST /workbooks {title, definition} | {template}   WorkbookDetail: a new workbook [admin, analyst]
 *   GET  /workbooks/:id                   WorkbookDetail: the current version, whether the role may edit [any role]
 *   GET  /workbooks/:id/versions          WorkbookVersionInfo[], newest first [any role]
 *   GET  /workbooks/:id/versions/:v       WorkbookDetail of that version [any role]
 *   POST /workbooks/:id/versions {definition, comment?}  WorkbookDetail: a saved version, audited [admin, analyst]
 *   POST /workbooks/source {definition, sheet}  SourceData: one sheet's source for the workspace's worker [any role]
 *   POST /workbooks/run {definition}      WorkbookRun: every sheet evaluated on the server [any role]
 *   GET  /workbooks/:id/run               WorkbookRun of the current version [any role]
 *   GET  /workbooks/:id/export.xlsx       the sheets with formula columns as live Excel formulas [any role]
 *   GET  /workbooks/tiles                 WorkbookTile[]: charts pinned to the analytics page [any role]
 *   POST /workbooks/:id/tiles {sheet}     WorkbookTile: pin a sheet's chart [admin, analyst]
 *   POST /workbooks/tiles/:tile/unpin     unpin [admin, analyst]
 */
import type { Field, WireDataSet } from '../../formulas/workbook/data.ts';
import type { SheetProblem } from '../../formulas/workbook/evaluate.ts';
import type { ChartDef, PivotValueDef, WorkbookDef } from '../../formulas/workbook/types.ts';

export const WORKBOOK_EDITORS = ['admin', 'analyst'] as const;

export interface WorkbookSummary {
  id: number;
  title: string;
  /** the shipped workbook it was opened from */
  template: string | null;
  version: number;
  savedBy: string | null;
  savedAt: string;
}

export interface WorkbookDetail extends WorkbookSummary {
  definition: WorkbookDef;
  /** the signed-in role may edit and save (others view) */
  canEdit: boolean;
}

export interface WorkbookVersionInfo {
  version: number;
  savedBy: string | null;
  savedAt: string;
  comment: string | null;
}

export interface WorkbookTemplateInfo {
  id: string;
  title: string;
  description: string;
}

export interface SourceData {
  data: WireDataSet;
  /** the role may not read this source: no rows, and why */
  refused?: string;
}

export type PlainValue = number | string | boolean | null;

export interface PivotRun {
  groupBy: Field[];
  values: PivotValueDef[];
  groups: { keys: PlainValue[]; values: (number | null)[]; rows: number }[];
  total: (number | null)[];
}

export interface SheetRun {
  id: string;
  title: string;
  problems: SheetProblem[];
  refused?: string;
  fields: Field[];
  rowCount: number;
  /** the rows shown, in order; at most `limit` of them */
  rows: PlainValue[][];
  pivot?: PivotRun;
  chart?: ChartDef;
}

export interface WorkbookRun {
  title: string;
  sheets: SheetRun[];
}

export interface WorkbookTile {
  id: number;
  workbookId: number;
  sheetId: string;
  title: string;
  pinnedBy: string | null;
  pinnedAt: string;
}
