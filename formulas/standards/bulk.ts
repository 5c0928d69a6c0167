/**
 * The formula template evaluated by HyperFormula for many groups at once: one workbook row per group, as the
 * seed's standards table reads (components, then the services' tariffs, norms and flags in blocks, then the
 * 18 standards). The workspace's worker keeps the workbook for edits; the server and `sverka standards`
 * evaluate an analyst's template version through it. What makes 2,000 groups fast (measured in
 * bench/standards.bench.ts):
 * - one sheet per number of service lines, so a group's ranges are as wide as its own services, not the
 *   widest group's (half the cells and half the SUMPRODUCT work on the demo region);
 * - groups with the same rates and lines (they differ by district or heating type only) share one row;
 * - the 18 formulas are written as text in the first row of a sheet only; the other rows get them by
 *   copy and paste, doubling the block each time, which reuses the parsed formulas instead of tokenising
 *   36,000 formula texts (a sheet per group would parse every formula again: 4,000 groups 11 s that way).
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

const RATE_COLS = { S1: 1, S2: 2, S3: 3, MAINTENANCE: 4, CAPITAL_REPAIR: 5, RENT: 6 } as const;
const FIRST_LINE_COL = 7;

/** Where things are in a sheet whose rows have `width` service lines. */
export interface BulkSheet {
  width: number;
  tariffCol: number;
  normCol: number;
  firstStandardCol: number;
  /** Rows in use. */
  rows: number;
}

const sheetOf = (width: number): Omit<BulkSheet, 'rows'> => ({
  width, tariffCol: FIRST_LINE_COL, normCol: FIRST_LINE_COL + width, firstStandardCol: FIRST_LINE_COL + 5 * width,
});

const sheetName = (width: number): string => `Услуг ${width}`;

/** A row's numbers: S(n), the rates, then tariffs, norms, per-m², per-person and all-year flags. */
function rowValues(g: BulkGroup, width: number, params: Pick<StandardParams, 'normativeArea'>): (string | number)[] {
  const row: (string | number)[] = [g.id, params.normativeArea['1'] / 100, params.normativeArea['2'] / 100, params.normativeArea['3'] / 100,
    g.rates.maintenance / 100, g.rates.capital_repair / 100, g.rates.rent / 100];
  const line = (j: number) => g.services[j];
  for (let j = 0; j < width; j++) row.push((line(j)?.tariff ?? 0) / 10_000);
  for (let j = 0; j < width; j++) row.push((line(j)?.norm ?? 0) / 10_000);
  for (let j = 0; j < width; j++) row.push(line(j)?.norm_unit === 'м2' ? 1 : 0);
  for (let j = 0; j < width; j++) row.push(line(j)?.norm_unit === 'чел' ? 1 : 0);
  for (let j = 0; j < width; j++) row.push(line(j) && line(j)?.heating_only ? 0 : 1);
  return row;
}

/** The 18 standards' formulas of 0-based row `row` of a sheet, the template's placeholders put in. */
export function rowFormulas(width: number, row: number, template: StandardFormulaTemplate): string[] {
  const r = row + 1;
  const cell = (col: number) => `${columnLetters(col)}${r}`;
  const range = (k: number) => `${cell(FIRST_LINE_COL + k * width)}:${cell(FIRST_LINE_COL + k * width + width - 1)}`;
  const refs: Record<string, string> = {
    MAINTENANCE: cell(RATE_COLS.MAINTENANCE), CAPITAL_REPAIR: cell(RATE_COLS.CAPITAL_REPAIR), RENT: cell(RATE_COLS.RENT),
    TARIFF: range(0), NORM: range(1), PER_M2: range(2), PER_PERSON: range(3), ALL_YEAR: range(4),
  };
  const sCell: Record<FamilySize, string> = { '1': cell(RATE_COLS.S1), '2': cell(RATE_COLS.S2), '3': cell(RATE_COLS.S3) };
  return STANDARD_SLOTS.map((slot) => fill(slot.period === 'heating' ? template.heating : template.non_heating, { ...refs, S: sCell[slot.n], HOUSING: fill(template.housing[slot.category], refs) }));
}

/** A built workbook of groups; the caller destroys `hf` when done. */
export interface BulkWorkbook {
  hf: HyperFormula;
  /** By sheet id. */
  sheets: BulkSheet[];
  groups: readonly BulkGroup[];
  /** By group index: its sheet and row. */
  places: { sheet: number; row: number }[];
  /** Groups per row (`sheet:row`), for the rows more than one group shares. */
  sharing: Map<string, number>;
  params: Pick<StandardParams, 'normativeArea'>;
}

/** What decides a row's standards: the rates and the lines (the id, district and heating type do not). */
const inputKey = (g: BulkGroup): string =>
  `${g.rates.maintenance}:${g.rates.capital_repair}:${g.rates.rent}|${g.services.map((l) => `${l.tariff}:${l.norm}:${l.norm_unit}:${l.heating_only ? 1 : 0}`).join(';')}`;

/** Copies the formulas of row 0 to rows 1…rows-1 of a sheet, doubling the pasted block each time. */
function pasteFormulas(hf: HyperFormula, sheet: number, s: BulkSheet, from = 1): void {
  const col = s.firstStandardCol;
  for (let k = from; k < s.rows; ) {
    const h = Math.min(k, s.rows - k);
    hf.copy({ start: { sheet, row: 0, col }, end: { sheet, row: h - 1, col: col + STANDARD_SLOTS.length - 1 } });
    hf.paste({ sheet, row: k, col });
    k += h;
  }
}

export function buildBulkWorkbook(groups: readonly BulkGroup[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): BulkWorkbook {
  const byWidth = new Map<number, { rows: (string | number)[][]; keys: Map<string, number> }>();
  const at = groups.map((g) => {
    const width = Math.max(1, g.services.length);
    let w = byWidth.get(width);
    if (!w) byWidth.set(width, (w = { rows: [], keys: new Map() }));
    const key = inputKey(g);
    let row = w.keys.get(key);
    if (row === undefined) {
      row = w.rows.length;
      w.keys.set(key, row);
      w.rows.push(rowValues(g, width, params));
    }
    return { width, row };
  });
  const widths = [...byWidth.keys()].sort((a, b) => a - b);
  const data: Record<string, (string | number)[][]> = {};
  for (const width of widths) {
    const rows = byWidth.get(width)?.rows ?? [];
    rows[0]?.push(...rowFormulas(width, 0, template));
    data[sheetName(width)] = rows;
  }
  const most = Math.max(1, ...[...byWidth.values()].map((w) => w.rows.length));
  const hf = HyperFormula.buildFromSheets(data, { licenseKey: 'gpl-v3', undoLimit: 0, maxRows: Math.max(40_000, 2 * most), maxColumns: Math.max(18_278, FIRST_LINE_COL + 5 * Math.max(1, ...widths) + 18) });
  const sheets: BulkSheet[] = [];
  const idOf = new Map<number, number>();
  for (const width of widths) {
    const id = hf.getSheetId(sheetName(width)) ?? 0;
    idOf.set(width, id);
    sheets[id] = { ...sheetOf(width), rows: byWidth.get(width)?.rows.length ?? 0 };
    pasteFormulas(hf, id, sheets[id]);
  }
  const sharing = new Map<string, number>();
  const places = at.map(({ width, row }) => {
    const sheet = idOf.get(width) ?? 0;
    sharing.set(`${sheet}:${row}`, (sharing.get(`${sheet}:${row}`) ?? 0) + 1);
    return { sheet, row };
  });
  return { hf, sheets, groups, places, sharing, params };
}

/** The 18 standards of group number `g` into `into[offset…]`: kopecks, NaN where the formula erred. */
export function readBulkRow(book: BulkWorkbook, g: number, into: Float64Array, offset: number): void {
  const place = book.places[g];
  const s = place && book.sheets[place.sheet];
  if (!place || !s) throw new Error(`bulk workbook: no group number ${g}`);
  for (let k = 0; k < STANDARD_SLOTS.length; k++) {
    into[offset + k] = hfValueToKopecks(book.hf.getCellValue({ sheet: place.sheet, row: place.row, col: s.firstStandardCol + k })) ?? Number.NaN;
  }
}

/** The error value of group `g`'s first standard that erred, or null. */
function firstError(book: BulkWorkbook, g: number): { slot: number; value: string } | null {
  const place = book.places[g];
  const s = place && book.sheets[place.sheet];
  if (!place || !s) return null;
  for (let k = 0; k < STANDARD_SLOTS.length; k++) {
    const v = book.hf.getCellValue({ sheet: place.sheet, row: place.row, col: s.firstStandardCol + k });
    if (hfValueToKopecks(v) === null) return { slot: k, value: typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : 'не число' };
  }
  return null;
}

/**
 * Sets a tariff or norm (10⁻⁴ units) of line `j` of group `g`. A row other groups share is first copied to a
 * row of the group's own, so an edit of one group never moves another's standards.
 */
export function editBulkGroup(book: BulkWorkbook, g: number, j: number, patch: { tariff?: number | undefined; norm?: number | undefined }): void {
  const place = book.places[g];
  const s = place && book.sheets[place.sheet];
  const group = book.groups[g];
  if (!place || !s || !group) throw new Error(`bulk workbook: no group number ${g}`);
  const key = `${place.sheet}:${place.row}`;
  const sharing = book.sharing.get(key) ?? 1;
  if (sharing > 1) {
    // a shared row was never edited (an edit makes its own row first): the group's input is what it holds
    const row = s.rows;
    book.hf.setCellContents({ sheet: place.sheet, row, col: 0 }, [rowValues(group, s.width, book.params)]);
    s.rows++;
    pasteFormulas(book.hf, place.sheet, s, row);
    book.sharing.set(key, sharing - 1);
    book.sharing.set(`${place.sheet}:${row}`, 1);
    place.row = row;
  }
  if (patch.tariff !== undefined) book.hf.setCellContents({ sheet: place.sheet, row: place.row, col: s.tariffCol + j }, patch.tariff / 10_000);
  if (patch.norm !== undefined) book.hf.setCellContents({ sheet: place.sheet, row: place.row, col: s.normCol + j }, patch.norm / 10_000);
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
    return groups.map((_, g) => {
      readBulkRow(book, g, values, 0);
      const standards = standardsAt(values, 0);
      if (standards) return { standards, reason: null };
      const e = firstError(book, g);
      const slot = e ? STANDARD_SLOTS[e.slot] : undefined;
      return { standards: null, reason: `Формула шаблона v${template.version} дала ошибку ${e?.value ?? 'не число'}${slot ? ` (${CATEGORY_TITLES[slot.category]}, n = ${slot.n}, ${PERIOD_TITLES[slot.period]})` : ''}; стандарт не рассчитан` };
    });
  } finally {
    book.hf.destroy();
  }
}
