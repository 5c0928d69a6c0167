import { createGrid, type GridApi } from 'ag-grid-community';
import { useEffect, useRef } from 'preact/hooks';
import { GRID_LOCALE_RU, gridTheme } from '../../grid/ag-grid.ts';
import { registryColumns } from './registry-columns.ts';
import type { RegistryGridRow } from './registry-rows.ts';

interface Props {
  rows: RegistryGridRow[];
  /** Unit of volume for the column headers. */
  unit: string;
  /** Only rows failing this rule (index); null = all rows. */
  filter: number | null;
  onSelect: (index: number | null) => void;
}

/**
 * The registry's rows with their verdicts. Client-side row model: 30,000 rows are in memory anyway, and
 * sorting them in the browser is instant. Rows keep their ids across re-checks, so the selection stays.
 */
export function RegistryGrid({ rows, unit, filter, onSelect }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const grid = useRef<GridApi<RegistryGridRow> | null>(null);
  const filterRef = useRef(filter);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!host.current) return;
    grid.current = createGrid<RegistryGridRow>(host.current, {
      theme: gridTheme,
      localeText: GRID_LOCALE_RU,
      defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true, wrapHeaderText: true, autoHeaderHeight: true },
      getRowId: (p) => p.data.id,
      rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
      isExternalFilterPresent: () => filterRef.current !== null,
      doesExternalFilterPass: (node) => filterRef.current !== null && (node.data?.failed.includes(filterRef.current) ?? false),
      onSelectionChanged: (e) => onSelectRef.current(e.api.getSelectedRows()[0]?.index ?? null),
      enableCellTextSelection: true,
      tooltipShowDelay: 600,
    });
    return () => {
      grid.current?.destroy();
      grid.current = null;
    };
  }, []);

  useEffect(() => grid.current?.setGridOption('columnDefs', registryColumns(unit)), [unit]);
  useEffect(() => grid.current?.setGridOption('rowData', rows), [rows]);
  useEffect(() => {
    filterRef.current = filter;
    grid.current?.onFilterChanged();
  }, [filter]);

  return <div class="registry-grid" ref={host} />;
}
