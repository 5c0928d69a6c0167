/**
 * The workspace's service worker: keeps the application shell (index.html and the hashed assets it loaded) so a
 * reviewer who reloads or reopens the workspace without a connection still gets it; the registries' rows, cards
 * and shared documents come from IndexedDB as when the connection drops while working. The API is never touched
 * here: what the server decides is never answered from a cache.
 *
 * Built as `/sw.js` (vite.config.ts) so its scope is the whole site. Typed by hand: the project's lib is the DOM's,
 * not the service worker's.
 */

interface FetchEventLike extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(done: Promise<unknown>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  data: unknown;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}

/** What the page sends once this worker controls it: the assets it loaded before, which never passed through here. */
export interface KeepMessage {
  keep: string[];
}

const scope = self as unknown as WorkerScope;
const CACHE = 'sverka-shell-v1';
const SHELL = '/index.html';
/** Hashed assets of past releases pile up: the oldest go beyond this many. */
const MAX_ASSETS = 300;

scope.addEventListener('install', (e) => e.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (e) =>
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('sverka-shell-') && name !== CACHE) await caches.delete(name);
      await scope.clients.claim();
    })(),
  ),
);

scope.addEventListener('fetch', (e) => {
  const request = e.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') e.respondWith(shell(request));
  else if (url.pathname.startsWith('/assets/')) e.respondWith(asset(request));
});

scope.addEventListener('message', (e) => {
  const keep = (e.data as Partial<KeepMessage> | null)?.keep;
  if (Array.isArray(keep)) e.waitUntil(keepLoaded(keep.filter((u): u is string => typeof u === 'string')));
});

/** The shell and the assets the page loaded before this worker took it over. */
async function keepLoaded(urls: string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  if (!(await cache.match(SHELL))) {
    const page = await fetch('/').catch(() => null);
    if (page?.ok) await cache.put(SHELL, page);
  }
  for (const url of urls) {
    const u = new URL(url, scope.location.origin);
    if (u.origin !== scope.location.origin || !u.pathname.startsWith('/assets/') || (await cache.match(u.pathname))) continue;
    const response = await fetch(u.pathname).catch(() => null);
    if (response?.ok) await cache.put(u.pathname, response);
  }
}

/** Pages: the network first (a new release shows at once), the last shell seen when there is none. */
async function shell(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) await cache.put(SHELL, response.clone());
    return response;
  } catch (e) {
    const kept = await cache.match(SHELL);
    if (kept) return kept;
    throw e;
  }
}

/** Assets are named by their content hash: once kept, always right. */
async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ASSETS))) await cache.delete(old);
  }
  return response;
}
