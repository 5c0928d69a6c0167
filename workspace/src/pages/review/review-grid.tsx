import { useEffect, useRef } from 'preact/hooks';
import type { RowClassRules } from 'ag-grid-community';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { changedRows, NO_GRID_COLLAB, type GridCollab } from './collab-marks.ts';
import { reviewColumns } from './review-columns.ts';
import { passesExceptTab, hasFilter, type ReviewRow, type RowFilter, type RowsModel } from './review-rows.ts';
import type { GridRowsState } from './use-review.ts';

interface Props {
  model: RowsModel;
  rows: GridRowsState;
  unit: string;
  /** Index of the row whose panel is open. */
  open: number | null;
  filter: RowFilter;
  /** Checkboxes are shown only to who may decide. */
  selectable: boolean;
  /** The row whose panel is open (index), on a click anywhere in the row. */
  onOpen: (index: number) => void;
  /** Rows ticked for a bulk decision (rowNo). */
  onSelection: (rowNos: number[]) => void;
  /** The row the keyboard focus moved to (arrow keys): the row card follows it. */
  onFocusRow?: (index: number) => void;
  /** Flags, threads and colleagues' selections by row; decisions' authors. */
  collab?: GridCollab;
}

/**
 * The house list: client-side row model over small row objects; a command's changed rows arrive as a
 * transaction, so sorting, filters, scroll position and ticks survive a decision.
 */
export function ReviewGrid({ model, rows, unit, open, filter, selectable, onOpen, onSelection, onFocusRow, collab = NO_GRID_COLLAB }: Props) {
  const shown = useRef<ReviewRow[] | null>(null);
  const filterRef = useRef(filter);
  const modelRef = useRef(model);
  const handlers = useRef({ onOpen, onSelection, onFocusRow });
  handlers.current = { onOpen, onSelection, onFocusRow };
  filterRef.current = filter;
  modelRef.current = model;
  const openRef = useRef(open);
  const collabRef = useRef(collab);
  const peerOf = (row: ReviewRow | undefined) => (row ? collabRef.current.marks.get(modelRef.current.payload.rowNo[row.i] ?? 0)?.peers[0] : undefined);
  const rowClassRules = (): RowClassRules<ReviewRow> => ({ 'review-row--open': (x) => x.data?.i === openRef.current, 'co-row--peer': (x) => peerOf(x.data) !== undefined });

  // built once; who may decide arrives with the card, after the rows may already be on screen
  const { host, grid } = useAgGrid<ReviewRow>(() => ({
    defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true, wrapHeaderText: true, autoHeaderHeight: true, filter: true, floatingFilter: true, suppressFloatingFilterButton: true, suppressHeaderFilterButton: true },
    // dense as a spreadsheet: 15+ rows at 1366×768
    rowHeight: 28,
    floatingFiltersHeight: 30,
    getRowId: (x) => x.data.id,
    rowSelection: { mode: 'multiRow', checkboxes: selectable, headerCheckbox: selectable, enableClickSelection: false, selectAll: 'filtered' },
    selectionColumnDef: { pinned: 'left', width: 44, resizable: false },
    isExternalFilterPresent: () => hasFilter(filterRef.current),
    doesExternalFilterPass: (node) => {
      const row = node.data;
      if (!row) return false;
      const f = filterRef.current;
      if (f.tab !== null && row.status !== f.tab) return false;
      return passesExceptTab(modelRef.current, f, row.i);
    },
    onRowClicked: (e) => {
      // Shift+click extends the cell range (grid/ag-grid-habits.ts) and does not open the card
      if ((e.event as MouseEvent | null | undefined)?.shiftKey) return;
      if (e.data) handlers.current.onOpen(e.data.i);
    },
    // arrow keys: the row card follows the focused row
    onCellFocused: (e) => {
      if (e.rowIndex === null || e.rowIndex === undefined || e.rowPinned) return;
      const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
      if (node?.data && node.data.i !== openRef.current) handlers.current.onFocusRow?.(node.data.i);
    },
    onSelectionChanged: (e) => handlers.current.onSelection(e.api.getSelectedRows().map((r) => Number(r.id))),
    rowClassRules: rowClassRules(),
    // a row a colleague has selected is outlined in his colour (co-review.css draws it on every cell, pinned too)
    getRowStyle: (x) => {
      const peer = peerOf(x.data);
      return peer ? { '--co-peer': peer.user.color } : undefined;
    },
    enableCellTextSelection: true,
    tooltipShowDelay: 600,
  }));

  useEffect(() => {
    grid.current?.setGridOption('rowSelection', { mode: 'multiRow', checkboxes: selectable, headerCheckbox: selectable, enableClickSelection: false, selectAll: 'filtered' });
  }, [selectable]);

  useEffect(() => {
    grid.current?.setGridOption('columnDefs', reviewColumns(model, unit, () => collabRef.current));
  }, [model, unit]);

  useEffect(() => {
    const api = grid.current;
    if (!api) return;
    if (shown.current !== rows.all) {
      shown.current = rows.all;
      api.setGridOption('rowData', rows.all);
    } else if (rows.changed === 'all') {
      api.refreshCells({ columns: ['status'], force: true });
      api.onFilterChanged();
    } else if (rows.changed && rows.changed.length > 0) {
      // a decided row may leave the tab it was in: filter again once the grid has taken the update
      api.applyTransactionAsync({ update: rows.changed }, () => api.onFilterChanged());
    }
  }, [rows]);

  useEffect(() => {
    const api = grid.current;
    const before = openRef.current;
    openRef.current = open;
    if (!api) return;
    // the rules read openRef: a new set of them makes the grid apply them again to the rows on screen, without
    // drawing any row again (a redraw takes the keyboard focus off the focused cell, and arrow keys stop)
    if (before !== open) api.setGridOption('rowClassRules', rowClassRules());
    // a row opened from elsewhere (the list of discussions, a colleague's chip) is scrolled into view
    const opened = open === null ? undefined : api.getRowNode(String(model.payload.rowNo[open]));
    if (opened?.displayed) api.ensureNodeVisible(opened);
  }, [open, model]);

  useEffect(() => {
    grid.current?.onFilterChanged();
  }, [filter, model]);

  // live co-review: only the rows whose markers or outline changed are drawn again
  useEffect(() => {
    const before = collabRef.current;
    collabRef.current = collab;
    const api = grid.current;
    if (!api || before.marks === collab.marks) return;
    const nodes = changedRows(before.marks, collab.marks).flatMap((rowNo) => {
      const node = api.getRowNode(String(rowNo));
      return node ? [node] : [];
    });
    if (nodes.length > 0) api.redrawRows({ rowNodes: nodes });
  }, [collab]);

  return <div class="review-grid" ref={host} />;
}
