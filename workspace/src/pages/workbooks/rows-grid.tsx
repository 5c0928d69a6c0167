import type { ColDef } from 'ag-grid-community';
import { useEffect } from 'preact/hooks';
import { formatValue } from '../../../../formulas/workbook/format.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import type { PlainValue, SheetView } from '../../workers/workbook/workbook-api.ts';

type GridRow = Record<string, PlainValue>;

/** The rows a sheet shows (at most `SHOWN_ROWS` of `workbook-page.tsx`), in ag-grid with the sheet's own columns. */
export function RowsGrid({ view }: { view: SheetView | null }) {
  const { host, grid } = useAgGrid<GridRow>(() => ({ columnDefs: [], rowData: [], defaultColDef: { sortable: false, resizable: true, minWidth: 90 } }));
  useEffect(() => {
    const g = grid.current;
    if (!g || !view) return;
    const cols: ColDef<GridRow>[] = view.fields.map((f, k) => ({
      colId: f.name,
      headerName: f.title,
      headerTooltip: `[${f.name}]`,
      valueGetter: (p) => p.data?.[`c${k}`] ?? null,
      valueFormatter: (p) => formatValue(f, (p.value as PlainValue) ?? null),
      cellClass: f.type === 'number' || f.type === 'value' ? 'cell--number' : undefined,
    }));
    g.setGridOption('columnDefs', cols);
    g.setGridOption('rowData', view.rows.map((r) => Object.fromEntries(r.map((x, k) => [`c${k}`, x]))));
  }, [view]);
  return (
    <section class="panel wb-rows" aria-label="Строки листа">
      <header class="wb-pivot__header">
        <h2>Строки</h2>
        {view && <span class="muted">{view.rowCount} из {view.sourceCount}{view.rowCount > view.rows.length ? `, показаны первые ${view.rows.length}` : ''}</span>}
      </header>
      <div class="wb-grid" ref={host} />
    </section>
  );
}

