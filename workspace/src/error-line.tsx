import type { ComponentChildren } from 'preact';

/**
 * The workspace's one error line: a Russian message the user can act on (what failed, what to do). Announced to
 * screen readers as it appears (`role="alert"`), unless `quiet` — an error that is the whole content of a panel
 * the user has just opened.
 */
export function ErrorLine({ children, quiet = false, class: extra }: { children: ComponentChildren; quiet?: boolean; class?: string }) {
  return (
    <p class={extra ? `message message--error ${extra}` : 'message message--error'} role={quiet ? undefined : 'alert'}>
      {children}
    </p>
  );
}
