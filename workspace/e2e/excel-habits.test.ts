import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INN } from '../../server/checks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

/** 2,000 houses of one village on four streets: every address starts with the same region, district and village. */
const N = 2000;
const STREETS = ['Садовая', 'Ленина', 'Школьная', 'Мира'];
const fias = (k: number): string => `d0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
const street = (k: number): string => STREETS[k % STREETS.length] ?? '';
const PREFIX = 'обл. Тюменская, р-н Абатский, с. Абатское';
const address = (k: number): string => `${PREFIX}, ул. ${street(k)}, д. ${Math.floor(k / STREETS.length) + 1}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...Array.from({ length: N }, (_, k) => `${fias(k)};${address(k)};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.1985;100;10;центральное`),
].join('\n');
const kopecks = (k: number): number => (10 + (k % 7)) * 707;
const money = (kop: number): string => `${Math.floor(kop / 100)},${String(kop % 100).padStart(2, '0')}`;
/** The unified template with real addresses; № п/п k + 1 on line k + 7. */
const REGISTRY = [
  'Наименование РСО;МУП «Вода»',
  `ИНН РСО;${INN}`,
  'Услуга;Холодное водоснабжение',
  'Отчетный период;апрель 2026',
  '',
  '№ п/п;Адрес дома;Код дома по ФИАС;Дом, признак дифференциации тарифов;Территория оказания услуги;Дата ввода в эксплуатацию;ЭОТ, руб. (без НДС);Тариф, применяемый для начисления (без НДС);Потребление КУ в жилых помещениях;Потребление КУ на ОДН;Размер итоговой субсидии, руб.',
  ...Array.from({ length: N }, (_, k) => `${k + 1};${address(k)};${fias(k)};с -- по --;Абатский муниципальный район;;48,80;41,73;${10 + (k % 7)};0;${money(kopecks(k))}`),
].join('\n');

describe('the review grid at 1366×768, used as Excel is', () => {
  let ws: Workspace;
  let registryId = 0;
  const errors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference({ houses: HOUSES });
    registryId = await ws.register('реестр-2000.csv', REGISTRY, '200');
  }, 240_000);

  afterAll(async () => {
    await ws?.close();
  });

  const cellText = (page: Page, rowIndex: number, col: string) => async () =>
    ((await page.locator(`.review-grid .ag-row[row-index="${rowIndex}"]:not(.ag-opacity-zero) [col-id="${col}"]`).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const status = (page: Page) => async () => ((await page.locator('.review-grid .grid-status').textContent()) ?? '').replace(/\s+/g, ' ');
  const cardLabel = (page: Page) => async () => ((await page.locator('[data-row-label]').textContent()) ?? '').trim();

  it('shows 15+ rows with street and house, filters in the header, copies a range as TSV, and the card follows the arrow keys', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ws.base });
    await signInPage(page, 'reviewer', 'reviewer-demo');
    await page.getByRole('banner').getByText('Проверяющий').waitFor();
    await page.goto(`${ws.base}/registries/${registryId}`);
    await page.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    await expect.poll(status(page), { timeout: 60_000 }).toContain('Строк: 2 000');

    // at least 15 whole rows on screen, with the navigation shown
    const rowsInView = async (): Promise<number> =>
      page.evaluate(() => {
        const header = document.querySelector('.review-grid .ag-header')?.getBoundingClientRect();
        const root = document.querySelector('.review-grid .ag-root-wrapper')?.getBoundingClientRect();
        if (!header || !root) return 0;
        const whole = new Set<string>();
        for (const r of document.querySelectorAll('.review-grid .ag-row[row-index]')) {
          const b = r.getBoundingClientRect();
          if (b.height > 0 && b.top >= header.bottom - 1 && b.bottom <= Math.min(root.bottom, window.innerHeight) + 1) whole.add(r.getAttribute('row-index') ?? '');
        }
        return whole.size;
      });
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/review-2000-rows.png` });
    expect(await rowsInView()).toBeGreaterThanOrEqual(15);
    // the address shows street and house, not the part every row shares; the whole one is in the tooltip and the card
    expect(await cellText(page, 0, 'address')()).toBe('ул. Садовая, д. 1');
    expect(await cellText(page, 0, 'n')()).toBe('1 (стр. 7)');
    // no working column is off-screen: ЛТ, both volumes and the subsidy are inside the grid's width
    const grid = await page.locator('.review-grid').boundingBox();
    for (const col of ['lt', 'vLiving', 'vOdn', 'subsidy', 'verdict', 'status']) {
      const b = await page.locator(`.review-grid .ag-header-cell[col-id="${col}"]`).first().boundingBox();
      expect(b && grid && b.x + b.width <= grid.x + grid.width + 1, col).toBe(true);
    }

    // the navigation folds away and stays folded after a reload (per user)
    await page.getByRole('button', { name: 'Скрыть разделы' }).click();
    expect(await page.locator('#shell-nav').isHidden()).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Показать разделы' }).waitFor();
    await expect.poll(status(page), { timeout: 60_000 }).toContain('Строк: 2 000');
    expect(await rowsInView()).toBeGreaterThanOrEqual(15);

    // a header filter narrows the rows: «Ленина» in the address filter leaves a quarter of them
    await page.locator('.review-grid .ag-floating-filter input').first().waitFor();
    const addressFilter = page.getByRole('textbox', { name: 'Адрес дома фильтр' });
    await addressFilter.fill('Ленина');
    await expect.poll(status(page)).toContain('Строк: 500 из 2 000');
    await expect.poll(cellText(page, 0, 'address')).toBe('ул. Ленина, д. 1');
    await page.screenshot({ path: `${resultsDir}/review-filtered.png` });
    await addressFilter.fill('');
    await expect.poll(status(page)).toContain('Строк: 2 000');

    // a set of values in the verdict's header: none, then one value with as many rows as its line says
    await page.getByRole('button', { name: 'Фильтр: Автопроверка' }).click();
    const values = page.getByRole('group', { name: 'Фильтр: Автопроверка' });
    await values.getByText('(выбрать все)').click();
    await expect.poll(status(page)).toContain('Строк: 0 из 2 000');
    const first = values.locator('input[data-value]').first();
    const value = (await first.getAttribute('data-value')) ?? '';
    const [, count] = /— ([\d\s]+)$/.exec(((await values.locator('label').nth(1).textContent()) ?? '').trim()) ?? [];
    await first.check();
    const n = Number((count ?? '').replace(/\s/g, ''));
    expect(n).toBeGreaterThan(0);
    await expect.poll(status(page)).toContain(n === 2000 ? 'Строк: 2 000' : `Строк: ${n.toLocaleString('ru-RU')} из 2 000`.replace(/\u00a0/g, ' '));
    expect(new Set(await page.locator('.review-grid .ag-row [col-id="verdict"]').allTextContents())).toEqual(new Set([value]));
    await page.screenshot({ path: `${resultsDir}/review-set-filter.png` });
    await values.getByLabel('(выбрать все)').check();
    await expect.poll(status(page)).toContain('Строк: 2 000');
    expect(await page.getByRole('button', { name: 'Фильтр: Автопроверка' }).textContent()).toBe('все');
    await page.keyboard.press('Escape');

    // a range from the first row's address to the third row's subsidy, copied with Ctrl+C as tab-separated text
    await page.locator('.review-grid .ag-row[row-index="0"] [col-id="address"]').click();
    await page.getByRole('button', { name: 'Закрыть панель' }).click();
    await page.locator('.review-grid .ag-row[row-index="2"] [col-id="subsidy"]').click({ modifiers: ['Shift'] });
    await page.screenshot({ path: `${resultsDir}/review-range.png` });
    await expect.poll(() => page.locator('.review-grid .grid-cell--range').count()).toBeGreaterThanOrEqual(18);
    // the status line counts the cells and sums the numbers among them
    await expect.poll(status(page)).toContain('выделено ячеек: 18');
    await page.keyboard.press('Control+C');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.split('\r\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.length)).toEqual([6, 6, 6]);
    expect(lines[0]?.[0]).toBe('ул. Садовая, д. 1');
    expect(lines[1]?.[0]).toBe('ул. Ленина, д. 1');
    expect(lines[2]?.[5]?.replace(/\s/g, '')).toBe(money(kopecks(2)));
    await page.screenshot({ path: `${resultsDir}/review-range.png` });

    // the arrow keys move the row card with the focus
    await page.locator('.review-grid .ag-row[row-index="4"] [col-id="address"]').click();
    await expect.poll(cardLabel(page)).toBe('Строка № 5 (стр. 11)');
    expect(await page.locator('.review-panel__address').textContent()).toBe(address(4));
    // opening a row outlines it without drawing it again: the browser's focus stays in the grid's focused cell, so
    // the next arrow key goes on from there
    const press = async (key: string) => {
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell-focus') !== null)).toBe(true);
      await page.keyboard.press(key);
    };
    await press('ArrowDown');
    await expect.poll(cardLabel(page)).toBe('Строка № 6 (стр. 12)');
    await press('ArrowDown');
    await expect.poll(cardLabel(page)).toBe('Строка № 7 (стр. 13)');
    await press('ArrowUp');
    await expect.poll(cardLabel(page)).toBe('Строка № 6 (стр. 12)');
    await page.screenshot({ path: `${resultsDir}/review-drawer.png` });

    // the one-line card opens and stays open after a reload, for this user
    await page.getByRole('button', { name: 'Подробнее' }).click();
    await page.locator('.review-fact[data-fact="letter-out"]').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Свернуть' }).waitFor();
    await page.screenshot({ path: `${resultsDir}/review-card-full.png` });

    expect(errors).toEqual([]);
    await context.close();
  });
});
