/** The workbook worker's service: `formulas/workbook` over the sources it keeps. */
import { todaySerial } from '../../../../formulas/formula/row-formula.ts';
import { chartData } from '../../../../formulas/workbook/chart.ts';
import { dataSetOfWire, type DataSet } from '../../../../formulas/workbook/data.ts';
import { evaluateWorkbook, plainValue, resultAsData, type SheetResult } from '../../../../formulas/workbook/evaluate.ts';
import { pivot, pivotFields, type PivotResult } from '../../../../formulas/workbook/pivot.ts';
import type { PlainValue, SheetView, WorkbookServiceApi } from './workbook-api.ts';

export function createWorkbookService(): WorkbookServiceApi {
  const sources = new Map<string, { key: string; data: DataSet }>();
  const last = new Map<string, { result: SheetResult; pivot: PivotResult | null }>();
  const rowsOf = (r: SheetResult, indices: ArrayLike<number>, limit: number): PlainValue[][] => {
    const readers = r.fields.map((f) => r.read.get(f.name) as (i: number) => Parameters<typeof plainValue>[0]);
    const n = Math.min(indices.length, limit);
    return Array.from({ length: n }, (_, j) => readers.map((read) => plainValue(read(indices[j] as number))));
  };
  return {
    load(sheetId, key, wire) {
      if (sources.get(sheetId)?.key === key) return false;
      sources.set(sheetId, { key, data: dataSetOfWire(wire) });
      return true;
    },
    loaded: () => Object.fromEntries([...sources].map(([id, s]) => [id, s.key])),
    evaluate(def, today, limit) {
      const started = performance.now();
      const data = new Map<string, DataSet>();
      for (const s of def.sheets) {
        const src = sources.get(s.id);
        if (s.source.kind !== 'sheet' && src && src.key === JSON.stringify(s.source)) data.set(s.id, src.data);
      }
      const w = evaluateWorkbook(def, data, { today: todaySerial(today) });
      last.clear();
      const sheets: SheetView[] = def.sheets.map((s) => {
        const r = w.sheets.get(s.id);
        if (!r) return { id: s.id, problems: w.problems.get(s.id) ?? [], fields: [], known: [], rowCount: 0, sourceCount: 0, rows: [], pivot: null };
        const upstream = s.source.kind === 'sheet' ? w.sheets.get(s.source.sheet) : undefined;
        const source = s.source.kind === 'sheet' ? (upstream ? resultAsData(upstream) : null) : (data.get(s.id) ?? null);
        const t = performance.now();
        const p = s.pivot && s.pivot.groupBy.length + s.pivot.values.length > 0 ? pivot(s.pivot, r.rows, pivotFields(r, source)) : null;
        const pivotMs = performance.now() - t;
        last.set(s.id, { result: r, pivot: p });
        return {
          id: s.id,
          problems: r.problems,
          fields: r.fields,
          known: r.known,
          rowCount: r.rows.length,
          sourceCount: r.sourceCount,
          rows: rowsOf(r, r.rows, limit),
          pivot: p && {
            groupBy: p.groupBy,
            values: p.values,
            groups: p.groups.map((g) => ({ keys: g.keys, values: g.values, rows: g.rows.length })),
            total: p.total.values,
            chart: s.chart && p.values.length > 0 && p.groupBy.length > 0 ? chartData(p, s.chart, (n) => r.known.find((f) => f.name === n) ?? null) : null,
            ms: pivotMs,
          },
        };
      });
      return { sheets, ms: performance.now() - started };
    },
    drill(sheetId, group, limit) {
      const l = last.get(sheetId);
      const g = l?.pivot?.groups[group];
      if (!l || !g) return { fields: [], rows: [], count: 0 };
      return { fields: l.result.fields, rows: rowsOf(l.result, g.rows, limit), count: g.rows.length };
    },
  };
}
