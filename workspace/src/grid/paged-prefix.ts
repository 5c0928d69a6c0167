import type { GridApi } from 'ag-grid-community';
import { narrowPrefix, sharedAddressPrefix } from './address-prefix.ts';

/** A server-paged grid's context: the part of the addresses every house of the filter shares. */
export interface AddressPrefixContext {
  addressPrefix: string;
}

/** The prefix a cell of such a grid leaves out (see withoutPrefix). */
export const prefixOfContext = (context: unknown): string => (context as AddressPrefixContext | undefined)?.addressPrefix ?? '';

/**
 * The shared address prefix of a server-paged grid, for one filter: first guessed from the first and the last
 * address in address order (`ends`; for sorted text, what those two share every one between shares), then
 * narrowed by each block that arrives (the database's collation is not plain code-point order), only ever
 * shorter. The grid's context carries it and its address column is redrawn when it changes. `stop()` when the
 * filter changes.
 */
export function pagedAddressPrefix<T>(g: GridApi<T>, column: string, ends: () => Promise<(string | undefined)[]>): { blockLoaded(addresses: readonly string[]): void; stop(): void } {
  let live = true;
  let shown: string | null = null;
  let learned: string | null = null;
  const show = (next: string): void => {
    if (!live || next === shown) return;
    shown = next;
    g.setGridOption('context', { addressPrefix: next } satisfies AddressPrefixContext);
    g.refreshCells({ columns: [column], force: true });
  };
  show('');
  const guess = ends().then(
    (two) => sharedAddressPrefix(two),
    () => '',
  );
  return {
    blockLoaded(addresses) {
      void guess.then((guessed) => {
        if (!live) return;
        learned = narrowPrefix(learned ?? guessed, addresses);
        show(learned);
      });
    },
    stop() {
      live = false;
    },
  };
}
