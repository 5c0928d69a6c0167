import { dataSetOfWire, type DataSet, type Field, wireOfRows } from './data.ts';
import { SOURCE_FIELDS } from './sources.ts';
import type { SheetDef } from './types.ts';

/** Registry rows for tests: numbers as decimals (scaled here by the field's scale), the rest as given. */
export function registryRowsData(rows: readonly Record<string, number | string | null>[]): DataSet {
  const fields = SOURCE_FIELDS.registry_rows;
  const scaled = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => {
    const f = fields.find((x) => x.name === k) as Field | undefined;
    if (!f) throw new Error(`no field ${k}`);
    return [k, typeof v === 'number' && f.type === 'number' ? Math.round(v * 10 ** (f.scale ?? 0)) : v];
  })));
  return dataSetOfWire(wireOfRows(fields, scaled));
}

export const sheetOf = (over: Partial<SheetDef> & Pick<SheetDef, 'id'>): SheetDef => ({
  title: over.id, source: { kind: 'registry_rows' }, columns: [], formulas: [], filters: [], sorts: [], ...over,
});
