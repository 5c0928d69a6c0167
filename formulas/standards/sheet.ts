/**
 * One group's standards as a HyperFormula sheet, built from the formula template of templates/standards/:
 * cells for the components (S(n), maintenance, capital repair, rent, each service's tariff and norm) and a
 * formula cell for each standard. The workspace shows this very sheet in Handsontable and evaluates it in a
 * Web Worker; `evaluateStandardSheet` evaluates it here, for tests and for checking a new template version.
 */
import { HyperFormula } from 'hyperformula';
import { parseScaled } from '../parse/decimal.ts';
import type { Kopecks } from '../money.ts';
import type { StandardParams } from './params.ts';
import { CATEGORIES, CATEGORY_TITLES, FAMILY_SIZES, PERIODS, type Category, type FamilySize, type HousingRates, type Period, type ServiceLine } from './types.ts';

/** templates/standards/formula.json: formulas in HyperFormula syntax with {PLACEHOLDERS} for the components. */
export interface StandardFormulaTemplate {
  version: number;
  description: string;
  /** housing(c): an expression over {MAINTENANCE}, {CAPITAL_REPAIR}, {RENT}. */
  housing: Record<Category, string>;
  /** The standard formula per period, over {S}, {HOUSING} and the service ranges. */
  heating: string;
  non_heating: string;
}

export const PLACEHOLDERS = ['S', 'HOUSING', 'MAINTENANCE', 'CAPITAL_REPAIR', 'RENT', 'TARIFF', 'NORM', 'PER_M2', 'PER_PERSON', 'ALL_YEAR'] as const;

export type SheetCell = string | number | null;

export interface StandardCellRef {
  category: Category;
  n: FamilySize;
  period: Period;
  /** 0-based. */
  row: number;
  col: number;
}

export interface StandardSheet {
  name: string;
  cells: SheetCell[][];
  /** Where each standard's formula is. */
  standards: StandardCellRef[];
  /** Where each service's tariff (column 1) and norm (column 2) are, by service line. */
  services: { service: string; row: number }[];
  /** Rows of the housing rates, column 1. */
  rates: Record<keyof HousingRates, number>;
}

const SIZE_TITLES: Record<FamilySize, string> = { '1': '1', '2': '2', '3': '3 и более' };
const FIRST_SERVICE_ROW = 9;

/** Placeholders of a formula that the sheet does not know; empty when the template is usable. */
export function unknownPlaceholders(formula: string): string[] {
  return [...formula.matchAll(/\{([A-Z_0-9]*)\}/g)].map((m) => m[1] ?? '').filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

const fill = (formula: string, refs: Record<string, string>): string => formula.replace(/\{([A-Z_0-9]*)\}/g, (_, p: string) => refs[p] ?? `{${p}}`);

export function buildStandardSheet(
  group: { rates: HousingRates; services: readonly ServiceLine[] },
  params: Pick<StandardParams, 'normativeArea'>,
  template: StandardFormulaTemplate,
  name = 'Стандарт',
): StandardSheet {
  const cells: SheetCell[][] = [
    ['Компонент', 'Значение'],
    ['S(1), м²', params.normativeArea['1'] / 100],
    ['S(2), м²', params.normativeArea['2'] / 100],
    ['S(3+), м²', params.normativeArea['3'] / 100],
    ['Содержание и ремонт, руб./м²', group.rates.maintenance / 100],
    ['Взнос на капремонт, руб./м²', group.rates.capital_repair / 100],
    ['Плата за наём, руб./м²', group.rates.rent / 100],
    [],
    ['Услуга', 'Тариф, руб.', 'Норматив', 'Ед.', 'На м²', 'На чел.', 'Круглый год'],
  ];
  const services: StandardSheet['services'] = [];
  // a range needs at least one row: a group without services gets a zero line
  const lines = group.services.length > 0 ? group.services : [{ service: '—', tariff: 0, norm: 0, norm_unit: 'чел' as const, heating_only: false }];
  for (const l of lines) {
    if (group.services.length > 0) services.push({ service: l.service, row: cells.length });
    const m2 = l.norm_unit === 'м2' ? 1 : 0;
    cells.push([l.service, l.tariff / 10_000, l.norm / 10_000, l.norm_unit, m2, 1 - m2, l.heating_only ? 0 : 1]);
  }
  const first = FIRST_SERVICE_ROW + 1;
  const last = FIRST_SERVICE_ROW + lines.length;
  const range = (col: string) => `$${col}$${first}:$${col}$${last}`;
  const refs: Record<string, string> = {
    MAINTENANCE: '$B$5', CAPITAL_REPAIR: '$B$6', RENT: '$B$7',
    TARIFF: range('B'), NORM: range('C'), PER_M2: range('E'), PER_PERSON: range('F'), ALL_YEAR: range('G'),
  };
  const sRow: Record<FamilySize, string> = { '1': '$B$2', '2': '$B$3', '3': '$B$4' };
  cells.push([]);
  cells.push(['Категория', 'Членов семьи', 'Отопительный период', 'Неотопительный период']);
  const standards: StandardCellRef[] = [];
  for (const c of CATEGORIES) {
    const housing = fill(template.housing[c], refs);
    for (const n of FAMILY_SIZES) {
      const row = cells.length;
      const own = { ...refs, S: sRow[n], HOUSING: housing };
      cells.push([CATEGORY_TITLES[c], SIZE_TITLES[n], fill(template.heating, own), fill(template.non_heating, own)]);
      PERIODS.forEach((period, i) => standards.push({ category: c, n, period, row, col: 2 + i }));
    }
  }
  return { name, cells, standards, services, rates: { maintenance: 4, capital_repair: 5, rent: 6 } };
}

/**
 * A HyperFormula result (a double) to kopecks, half up. The exact value of a standard has at most 8 decimal
 * places when S(n) is whole m² (2 of the housing rate, 4 + 4 of tariff × norm), and the few double operations
 * of the formula err by less than 10^-9 on values below 10^6 руб.; so the double printed to 8 places is the
 * exact decimal, and rounding that text half up gives what the exact evaluator gives.
 */
export function hfValueToKopecks(x: unknown): Kopecks | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const r = parseScaled(x.toFixed(8), 2);
  return r.ok ? r.value : null;
}

/** Evaluates a sheet in HyperFormula (licence gpl-v3) and reads every standard; null where a formula errs. */
export function evaluateStandardSheet(sheet: StandardSheet): Record<Category, Record<FamilySize, Record<Period, Kopecks | null>>> {
  const hf = HyperFormula.buildFromSheets({ [sheet.name]: sheet.cells }, { licenseKey: 'gpl-v3' });
  try {
    const id = hf.getSheetId(sheet.name) ?? 0;
    const out = {} as Record<Category, Record<FamilySize, Record<Period, Kopecks | null>>>;
    for (const ref of sheet.standards) {
      out[ref.category] ??= {} as Record<FamilySize, Record<Period, Kopecks | null>>;
      out[ref.category][ref.n] ??= { heating: null, non_heating: null };
      out[ref.category][ref.n][ref.period] = hfValueToKopecks(hf.getCellValue({ sheet: id, row: ref.row, col: ref.col }));
    }
    return out;
  } finally {
    hf.destroy();
  }
}

/** Problems of a template an analyst saves, in Russian; empty when it is usable. */
export function templateProblems(t: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): string[] {
  const problems: string[] = [];
  const named: [string, string][] = [...CATEGORIES.map((c) => [`housing.${c}`, t.housing[c]] as [string, string]), ['heating', t.heating], ['non_heating', t.non_heating]];
  for (const [where, formula] of named) {
    if (typeof formula !== 'string' || formula.trim() === '') problems.push(`${where}: пустая формула`);
    else for (const p of unknownPlaceholders(formula)) problems.push(`${where}: неизвестный компонент {${p}}; допустимы ${PLACEHOLDERS.map((x) => `{${x}}`).join(', ')}`);
  }
  for (const [where, formula] of [['heating', t.heating], ['non_heating', t.non_heating]] as const) {
    if (typeof formula === 'string' && !formula.startsWith('=')) problems.push(`${where}: формула должна начинаться со знака «=»`);
  }
  if (problems.length > 0) return problems;
  const probe = buildStandardSheet({ rates: { maintenance: 100, capital_repair: 100, rent: 100 }, services: [{ service: 'ХВС', tariff: 10_000, norm: 10_000, norm_unit: 'чел', heating_only: false }] }, params, t);
  const values = evaluateStandardSheet(probe);
  for (const c of CATEGORIES) {
    for (const n of FAMILY_SIZES) {
      for (const p of PERIODS) if (values[c][n][p] === null) problems.push(`формула ${p === 'heating' ? 'heating' : 'non_heating'} для ${CATEGORY_TITLES[c]}, n = ${n}: ошибка вычисления`);
    }
  }
  return [...new Set(problems)];
}
