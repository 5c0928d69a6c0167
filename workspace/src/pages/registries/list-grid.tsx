import type { RowClassRules } from 'ag-grid-community';
import { useEffect, useRef } from 'preact/hooks';
import type { RegistryListItem } from '../../../../server/contract/registries.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { LIST_COLUMNS } from './list-columns.ts';

interface Props {
  rows: RegistryListItem[];
  /** A registry chosen by click or Enter. */
  onOpen: (id: number) => void;
  /** The rows are being (re)loaded: the grid shows its overlay only while it has nothing to show. */
  loading: boolean;
}

const ROW_CLASSES: RowClassRules<RegistryListItem> = {
  'registries-row--overdue': (p) => p.data?.deadlineState === 'overdue',
  'registries-row--due-soon': (p) => p.data?.deadlineState === 'due-soon',
};

/**
 * Changes from one answer of the list to the next, by registry id: a refresh on focus updates the rows that
 * changed in place (selection, scroll and focus stay) instead of replacing the whole list.
 */
export function listTransaction(previous: readonly RegistryListItem[], next: readonly RegistryListItem[]) {
  const before = new Map(previous.map((r) => [r.id, r]));
  const add: RegistryListItem[] = [];
  const update: RegistryListItem[] = [];
  for (const r of next) {
    const old = before.get(r.id);
    if (!old) add.push(r);
    else if (JSON.stringify(old) !== JSON.stringify(r)) update.push(r);
    before.delete(r.id);
  }
  return { add, update, remove: [...before.values()] };
}

/** The registries list: client-side rows (a year of a region is ~1,300 registries), sorted in the browser. */
export function ListGrid({ rows, onOpen, loading }: Props) {
  const shown = useRef<readonly RegistryListItem[]>([]);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  const { host, grid } = useAgGrid<RegistryListItem>(() => ({
    columnDefs: LIST_COLUMNS,
    defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true, wrapHeaderText: true, autoHeaderHeight: true },
    getRowId: (p) => String(p.data.id),
    rowClassRules: ROW_CLASSES,
    rowHeight: 46,
    rowData: [],
    onRowClicked: (e) => e.data && onOpenRef.current(e.data.id),
    onCellKeyDown: (e) => {
      const key = (e.event as KeyboardEvent | null | undefined)?.key;
      if (key === 'Enter' && e.data) onOpenRef.current(e.data.id);
    },
    tooltipShowDelay: 600,
    // about fifteen columns, a few hundred rows: every cell stays in the page, so the browser's find (Ctrl+F) also
    // finds a comment or a letter number scrolled off to the right
    suppressColumnVirtualisation: true,
  }));

  useEffect(() => {
    const g = grid.current;
    if (!g) return;
    g.applyTransaction(listTransaction(shown.current, rows));
    shown.current = rows;
  }, [rows]);

  useEffect(() => {
    grid.current?.setGridOption('loading', loading && shown.current.length === 0);
  }, [loading, rows]);

  return <div class="registries-grid" ref={host} />;
}
