import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import { selectionSummary, toTsv } from './excel-text.ts';

/**
 * Excel habits over an ag-grid community grid (which has neither a clipboard nor a cell-range module):
 *   - a cell range: click a cell, Shift+click or Shift+arrows extend it (drawn with `grid-cell--range`);
 *   - Ctrl+C copies the range, or the ticked rows (with the header line), or the focused cell, as tab-separated
 *     text Excel pastes into cells;
 *   - a status line under the grid: rows shown, and the count and sum of the selected numbers.
 * Columns without a header name (checkboxes, markers) are left out of copies.
 */
export interface GridHabits {
  destroy(): void;
  /** the status line again (rows shown after a filter, new data) */
  refresh(): void;
}

interface Cell {
  row: number;
  col: number;
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function attachGridHabits<T>(api: GridApi<T>, gridHost: HTMLElement, status: HTMLElement): GridHabits {
  let anchor: Cell | null = null;
  let end: Cell | null = null;
  let extending = false;
  let frame = 0;

  const columns = (): Column[] => api.getAllDisplayedColumns().filter((c) => !!c.getColDef().headerName && c.getColId() !== 'ag-Grid-SelectionColumn');
  const colIndex = (id: string): number => columns().findIndex((c) => c.getColId() === id);
  const bounds = () => {
    if (!anchor || !end) return null;
    return { r0: Math.min(anchor.row, end.row), r1: Math.max(anchor.row, end.row), c0: Math.min(anchor.col, end.col), c1: Math.max(anchor.col, end.col) };
  };
  const text = (node: IRowNode<T>, col: Column): string => {
    const v: unknown = api.getCellValue({ rowNode: node, colKey: col, useFormatter: true });
    return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
  };
  const rangeCells = (): string[][] => {
    const b = bounds();
    if (!b) return [];
    const cols = columns().slice(b.c0, b.c1 + 1);
    const out: string[][] = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const node = api.getDisplayedRowAtIndex(r);
      if (node) out.push(cols.map((c) => text(node, c)));
    }
    return out;
  };
  const rangeSize = (): number => {
    const b = bounds();
    return b ? (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) : 0;
  };

  /** The range drawn on the cells now on screen (ag-grid draws only those; called again after a scroll). */
  const paint = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const b = rangeSize() > 1 ? bounds() : null;
      const ids = b ? new Set(columns().slice(b.c0, b.c1 + 1).map((c) => c.getColId())) : null;
      for (const el of gridHost.querySelectorAll<HTMLElement>('.ag-row .ag-cell')) {
        const row = Number(el.closest('.ag-row')?.getAttribute('row-index'));
        const on = !!b && !!ids && row >= b.r0 && row <= b.r1 && ids.has(el.getAttribute('col-id') ?? '');
        el.classList.toggle('grid-cell--range', on);
      }
    });
  };

  const showStatus = (): void => {
    const parts: string[] = [];
    // rows paged from the server are counted by the page itself (the grid holds only some of them)
    if (api.getGridOption('rowModelType') !== 'infinite') {
      const shown = api.getDisplayedRowCount();
      let total = 0;
      api.forEachNode(() => total++);
      parts.push(shown === total ? `Строк: ${shown.toLocaleString('ru-RU')}` : `Строк: ${shown.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}`);
    }
    const ticked = api.getSelectedNodes().length;
    if (ticked > 0) parts.push(`отмечено: ${ticked.toLocaleString('ru-RU')}`);
    if (rangeSize() > 1) {
      const s = selectionSummary(rangeCells().flat());
      parts.push(`выделено ячеек: ${s.cells.toLocaleString('ru-RU')}`);
      if (s.sum !== null) parts.push(`количество чисел: ${s.numbers.toLocaleString('ru-RU')}`, `сумма: ${s.sum}`);
    }
    status.textContent = parts.join(' · ');
  };

  const onFocused = (): void => {
    const f = api.getFocusedCell();
    if (!f || f.rowPinned) return;
    const col = colIndex(f.column.getColId());
    if (col < 0) return;
    const here = { row: f.rowIndex, col };
    if (extending && anchor) end = here;
    else anchor = end = here;
    extending = false;
    paint();
    showStatus();
  };

  const onMouseDown = (e: MouseEvent): void => {
    extending = e.shiftKey;
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const step = ARROWS[e.key];
    if (!e.shiftKey || !step || !end) {
      extending = false;
      return;
    }
    // Shift+arrow extends the range from its anchor (ag-grid community would only move the focus)
    e.preventDefault();
    e.stopPropagation();
    const cols = columns();
    const row = Math.max(0, Math.min(api.getDisplayedRowCount() - 1, end.row + step[0]));
    const col = Math.max(0, Math.min(cols.length - 1, end.col + step[1]));
    const target = cols[col];
    if (!target) return;
    extending = true;
    api.ensureIndexVisible(row);
    api.ensureColumnVisible(target);
    api.setFocusedCell(row, target);
  };

  const onCopy = (e: ClipboardEvent): void => {
    const active = document.activeElement;
    if (!active || !gridHost.contains(active) || !e.clipboardData) return;
    // text the user selected with the mouse inside one cell is copied as the browser does
    const own = window.getSelection();
    let lines: string[][];
    if (rangeSize() > 1) lines = rangeCells();
    else if (api.getSelectedNodes().length > 0) {
      const cols = columns();
      const rows: string[][] = [cols.map((c) => c.getColDef().headerName ?? '')];
      api.forEachNodeAfterFilterAndSort((node) => {
        if (node.isSelected()) rows.push(cols.map((c) => text(node, c)));
      });
      lines = rows;
    } else if (own && !own.isCollapsed && gridHost.contains(own.anchorNode)) return;
    else lines = rangeCells();
    if (lines.length === 0) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', toTsv(lines));
    status.dataset.copied = String(lines.length);
  };

  const repaint = (): void => paint();
  // ag-grid draws rows again (a decision, the open row's highlight, a scroll): the range is drawn on the new cells
  const redrawn = new MutationObserver(() => {
    if (rangeSize() > 1 || gridHost.querySelector('.grid-cell--range')) paint();
  });
  redrawn.observe(gridHost, { childList: true, subtree: true });
  const restatus = (): void => showStatus();
  api.addEventListener('cellFocused', onFocused);
  api.addEventListener('bodyScroll', repaint);
  api.addEventListener('viewportChanged', repaint);
  api.addEventListener('modelUpdated', restatus);
  api.addEventListener('selectionChanged', restatus);
  gridHost.addEventListener('mousedown', onMouseDown, true);
  gridHost.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('copy', onCopy);
  showStatus();

  return {
    refresh: showStatus,
    destroy() {
      cancelAnimationFrame(frame);
      redrawn.disconnect();
      gridHost.removeEventListener('mousedown', onMouseDown, true);
      gridHost.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('copy', onCopy);
      if (!api.isDestroyed()) {
        api.removeEventListener('cellFocused', onFocused);
        api.removeEventListener('bodyScroll', repaint);
        api.removeEventListener('viewportChanged', repaint);
        api.removeEventListener('modelUpdated', restatus);
        api.removeEventListener('selectionChanged', restatus);
      }
    },
  };
}
