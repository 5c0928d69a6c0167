import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCsv } from '../../server/checks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const house = (k: number): string => `c0000000-0000-4000-8000-00000000000${k}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...[1, 2].map((k) => `${house(k)};с. Абатское, ул. Садовая, д. ${k};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.198${k};100;10;центральное`),
].join('\n');
const MO_RATES = ['municipal_district;settlement;house_type;maintenance;capital_repair;rent', 'Абатский муниципальный район;все;МКД;20,00;10,00;5,00'].join('\n');
const SERVICES = ['fias_id;service;tariff;decision_id;norm;norm_unit;heating_only', ...[1, 2].map((k) => `${house(k)};ЭЭ;5,00;;74,2;чел;нет`)].join('\n');

const WAIT = { timeout: 30_000 };

/**
 * The Content-Security-Policy the server sends (server/http/security-headers.ts) against the real workspace in
 * Chromium: every page — ag-grid, Handsontable with HyperFormula, ECharts, the check and standards workers, the
 * co-review WebSocket and the service worker — runs without a single violation.
 */
describe('the workspace under its Content-Security-Policy', () => {
  let ws: Workspace;
  let registryId = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference({ houses: HOUSES });
    await ws.seed('mo_rates', MO_RATES);
    await ws.seed('house_services', SERVICES);
    registryId = await ws.register('csp.csv', registryCsv('апрель 2026', [[house(1), '10', '70,70'], [house(2), '10', '70,70']]));
    mkdirSync(resultsDir, { recursive: true });
  });
  afterAll(async () => {
    await ws?.close();
  });

  const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  it('shows every page without a violation', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    // collected from the first script on, in every page and worker of the context
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.reload();
    const policy = (await page.request.get(ws.base)).headers()['content-security-policy'];
    expect(policy).toContain("script-src 'self'");

    await signInPage(page, 'admin', 'admin-demo');
    await page.getByRole('banner').getByText('Администратор', { exact: true }).waitFor();
    const seen: Record<string, string[]> = {};

    // the registries list (ag-grid) and the review page: grid, the check worker, the co-review WebSocket
    await page.locator('.ag-row').first().waitFor(WAIT);
    seen.registries = await violations(page);
    await page.goto(`${ws.base}/registries/${registryId}`);
    await page.locator('.ag-row [col-id="status"]').first().waitFor(WAIT);
    await page.locator('.co-conn[data-connection="online"]').waitFor(WAIT);
    seen.review = await violations(page);

    // standards: the house registry grid, the HyperFormula worker, a group's Handsontable sheet
    await page.getByRole('link', { name: 'Стандарты' }).click();
    await page.locator('.ag-row').first().waitFor(WAIT);
    await page.getByRole('tab', { name: 'Стандарты' }).click();
    await page.getByTestId('worker-run').filter({ hasText: 'Стандарты пересчитаны в браузере' }).waitFor(WAIT);
    await page.locator('.standards-groups__grid .ag-row [col-id="owner-heating"]').first().click();
    await page.locator('.standards-sheet__grid .ht_master tbody tr').first().waitFor(WAIT);
    seen.standards = await violations(page);

    // analytics: ECharts on canvas
    await page.getByRole('link', { name: 'Аналитика' }).click();
    await page.locator('canvas').first().waitFor(WAIT);
    seen.analytics = await violations(page);

    // reference data and the calculator
    await page.getByRole('link', { name: 'Справочники' }).click();
    await page.locator('.ag-row').first().waitFor(WAIT);
    seen.reference = await violations(page);
    await page.getByRole('link', { name: 'Калькулятор' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
    seen.calculator = await violations(page);

    // the service worker that keeps the shell registered and took the page
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? ''))).toBe(`${ws.base}/sw.js`);
    await page.reload();
    await page.locator('.ag-row, h1').first().waitFor(WAIT);
    seen.reloaded = await violations(page);
    await page.screenshot({ path: `${resultsDir}/csp-last-page.png` });

    // the citizens' page, signed out
    const citizen = await ws.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await citizen.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const calc = await citizen.newPage();
    await calc.goto(`${ws.base}/calc`);
    await calc.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
    seen.calc = await violations(calc);
    await citizen.close();
    await context.close();

    expect(seen).toEqual({ registries: [], review: [], standards: [], analytics: [], reference: [], calculator: [], reloaded: [], calc: [] });
    expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});
