import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRIES, insertAnalyticsFixture, RSO_B } from '../../server/analytics/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

/** Declared money of the fixture that counts (not cancelled, not refused), computed from the fixture itself. */
const declared = FIXTURE_REGISTRIES.filter((r) => r.status !== 'Отменен' && r.status !== 'Отказано в регистрации')
  .flatMap((r) => r.rows)
  .reduce((s, r) => s + (r.subsidy ?? 0), 0);
const rubles = (kopecks: number): string => `${new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kopecks / 100)}\u00a0₽`;

/** How many pixels of a chart's canvas are not white: a drawn chart has thousands. */
const inkOf = (page: Page, title: string): Promise<number> =>
  page.getByRole('region', { name: title, exact: true }).locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 255) < 240 || (data[i + 1] ?? 255) < 240 || (data[i + 2] ?? 255) < 240)) ink++;
    return ink;
  });

const CHARTS = [
  'Заявлено и согласовано по месяцам',
  'По РСО',
  'По муниципальным районам',
  'По населённым пунктам',
  'По услугам',
  'Не согласовано по проверкам',
  'Нагрузка проверяющих и сроки проверки',
  'Реестры по статусам',
];

describe('Аналитика in the browser', () => {
  let ws: Workspace;
  let ids: Record<string, number>;
  const errors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    ids = await insertAnalyticsFixture(ws.db.sql);
  });
  afterAll(async () => {
    await ws?.close();
  });

  it('a manager sees every chart drawn, drills from a bar to its registries, exports a PNG and the table, opens a РСО', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    await signInPage(page, 'manager', 'manager-demo');
    await page.getByRole('link', { name: 'Аналитика' }).click();
    await page.getByRole('heading', { name: 'Аналитика', level: 1 }).waitFor();

    const totals = page.getByLabel('Итоги по фильтрам');
    await expect.poll(() => totals.textContent(), { timeout: 20_000 }).toContain(rubles(declared));
    for (const title of CHARTS) await expect.poll(() => inkOf(page, title), { message: title, timeout: 20_000 }).toBeGreaterThan(500);
    expect(await page.locator('.analytics-card__empty').count()).toBe(0);

    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/analytics-dashboard.png` });
    await page.screenshot({ path: `${resultsDir}/analytics-dashboard-full.png`, fullPage: true });

    // The largest РСО is the top bar of «По РСО»; its bar spans most of the axis.
    const rsoChart = page.getByRole('region', { name: 'По РСО', exact: true }).locator('.analytics-card__chart');
    await rsoChart.scrollIntoViewIfNeeded();
    const box = await rsoChart.boundingBox();
    if (!box) throw new Error('no РСО chart');
    const bandHeight = (box.height - 30 - 4) / 3;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 30 + bandHeight / 2);
    const drill = page.getByRole('region', { name: 'Реестры за выбранной цифрой' });
    await drill.getByRole('heading', { name: `Реестры РСО ${RSO_B.name}` }).waitFor();
    // the cancelled registry of the same РСО is not behind a money figure
    await expect.poll(() => drill.locator('.analytics-drill__totals').textContent(), { timeout: 20_000 }).toMatch(/^Реестров: 1 · заявлено 1\s234\s567,90\s₽/);
    expect(await drill.locator('tbody tr').count()).toBe(1);
    expect(await drill.getByRole('link', { name: 'Открыть в списке реестров' }).getAttribute('href')).toBe(`/registries?rso=${RSO_B.inn}`);
    await page.screenshot({ path: `${resultsDir}/analytics-drill.png` });

    // A chart as PNG
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'По услугам', exact: true }).getByRole('button', { name: 'Картинка' }).click()]);
    expect(png.suggestedFilename()).toBe('Аналитика — По услугам.png');
    const pngBytes = readFileSync((await png.path()) ?? '');
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    // The table as shown, to Excel, with the same totals
    await page.getByRole('heading', { name: 'Детальная таблица' }).scrollIntoViewIfNeeded();
    await page.locator('.analytics-slices .ag-grid-pinned-bottom-rows-container .ag-row').first().waitFor();
    expect(await page.locator('.analytics-slices .ag-grid-pinned-bottom-rows-container').textContent()).toContain(rubles(declared));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Выгрузить в Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync((await xlsx.path()) ?? '');
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = wb.getWorksheet('Аналитика');
    let total: ExcelJS.CellValue[] = [];
    sheet?.eachRow((r) => {
      const v = (r.values as ExcelJS.CellValue[]).slice(1);
      if (v[0] === 'Итого') total = v;
    });
    expect(Math.round(Number(total[2]) * 100)).toBe(declared);

    // The drill-down's link opens the registry's review page
    await drill.getByRole('link', { name: 'Реестр', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(`/registries/${ids.R3}`);

    // One РСО's page
    await page.goto(`${ws.base}/analytics/rso/${RSO_B.inn}`);
    await page.getByRole('heading', { name: RSO_B.name, level: 1 }).waitFor();
    for (const title of ['Суммы по месяцам', 'Реестры по статусам', 'Доля строк с ошибками по проверкам', 'Объемы потребления по услугам']) {
      await expect.poll(() => inkOf(page, title), { message: title, timeout: 20_000 }).toBeGreaterThan(500);
    }
    expect(await page.getByRole('region', { name: 'Реестры РСО' }).locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${resultsDir}/analytics-rso.png` });

    expect(errors).toEqual([]);
    await context.close();
  });
});
