/**
 * The analytics part of the HTTP API as data: what the routes under `/api/analytics` return. The workspace imports
 * these types (type-only). Money is in kopecks (integers, exact: sums are bigint in Postgres and below 2^53),
 * periods are `YYYY-MM`.
 *
 * Routes (roles: admin, analyst, reviewer, manager):
 *   GET /analytics/options                      FilterOptions: what the filters can choose from
 *   GET /analytics/dashboard?<filter>           Dashboard: every chart's figures
 *   GET /analytics/registries?<filter>&<drill>  DrillResult: the registries behind a figure, with their part of it
 *   GET /analytics/table?<filter>&group=a,b     SliceTable: the slices grouped by up to three dimensions, with totals
 *   GET /analytics/export.xlsx?<filter>&group   the same table as a workbook, the filters written above it
 *   GET /analytics/rso/:inn?<filter>            RsoAnalytics: one РСО over time
 *
 * Money charts count registries that are not cancelled and not refused registration («Отменен», «Отказано в
 * регистрации»): those subsidies were never claimed. Declared = the rows' declared subsidy; agreed, rejected and
 * pending = the declared subsidy of the rows agreed, rejected and still awaiting a decision, so
 * declared = agreed + rejected + pending in every slice.
 */

/** The filters every chart, the table and the export take. */
export interface AnalyticsFilter {
  /** first month, `YYYY-MM` */
  from?: string | undefined;
  /** last month, `YYYY-MM` */
  to?: string | undefined;
  /** ИНН of the РСО */
  rso?: string | undefined;
  /** the registry's municipal district; '' = not stated */
  district?: string | undefined;
  /** the house's settlement; '' = houses not found in the register */
  settlement?: string | undefined;
  service?: string | undefined;
}

/** What narrows a drill-down further than the filters: the bar or slice that was clicked. */
export interface DrillTarget {
  /** a registry status (the «by status» chart) */
  status?: string | undefined;
  /** a reviewer's user id (the workload chart) */
  executor?: number | undefined;
  /** deadline outcome (the compliance chart) */
  deadline?: DeadlineOutcome | undefined;
  /** a rule id: registries with rows rejected that failed it */
  rule?: string | undefined;
}

export const DEADLINE_OUTCOMES = ['on-time', 'late', 'open', 'overdue'] as const;
/** Finished by the check deadline, finished after it, in progress within it, in progress past it. */
export type DeadlineOutcome = (typeof DEADLINE_OUTCOMES)[number];

export interface Money {
  declared: number;
  agreed: number;
  rejected: number;
  pending: number;
  /** registry rows (houses × service) */
  rows: number;
  registries: number;
}

export interface MoneySlice extends Money {
  /** what the slice is filtered by: a period, an ИНН, a district, a settlement, a service; '*' = «прочие» */
  key: string;
  label: string;
  /** settlement slices: the registry district they lie in */
  district?: string;
}

export interface RuleFigure {
  rule: string;
  title: string;
  /** declared subsidy of rejected rows that failed the rule: what the check kept from being paid */
  rejectedSum: number;
  rejectedRows: number;
  /** every row that failed the rule, whatever the decision */
  failedRows: number;
  failedSum: number;
}

export interface ReviewerLoad {
  executorId: number;
  name: string;
  registries: number;
  rows: number;
  declared: number;
  onTime: number;
  late: number;
  open: number;
  overdue: number;
}

export interface StatusMonth {
  period: string;
  counts: Record<string, number>;
}

export interface Dashboard {
  totals: Money;
  byMonth: MoneySlice[];
  byYear: MoneySlice[];
  byRso: MoneySlice[];
  byDistrict: MoneySlice[];
  bySettlement: MoneySlice[];
  byService: MoneySlice[];
  byRule: RuleFigure[];
  workload: ReviewerLoad[];
  statusByMonth: StatusMonth[];
  /** milliseconds each query took on the server, by chart */
  timings: Record<string, number>;
}

export interface FilterOptions {
  /** first and last month with registries, `YYYY-MM`; null without registries */
  firstPeriod: string | null;
  lastPeriod: string | null;
  rsos: { inn: string; name: string }[];
  districts: string[];
  settlements: { district: string; settlement: string }[];
  services: string[];
}

export interface DrillRegistry extends Money {
  id: number;
  period: string;
  rsoInn: string;
  rsoName: string;
  service: string;
  district: string;
  status: string;
  executor: string | null;
  checkDeadline: string | null;
  completedAt: string | null;
  /** with a rule target: the rejected sum of rows that failed that rule */
  ruleRejected?: number;
}

export interface DrillResult {
  registries: DrillRegistry[];
  /** the sums of all registries behind the figure (also those past the list's limit) */
  totals: Money;
  /** more registries matched than the list carries */
  truncated: boolean;
}

export const SLICE_DIMENSIONS = ['year', 'month', 'rso', 'district', 'settlement', 'service', 'status'] as const;
export type SliceDimension = (typeof SLICE_DIMENSIONS)[number];

export const DIMENSION_TITLES: Record<SliceDimension, string> = {
  year: 'Год',
  month: 'Месяц',
  rso: 'РСО',
  district: 'Муниципальный район',
  settlement: 'Населённый пункт',
  service: 'Услуга',
  status: 'Статус реестра',
};

export interface SliceRow extends Money {
  /** display values of the grouping dimensions, in `group` order */
  keys: string[];
}

export interface SliceTable {
  group: SliceDimension[];
  rows: SliceRow[];
  totals: Money;
}

export interface RsoMonth extends Money {
  period: string;
  byStatus: Record<string, number>;
}

export interface RsoRule {
  rule: string;
  title: string;
  failedRows: number;
  /** failed rows / rows, 0..1 */
  rate: number;
  rejectedSum: number;
}

export interface RsoVolume {
  period: string;
  service: string;
  unit: string;
  /** decimal string */
  volume: string;
  rows: number;
}

export interface RsoAnalytics {
  inn: string;
  name: string;
  totals: Money;
  months: RsoMonth[];
  rules: RsoRule[];
  volumes: RsoVolume[];
  registries: DrillRegistry[];
}
