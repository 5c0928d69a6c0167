import type { Field, WireDataSet } from '../../../../formulas/workbook/data.ts';
import type { SheetProblem } from '../../../../formulas/workbook/evaluate.ts';
import type { PivotValueDef, WorkbookDef } from '../../../../formulas/workbook/types.ts';
import type { ChartData } from '../../../../formulas/workbook/chart.ts';

export type PlainValue = number | string | boolean | null;

export interface PivotView {
  groupBy: Field[];
  values: PivotValueDef[];
  groups: { keys: PlainValue[]; values: (number | null)[]; rows: number }[];
  total: (number | null)[];
  chart: ChartData | null;
  ms: number;
}

export interface SheetView {
  id: string;
  problems: SheetProblem[];
  /** the fields of the sheet (shown columns) and every field formulas may name */
  fields: Field[];
  known: Field[];
  rowCount: number;
  sourceCount: number;
  /** the first `limit` rows, in order */
  rows: PlainValue[][];
  pivot: PivotView | null;
}

export interface WorkbookEvaluation {
  sheets: SheetView[];
  /** time in the worker: formulas, filters, sorts and pivots */
  ms: number;
}

/**
 * The workbook worker: keeps each sheet's source data (loaded once per source), evaluates a definition over them
 * (formula columns, filters, sorts, pivots, charts) and gives back what the page shows; rows behind a pivot
 * cell on demand. Plain data in and out, so the same service runs in tests without a worker.
 */
export interface WorkbookServiceApi {
  /** Keeps a sheet's source (`key` names it: the source's JSON); false when it was kept already. */
  load(sheetId: string, key: string, data: WireDataSet): boolean;
  /** The keys of the sources kept, by sheet id. */
  loaded(): Record<string, string>;
  evaluate(def: WorkbookDef, today: string, limit: number): WorkbookEvaluation;
  /** The rows behind group `group` of a sheet's pivot (of the last evaluation), at most `limit`. */
  drill(sheetId: string, group: number, limit: number): { fields: Field[]; rows: PlainValue[][]; count: number };
}
