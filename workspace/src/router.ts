import type { TargetedMouseEvent } from 'preact';
import { createStore, useStore } from './store.ts';

/** The current path of the address bar (history API; the server answers every path with the workspace). */
const path = createStore(location.pathname);

addEventListener('popstate', () => path.set(location.pathname));

export function navigate(to: string, { replace = false } = {}): void {
  if (to === location.pathname) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.set(location.pathname);
}

export const usePath = (): string => useStore(path);

/** Click handler for in-app links: plain clicks navigate without a reload, modified clicks open a tab as usual. */
export function followLink(e: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.pathname);
}
