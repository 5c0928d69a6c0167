let last: Promise<unknown> = Promise.resolve();

/**
 * Runs the analytics pages' requests one after another. Each is one snapshot on the server and tens of
 * milliseconds; sent together they gain little, and the embedded database's socket mixes up the statements of
 * concurrent connections outside transactions («portal "" does not exist», see server/sync/sync-hub.ts).
 */
export function oneAtATime<T>(request: () => Promise<T>): Promise<T> {
  const next = last.catch(() => undefined).then(request);
  last = next;
  return next;
}
