/**
 * Issue 4's figure: open of a 30,000-row registry in Chromium, from navigation to the first rows visible in the
 * review page's grid — cold (a fresh browser profile: empty IndexedDB and HTTP cache) and warm (the rows
 * cached in IndexedDB by check run). The real server on an embedded Postgres; the registry registered through
 * the server's intake (read, checked, stored).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { longStreet, organisationsCsv, tariffsCsv } from '../server/checks/testing.ts';
import { registerRegistry } from '../server/registries/intake.ts';
import { startWorkspace } from '../workspace/e2e/testing.ts';

const ROWS = 30_000;
const RUNS = 3;
const { houses, registry } = longStreet(ROWS, 1);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number): string => `${Math.round(x)} ms`;

const ws = await startWorkspace();
try {
  let t = performance.now();
  await ws.seed('houses', houses);
  await ws.seed('tariffs', tariffsCsv);
  await ws.seed('organisations', organisationsCsv);
  const r = await registerRegistry(ws.db.sql, { fileName: 'реестр-30000.csv', bytes: new TextEncoder().encode(registry), form: {}, actorId: null });
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 5)));
  console.log(`setup: ${ROWS} houses and a ${ROWS}-row registry registered (checked in ${r.checkMs} ms) in ${ms(performance.now() - t)}`);
  const url = `${ws.base}/registries/${r.registryId}`;

  async function signIn(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await ws.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    // the page notes when the grid's first row enters the DOM, on its own clock (0 = start of the navigation)
    await context.addInitScript(() => {
      const seen = new MutationObserver(() => {
        if (!document.querySelector('.review-grid .ag-row')) return;
        (window as unknown as { firstRowAt: number }).firstRowAt = performance.now();
        seen.disconnect();
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(ws.base);
    await page.getByLabel('Логин').fill('reviewer');
    await page.getByLabel('Пароль').fill('reviewer-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('banner').getByText('Проверяющий').waitFor();
    return { context, page };
  }

  /** Navigation to the first grid row drawn (the page's own clock), and where the rows came from. */
  async function open(page: Page): Promise<{ ms: number; source: string }> {
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('.ag-row[row-index="0"] [col-id="status"]').first().waitFor({ timeout: 60_000 });
    const took = await page.evaluate(() => (window as unknown as { firstRowAt: number }).firstRowAt);
    // where the time went: each request's start and end since navigation, from the page's own timeline
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .map((e) => `${new URL(e.name).pathname.replace(/^\/(api\/registries\/\d+|assets)\/?/, '')} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`)
        .concat(performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`))
        .join(', '),
    );
    if (process.env.BENCH_DETAIL) console.log(`  ${requests}`);
    // the page marks rows from the browser's cache only (since issue 12's toolbar); no mark: from the server
    const cached = await page.locator('.review-source[data-source="cache"]').waitFor({ timeout: 3_000 }).then(() => true, () => false);
    return { ms: took, source: cached ? 'cache' : 'network' };
  }

  /**
   * The rows are written to IndexedDB after they are shown: wait for the write before the warm open. The probe
   * must not create the database (an open without a version would) nor keep a connection that blocks the page's.
   */
  const cached = (page: Page) =>
    page.waitForFunction(
      async () => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'sverka-registry-rows')) return false;
        return new Promise<boolean>((resolve) => {
          const req = indexedDB.open('sverka-registry-rows');
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('rows')) {
              db.close();
              return resolve(false);
            }
            const count = db.transaction('rows').objectStore('rows').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result > 0);
            };
            count.onerror = () => {
              db.close();
              resolve(false);
            };
          };
          req.onerror = () => resolve(false);
        });
      },
      undefined,
      { polling: 200, timeout: 60_000 },
    );

  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await signIn();
    const c = await open(page);
    cold.push(c.ms);
    await cached(page);
    const w = await open(page);
    warm.push(w.ms);
    console.log(`run ${run + 1}: cold ${ms(c.ms)} (rows from ${c.source}), warm ${ms(w.ms)} (rows from ${w.source})`);
    await context.close();
  }
  t = performance.now();
  console.log(`open of a ${ROWS}-row registry to first rows visible, median of ${RUNS}: cold ${ms(median(cold))} (target ≤ 2000 ms), warm ${ms(median(warm))} (target ≤ 1000 ms)`);
} finally {
  await ws.close();
}
