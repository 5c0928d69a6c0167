import { HyperFormula } from 'hyperformula';
import type { StandardParams } from '../../../formulas/standards/params.ts';
import { hfValueToKopecks, type StandardFormulaTemplate } from '../../../formulas/standards/sheet.ts';
import { FAMILY_SIZES, type FamilySize } from '../../../formulas/standards/types.ts';
import { STANDARD_SLOTS, standardsAt, type StandardsGroupInput, type StandardsServiceApi } from './standards-api.ts';

/** A1 column letters of a 0-based column. */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const fill = (formula: string, refs: Record<string, string>): string => formula.replace(/\{([A-Z_0-9]*)\}/g, (_, p: string) => refs[p] ?? `{${p}}`);

/**
 * The workbook of every group: one row per group, as the seed's standards table reads (components, then the
 * services' tariffs, norms and flags in blocks of equal width, then the 18 standards). The formulas of every
 * row are the same in relative terms, so HyperFormula parses the template once and reuses it for every row;
 * a sheet per group would parse every formula again (measured: 4,000 groups 11 s that way).
 */
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

export function bulkLayout(groups: readonly StandardsGroupInput[], template: StandardFormulaTemplate, params: Pick<StandardParams, 'normativeArea'>): BulkLayout {
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
  void FAMILY_SIZES;
  return { width, tariffCol: block(0), normCol: block(1), firstStandardCol, rows };
}

/**
 * HyperFormula over every group in one sheet (see `bulkLayout`). Building is the expensive part, so it
 * happens once per `evaluate`; an edit sets one cell and HyperFormula recalculates only the 18 standards of
 * that row.
 */
export function createStandardsService(): StandardsServiceApi {
  let hf: HyperFormula | null = null;
  let layout: BulkLayout | null = null;
  const rowOf = new Map<string, { row: number; services: string[] }>();

  const read = (row: number, into: Float64Array, offset: number): void => {
    if (!hf || !layout) return;
    for (let s = 0; s < STANDARD_SLOTS.length; s++) {
      into[offset + s] = hfValueToKopecks(hf.getCellValue({ sheet: 0, row, col: layout.firstStandardCol + s })) ?? Number.NaN;
    }
  };

  return {
    evaluate(groups, template, params) {
      const started = performance.now();
      hf?.destroy();
      rowOf.clear();
      layout = bulkLayout(groups, template, params);
      hf = HyperFormula.buildFromArray(layout.rows, { licenseKey: 'gpl-v3', maxRows: Math.max(40_000, groups.length + 1), maxColumns: Math.max(18_278, layout.firstStandardCol + 18) });
      const values = new Float64Array(groups.length * STANDARD_SLOTS.length);
      groups.forEach((g, i) => {
        rowOf.set(g.id, { row: i, services: g.services.map((l) => l.service) });
        read(i, values, i * STANDARD_SLOTS.length);
      });
      return { ids: groups.map((g) => g.id), values, ms: performance.now() - started, formulas: groups.length * STANDARD_SLOTS.length };
    },

    edit(groupId, service, patch) {
      const started = performance.now();
      const at = rowOf.get(groupId);
      if (!hf || !layout || !at) throw new Error(`standards service: group ${groupId} is not evaluated`);
      const j = at.services.indexOf(service);
      if (j < 0) throw new Error(`standards service: group ${groupId} has no service ${service}`);
      if (patch.tariff !== undefined) hf.setCellContents({ sheet: 0, row: at.row, col: layout.tariffCol + j }, patch.tariff / 10_000);
      if (patch.norm !== undefined) hf.setCellContents({ sheet: 0, row: at.row, col: layout.normCol + j }, patch.norm / 10_000);
      const values = new Float64Array(STANDARD_SLOTS.length);
      read(at.row, values, 0);
      return { standards: standardsAt(values, 0), ms: performance.now() - started };
    },
  };
}
