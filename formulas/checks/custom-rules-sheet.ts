/**
 * The low-code rules that only a spreadsheet evaluates: a formula with cell references ($A$3, the third row's
 * first field), ranges or a function the row evaluator does not have. They run as they always did, in a
 * HyperFormula sheet with the row's fields as values and the formula in the next column, so their verdicts
 * stay what they were.
 */
import { HyperFormula, type CellValue } from 'hyperformula';
import type { RegistryRows } from '../registry/types.ts';

type Cell = string | number | boolean | null;

/** A field as the sheet holds it, the way these rules were always given their rows. */
const SHEET_FIELDS: Record<string, (rows: RegistryRows, expected: Float64Array, i: number) => Cell> = {
  n: (r, _e, i) => orNull(r.n[i]),
  address: (r, _e, i) => r.address[i] ?? '',
  fias_id: (r, _e, i) => r.fiasId[i] ?? '',
  diff_attr: (r, _e, i) => r.diffAttr[i] ?? '',
  territory: (r, _e, i) => r.territory[i] ?? '',
  supply_system: (r, _e, i) => r.supplySystem[i] ?? '',
  commissioned: (r, _e, i) => r.commissioned[i] ?? '',
  tariff_kind: (r, _e, i) => r.tariffKind[i] ?? '',
  eot: (r, _e, i) => scaled(r.eot[i]),
  lt: (r, _e, i) => scaled(r.lt[i]),
  v_living: (r, _e, i) => scaled(r.vLiving[i]),
  v_odn: (r, _e, i) => scaled(r.vOdn[i]),
  subsidy: (r, _e, i) => scaled(r.subsidy[i]),
  expected_subsidy: (_r, e, i) => (Number.isNaN(e[i] ?? Number.NaN) ? null : (e[i] ?? 0) / 100),
};

function orNull(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}
function scaled(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v / 10_000;
}

const columnName = (k: number): string => (k < 26 ? String.fromCharCode(65 + k) : columnName(Math.floor(k / 26) - 1) + String.fromCharCode(65 + (k % 26)));

/** The canonical formula for row `{row}`, fields replaced by the cells of their columns (A, B… in order of use). */
function sheetTemplate(canonical: string): { fields: string[]; template: string } {
  const fields: string[] = [];
  let template = '';
  for (let i = 0; i < canonical.length; i++) {
    const ch = canonical[i] ?? '';
    if (ch === '"') {
      const end = canonical.indexOf('"', i + 1);
      template += canonical.slice(i, end + 1);
      i = end;
    } else if (ch === '[') {
      const end = canonical.indexOf(']', i + 1);
      const name = canonical.slice(i + 1, end).trim().toLowerCase();
      let k = fields.indexOf(name);
      if (k < 0) k = fields.push(name) - 1;
      template += `${columnName(k)}{row}`;
      i = end;
    } else template += ch;
  }
  return { fields, template };
}

/** A sheet holds at least 1,000 rows (`maxRows` 1001): the kept sheets have that size, so they parse the same. */
const MIN_SHEET_ROWS = 1000;
const sheetOptions = (rows: number) => ({ licenseKey: 'gpl-v3', maxRows: Math.max(rows, MIN_SHEET_ROWS) + 1 });
/**
 * Up to this many rows a kept instance takes the registry's rows; above it a fresh one is built. Writing rows
 * into a kept sheet costs more per row than building one (measured: 100 rows 4 ms vs 14 ms, 400 rows 36 vs 29,
 * 1,000 rows 140 vs 85), so the ~15–50 ms of a build only matter for small registries. Must stay ≤ MIN_SHEET_ROWS.
 */
const KEPT_SHEET_ROWS = 300;

/**
 * Whether a formula can only be evaluated row by row in a fresh sheet: a range (`:`), an array literal or
 * SEQUENCE may spill over the next row's cells, and writing rows into a kept sheet one by one would then
 * settle the collision differently from a sheet built at once. Strings are not skipped: a false alarm only
 * costs a build.
 */
const needsFreshSheet = (formula: string): boolean => /[:{]|sequence/i.test(formula);

export interface SheetRuleRunner {
  /** The rule's value on every row; `slot` is the rule's position, whose kept instance is reused. */
  evaluate(slot: number, canonical: string, rows: RegistryRows, expected: Float64Array): CellValue[];
  destroy(): void;
}

/**
 * HyperFormula instances kept per rule position: building one costs tens of milliseconds (its parser is made
 * per instance), more than evaluating a few hundred rows. Each run writes its rows into the empty sheet and
 * removes the sheet afterwards, so nothing of a registry is left for the next one. `keptSheetRows: 0` builds
 * a fresh instance every time (tests compare the two).
 */
export function createSheetRuleRunner(opts: { keptSheetRows?: number } = {}): SheetRuleRunner {
  const keptRows = Math.min(opts.keptSheetRows ?? KEPT_SHEET_ROWS, MIN_SHEET_ROWS);
  const pool: (HyperFormula | undefined)[] = [];

  /** A new sheet in place of the used one, with the same name and id 0, or a destroyed instance. */
  const renew = (k: number, name: string): void => {
    const hf = pool[k];
    if (!hf) return;
    try {
      hf.removeSheet(0);
      hf.addSheet(name);
      if (hf.getSheetId(name) === 0) return;
    } catch {
      // fall through: an instance in an unknown state is not used again
    }
    hf.destroy();
    pool[k] = undefined;
  };

  return {
    evaluate(slot, canonical, rows, expected) {
      const { fields, template } = sheetTemplate(canonical);
      const data: Cell[][] = new Array(rows.count);
      for (let i = 0; i < rows.count; i++) {
        const line: Cell[] = fields.map((name) => SHEET_FIELDS[name]?.(rows, expected, i) ?? null);
        line.push(template.replaceAll('{row}', String(i + 1)));
        data[i] = line;
      }
      const col = fields.length;
      const read = (hf: HyperFormula) => Array.from(data, (_, row) => hf.getCellValue({ sheet: 0, row, col }));
      if (data.length > keptRows || needsFreshSheet(canonical)) {
        const hf = HyperFormula.buildFromArray(data, sheetOptions(data.length));
        try {
          return read(hf);
        } finally {
          hf.destroy();
        }
      }
      const hf = (pool[slot] ??= HyperFormula.buildFromArray([], sheetOptions(0)));
      const name = hf.getSheetName(0) ?? 'Sheet1';
      try {
        hf.setSheetContent(0, data);
        return read(hf);
      } finally {
        renew(slot, name);
      }
    },
    destroy() {
      for (const hf of pool) hf?.destroy();
      pool.length = 0;
    },
  };
}
