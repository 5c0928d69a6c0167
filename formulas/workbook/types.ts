/**
 * A workbook («Рабочая книга»): sheets over the region's data, each a source picked from a menu, the source's
 * columns, formula columns written as a Russian (or English) Excel user writes them, filters, sorts, a pivot and
 * a chart. The definition is data (JSON; a shared Yjs document while edited); the data itself never is in it.
 */

export const SOURCE_KINDS = ['registry_rows', 'houses', 'bptr', 'registries', 'sheet'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_TITLES: Record<SourceKind, string> = {
  registry_rows: 'Строки реестров',
  houses: 'Дома (услуги, группа, стандарт)',
  bptr: 'Решения БПТР',
  registries: 'Реестры с суммами',
  sheet: 'Результат другого листа',
};

/** Periods are `YYYY-MM`; every filter is optional, an empty one takes everything. */
export interface RegistryRowsSource {
  kind: 'registry_rows';
  from?: string;
  to?: string;
  service?: string;
  rso_inn?: string;
  district?: string;
  /** registry status («Согласован», …) */
  status?: string;
  /** a rule id that failed on the row ('4', '9', a low-code rule's id) */
  failed_check?: string;
}

export interface HousesSource {
  kind: 'houses';
  district?: string;
  service?: string;
}

export interface BptrSource {
  kind: 'bptr';
  service?: string;
  rso_inn?: string;
  district?: string;
  /** decisions valid on this date (ISO) */
  valid_on?: string;
}

export interface RegistriesSource {
  kind: 'registries';
  from?: string;
  to?: string;
  service?: string;
  rso_inn?: string;
  district?: string;
  status?: string;
}

export interface SheetSource {
  kind: 'sheet';
  /** the id of another sheet of the same workbook: its rows after its formulas, filters and sorts */
  sheet: string;
}

export type SourceDef = RegistryRowsSource | HousesSource | BptrSource | RegistriesSource | SheetSource;

/** A formula column: `name` is how other formulas, filters and the pivot refer to it (`[name]`). */
export interface FormulaColumnDef {
  name: string;
  /** As the analyst wrote it, Russian or English spelling. */
  formula: string;
  title?: string;
}

export const FILTER_OPS = ['=', '<>', '>', '>=', '<', '<=', 'contains', 'empty', 'not_empty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const FILTER_OP_TITLES: Record<FilterOp, string> = {
  '=': 'равно', '<>': 'не равно', '>': 'больше', '>=': 'не меньше', '<': 'меньше', '<=': 'не больше',
  contains: 'содержит', empty: 'пусто', not_empty: 'не пусто',
};

export interface FilterDef {
  field: string;
  op: FilterOp;
  /** A number for a number field («1,5» and «1.5» both read), text otherwise. */
  value?: string | number;
}

export interface SortDef {
  field: string;
  desc?: boolean;
}

export const AGGREGATES = ['sum', 'count', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
export const AGGREGATE_TITLES: Record<Aggregate, string> = { sum: 'сумма', count: 'количество', avg: 'среднее', min: 'минимум', max: 'максимум' };

export interface PivotValueDef {
  field: string;
  agg: Aggregate;
  title?: string;
}

export interface PivotDef {
  /** Up to three fields to group by, outermost first. */
  groupBy: string[];
  values: PivotValueDef[];
}

export const CHART_TYPES = ['bar', 'line', 'pie', 'stacked'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const CHART_TITLES: Record<ChartType, string> = { bar: 'столбцы', line: 'линии', pie: 'круговая', stacked: 'столбцы с накоплением' };

/**
 * A chart of the pivot: the first group field along the axis, the second (when there is one) as series; `value`
 * is the index of the pivot value drawn.
 */
export interface ChartDef {
  type: ChartType;
  value?: number;
  title?: string;
}

export interface SheetDef {
  id: string;
  title: string;
  source: SourceDef;
  /** Source fields shown, in order; empty: all of them. */
  columns: string[];
  formulas: FormulaColumnDef[];
  filters: FilterDef[];
  sorts: SortDef[];
  pivot?: PivotDef;
  chart?: ChartDef;
}

export interface WorkbookDef {
  version: 1;
  title: string;
  description?: string;
  sheets: SheetDef[];
}

export const MAX_GROUP_BY = 3;
export const MAX_SHEETS = 20;
export const MAX_FORMULAS = 50;
