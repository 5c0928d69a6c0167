import type { Problem } from '../problem.ts';
import type { Cell, Grid } from '../table/grid.ts';
import { tableRecords, type TableRecord } from '../table/read-table.ts';
import type { TableSpec } from '../table/spec.ts';
import type { ReferenceKind, ReferenceRecords, TariffDecision } from './types.ts';

export interface ReferenceRead<K extends ReferenceKind> {
  records: ReferenceRecords[K][];
  problems: Problem[];
}

type RowCheck = (rec: TableRecord, file: string) => Problem[];

const tariffChecks: RowCheck = (rec, file) => {
  const t = rec as unknown as TariffDecision;
  const out: Problem[] = [];
  const at = { file, row: rec.__row };
  if (t.valid_to !== null && t.valid_from !== null && t.valid_to < t.valid_from) {
    out.push({ ...at, column: 'valid_to', message: `дата окончания ${t.valid_to} раньше даты начала ${t.valid_from}` });
  }
  if (t.commissioned_from !== null && t.commissioned_to !== null && t.commissioned_to < t.commissioned_from) {
    out.push({ ...at, column: 'commissioned_to', message: `конец диапазона дат ввода ${t.commissioned_to} раньше начала ${t.commissioned_from}` });
  }
  if (t.eot !== null && t.eot < 0) out.push({ ...at, column: 'eot', message: 'ЭОТ не может быть отрицательным' });
  if (t.lt !== null && t.lt < 0) out.push({ ...at, column: 'lt', message: 'льготный тариф не может быть отрицательным' });
  return out;
};

/** Money, norms, areas and counts of these columns cannot be negative. */
const nonNegative = (columns: Record<string, string>): RowCheck => (rec, file) => {
  const out: Problem[] = [];
  for (const [key, title] of Object.entries(columns)) {
    const v = rec[key];
    if (typeof v === 'number' && v < 0) out.push({ file, row: rec.__row, column: key, message: `${title} не может быть отрицательным` });
  }
  return out;
};

const ROW_CHECKS: Record<ReferenceKind, RowCheck> = {
  houses: () => [],
  tariffs: tariffChecks,
  organisations: () => [],
  house_services: nonNegative({ tariff: 'тариф', norm: 'норматив' }),
  mo_rates: nonNegative({ maintenance: 'плата за содержание', capital_repair: 'взнос на капремонт', rent: 'плата за наём' }),
  gis_houses: nonNegative({ area: 'площадь', residents: 'число проживающих' }),
};

/**
 * Reads one reference file (houses, БПТР tariffs, organisations, house services, МО rates, ГИС ЖКХ houses)
 * against its template.
 * Returns every problem found; records are meaningful only when there are none.
 */
export function readReference<K extends ReferenceKind>(kind: K, spec: TableSpec, grid: Grid, file: string): ReferenceRead<K> {
  const problems: Problem[] = [];
  const records = [...referenceRecords(kind, spec, grid, file, problems)].map((rec) => {
    const { __row: _row, ...rest } = rec as typeof rec & { __row?: number };
    return rest as unknown as ReferenceRecords[K];
  });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { records, problems };
}

/**
 * `readReference` one record at a time, each read and checked before the next (an import writes them while it
 * reads). Problems are pushed to `problems` as found (in row order within each kind of check, not sorted); once
 * there is one, the records yielded after it are meaningless and the caller stops writing. Each record also holds
 * its file row as `__row`, which `readReference` leaves out.
 */
export function* referenceRecords<K extends ReferenceKind>(kind: K, spec: TableSpec, rows: Iterable<Cell[]>, file: string, problems: Problem[]): Generator<ReferenceRecords[K]> {
  const check = ROW_CHECKS[kind];
  for (const rec of tableRecords(rows, spec, file, problems)) {
    const found = check(rec, file);
    if (found.length > 0) problems.push(...found);
    // the record keeps its file row (`__row`), not copied without it: a 200,000-row import writes named fields only
    yield rec as unknown as ReferenceRecords[K];
  }
}
