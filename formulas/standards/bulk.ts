/**
 * The formula template evaluated by HyperFormula for many groups at once: one workbook row per group, as the
 * seed's standards table reads (components, then the services' tariffs, norms and flags in blocks of equal
 * width, then the 18 standards). The formulas of every row are the same in relative terms, so HyperFormula
 * parses the template once and reuses it for every row; a sheet per group would parse every formula again
 * (measured: 4,000 groups 11 s that way). The workspace's worker keeps the workbook for edits; the server
 * and `sverka standards` evaluate an analyst's template version through it.
 */
import { HyperFormula } from 'hyperformula';
import type { StandardParams } from './params.ts';
import { hfValueToKopecks, type StandardFormulaTemplate } from './sheet.ts';
import { CATEGORIES, CATEGORY_TITLES, FAMILY_SIZES, PERIOD_TITLES, PERIODS, type Category, type FamilySize, type HousingRates, type Period, type ServiceLine, type Standards } from './types.ts';

/** One group as the bulk workbook needs it: the housing rates and the service lines of its key. */
export interface BulkGroup {
  id: string;
  rates: HousingRates;
  services: readonly ServiceLine[];
}

/** The order of a group's 18 standards in a row of the workbook and in flat arrays of values. */
export const STANDARD_SLOTS: readonly { category: Category; n: FamilySize; period: Period }[] = CATEGORIES.flatMap((category) =>
  FAMILY_SIZES.flatMap((n) => PERIODS.map((period) => ({ category, n, period }))),
);

/** A1 column letters of a 0-based column. */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const fill = (formula: string, refs: Record<string, string>): string => formula.replace(/\{([A-Z_0-9]*)\}/g, (_, p: string) => refs[p] ?? `{${p}}`);

export interface BulkLayout {
  /** Service lines per row (the widest group; narrower ones are padded with zero lines). */
  width: number;
  tariffCol: number;
  normCol: number;
  firstStandardCol: number;
  rows: (string | number)[][];
}

const RATE_COLS = { S1: 1, S2: 2, S3: 3, MAINTENANCE: 4, CAPITAL_REPAIR: 5, RENT: 6 } as const;
const FIRST_LINE_COL = 7;

export function bulkLayout(groups: readonly BulkGroup[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): BulkLayout {
  const width = Math.max(1, ...groups.map((g) => g.services.length));
  const block = (k: number) => FIRST_LINE_COL + k * width;
  const firstStandardCol = block(5);
  const rows = groups.map((g, i) => {
    const r = i + 1;
    const cell = (col: number) => `${columnLetters(col)}${r}`;
    const range = (k: number) => `${cell(block(k))}:${cell(block(k) + width - 1)}`;
    const refs: Record<string, string> = {
      MAINTENANCE: cell(RATE_COLS.MAINTENANCE), CAPITAL_REPAIR: cell(RATE_COLS.CAPITAL_REPAIR), RENT: cell(RATE_COLS.RENT),
      TARIFF: range(0), NORM: range(1), PER_M2: range(2), PER_PERSON: range(3), ALL_YEAR: range(4),
    };
    const sCell: Record<FamilySize, string> = { '1': cell(RATE_COLS.S1), '2': cell(RATE_COLS.S2), '3': cell(RATE_COLS.S3) };
    const row: (string | number)[] = [g.id, params.normativeArea['1'] / 100, params.normativeArea['2'] / 100, params.normativeArea['3'] / 100,
      g.rates.maintenance / 100, g.rates.capital_repair / 100, g.rates.rent / 100];
    const line = (j: number) => g.services[j];
    for (let j = 0; j < width; j++) row.push((line(j)?.tariff ?? 0) / 10_000);
    for (let j = 0; j < width; j++) row.push((line(j)?.norm ?? 0) / 10_000);
    for (let j = 0; j < width; j++) row.push(line(j)?.norm_unit === 'м2' ? 1 : 0);
    for (let j = 0; j < width; j++) row.push(line(j)?.norm_unit === 'чел' ? 1 : 0);
    for (let j = 0; j < width; j++) row.push(line(j) && line(j)?.heating_only ? 0 : 1);
    for (const slot of STANDARD_SLOTS) {
      const own = { ...refs, S: sCell[slot.n], HOUSING: fill(template.housing[slot.category], refs) };
      row.push(fill(slot.period === 'heating' ? template.heating : template.non_heating, own));
    }
    return row;
  });
  return { width, tariffCol: block(0), normCol: block(1), firstStandardCol, rows };
}

/** A built workbook of groups; the caller destroys `hf` when done. */
export interface BulkWorkbook {
  hf: HyperFormula;
  layout: BulkLayout;
}

export function buildBulkWorkbook(groups: readonly BulkGroup[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): BulkWorkbook {
  const layout = bulkLayout(groups, template, params);
  const hf = HyperFormula.buildFromArray(layout.rows, { licenseKey: 'gpl-v3', maxRows: Math.max(40_000, groups.length + 1), maxColumns: Math.max(18_278, layout.firstStandardCol + 18) });
  return { hf, layout };
}

/** The 18 standards of workbook row `row` into `into[offset…]`: kopecks, NaN where the formula erred. */
export function readBulkRow(book: BulkWorkbook, row: number, into: Float64Array, offset: number): void {
  for (let s = 0; s < STANDARD_SLOTS.length; s++) {
    into[offset + s] = hfValueToKopecks(book.hf.getCellValue({ sheet: 0, row, col: book.layout.firstStandardCol + s })) ?? Number.NaN;
  }
}

/** The standards of group number `g` from a flat array of values; null when any of them erred. */
export function standardsAt(values: Float64Array, g: number): Standards | null {
  const out = {} as Standards;
  for (let s = 0; s < STANDARD_SLOTS.length; s++) {
    const slot = STANDARD_SLOTS[s];
    const v = values[g * STANDARD_SLOTS.length + s];
    if (!slot || v === undefined || Number.isNaN(v)) return null;
    out[slot.category] ??= {} as Standards[Category];
    out[slot.category][slot.n] ??= { heating: 0, non_heating: 0 };
    out[slot.category][slot.n][slot.period] = v;
  }
  return out;
}

/** A group's standards by the template, or why there are none: the first formula that erred, in Russian. */
export type TemplateOutcome = { standards: Standards; reason: null } | { standards: null; reason: string };

/** Every group's standards by the template, evaluated in one workbook built and dropped here. */
export function evaluateTemplate(groups: readonly BulkGroup[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): TemplateOutcome[] {
  if (groups.length === 0) return [];
  const book = buildBulkWorkbook(groups, template, params);
  try {
    const values = new Float64Array(STANDARD_SLOTS.length);
    return groups.map((_, row) => {
      readBulkRow(book, row, values, 0);
      const standards = standardsAt(values, 0);
      if (standards) return { standards, reason: null };
      const s = values.findIndex((v) => Number.isNaN(v));
      const slot = STANDARD_SLOTS[s];
      const v = book.hf.getCellValue({ sheet: 0, row, col: book.layout.firstStandardCol + s });
      const what = typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : 'не число';
      return { standards: null, reason: `Формула шаблона v${template.version} дала ошибку ${what}${slot ? ` (${CATEGORY_TITLES[slot.category]}, n = ${slot.n}, ${PERIOD_TITLES[slot.period]})` : ''}; стандарт не рассчитан` };
    });
  } finally {
    book.hf.destroy();
  }
}
