/**
 * The standards sheet as a worker serves it: one HyperFormula engine holding one group's sheet at a time;
 * an analyst's edit of a tariff, a norm, a rate or a formula cell recalculates every dependent standard
 * incrementally. Plain data in and out, so the workspace `expose`s it from a Web Worker with comlink and
 * tests call it in-thread.
 */
import { HyperFormula } from 'hyperformula';
import type { Kopecks } from '../money.ts';
import { hfValueToKopecks, type SheetCell, type StandardCellRef, type StandardSheet } from './sheet.ts';

export interface SheetStandard {
  ref: StandardCellRef;
  /** Null when the formula errs (#DIV/0!, #NAME?…); `error` then says which. */
  value: Kopecks | null;
  error: string | null;
}

export interface SheetState {
  /** Every cell as HyperFormula computed it (numbers as doubles, for display). */
  values: (string | number | boolean | null)[][];
  standards: SheetStandard[];
}

export interface StandardSheetService {
  open(sheet: StandardSheet): SheetState;
  /** Sets one cell (a number, text or a formula starting with «=») and returns the recalculated state. */
  setCell(row: number, col: number, value: SheetCell): SheetState;
  close(): void;
}

export function createStandardSheetService(): StandardSheetService {
  let hf: HyperFormula | null = null;
  let sheetId = 0;
  let refs: StandardCellRef[] = [];

  const state = (): SheetState => {
    if (!hf) throw new Error('no sheet is open');
    const raw = hf.getSheetValues(sheetId);
    const values = raw.map((row) => row.map((v) => (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v.value))));
    const standards = refs.map((ref) => {
      const v = hf?.getCellValue({ sheet: sheetId, row: ref.row, col: ref.col });
      const value = hfValueToKopecks(v);
      return { ref, value, error: value === null ? (typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : 'не число') : null };
    });
    return { values, standards };
  };

  return {
    open(sheet) {
      hf?.destroy();
      hf = HyperFormula.buildFromSheets({ [sheet.name]: sheet.cells }, { licenseKey: 'gpl-v3' });
      sheetId = hf.getSheetId(sheet.name) ?? 0;
      refs = sheet.standards;
      return state();
    },
    setCell(row, col, value) {
      if (!hf) throw new Error('no sheet is open');
      hf.setCellContents({ sheet: sheetId, row, col }, [[value]]);
      return state();
    },
    close() {
      hf?.destroy();
      hf = null;
    },
  };
}
