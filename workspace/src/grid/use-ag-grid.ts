import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { GRID_LOCALE_RU, gridTheme } from './ag-grid.ts';

/**
 * An ag-grid in the element `host` is given to, created once when the component mounts (with the workspace's
 * theme and Russian texts unless `options` says otherwise) and destroyed when it unmounts. `options` is read
 * once, so its callbacks see the first render: they read what changes through refs. Later changes go through
 * `grid.current.setGridOption`; effects declared after this hook find the grid created.
 */
export function useAgGrid<T>(options: () => GridOptions<T>): { host: RefObject<HTMLDivElement | null>; grid: RefObject<GridApi<T> | null> } {
  const host = useRef<HTMLDivElement>(null);
  const grid = useRef<GridApi<T> | null>(null);
  useEffect(() => {
    if (!host.current) return;
    grid.current = createGrid<T>(host.current, { theme: gridTheme, localeText: GRID_LOCALE_RU, ...options() });
    return () => {
      grid.current?.destroy();
      grid.current = null;
    };
    // created once: see above
  }, []);
  return { host, grid };
}
