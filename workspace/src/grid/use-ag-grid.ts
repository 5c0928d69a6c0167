import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { GRID_LOCALE_RU, gridTheme } from './ag-grid.ts';
import { attachGridHabits } from './ag-grid-habits.ts';

/**
 * An ag-grid in the element `host` is given to, created once when the component mounts (with the workspace's
 * theme and Russian texts unless `options` says otherwise) and destroyed when it unmounts. `options` is read
 * once, so its callbacks see the first render: they read what changes through refs. Later changes go through
 * `grid.current.setGridOption`; effects declared after this hook find the grid created.
 *
 * Every such grid has the Excel habits of `ag-grid-habits.ts` (a cell range, Ctrl+C as tab-separated text, a
 * status line with the count and sum of the selected numbers under the grid) and, over rows held in the browser,
 * a filter row under the headers (text: contains; numbers: equals, ranges). The host becomes a column: the grid
 * fills its height above the status line.
 */
export function useAgGrid<T>(options: () => GridOptions<T>): { host: RefObject<HTMLDivElement | null>; grid: RefObject<GridApi<T> | null> } {
  const host = useRef<HTMLDivElement>(null);
  const grid = useRef<GridApi<T> | null>(null);
  useEffect(() => {
    const box = host.current;
    if (!box) return;
    box.classList.add('grid-box');
    const gridHost = document.createElement('div');
    gridHost.className = 'grid-box__grid';
    const status = document.createElement('div');
    status.className = 'grid-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    box.append(gridHost, status);
    const o = options();
    const local = o.rowModelType === undefined || o.rowModelType === 'clientSide';
    const defaultColDef = local ? { filter: true, floatingFilter: true, suppressFloatingFilterButton: true, suppressHeaderFilterButton: true, ...o.defaultColDef } : o.defaultColDef;
    const api = createGrid<T>(gridHost, { theme: gridTheme, localeText: GRID_LOCALE_RU, ...o, ...(defaultColDef ? { defaultColDef } : {}) });
    grid.current = api;
    const habits = attachGridHabits(api, gridHost, status);
    return () => {
      habits.destroy();
      api.destroy();
      gridHost.remove();
      status.remove();
      grid.current = null;
    };
    // created once: see above
  }, []);
  return { host, grid };
}
