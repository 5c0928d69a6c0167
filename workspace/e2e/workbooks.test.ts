import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbookRegion, WB_REGISTRIES } from '../../server/workbooks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

/** What another browser shows arrives over the network: the shared machine may take seconds. */
const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout });

/**
 * The pivot «ЭОТ − ЛТ по РСО и районам за два года» of the hand-made region as the browser's СЕГОДНЯ() sees it:
 * groups of (РСО, district, year) of the registries that count, this year and the last; rows behind each.
 */
function expectedGroups(): { key: string; rows: number }[] {
  const year = new Date().getFullYear();
  const groups = new Map<string, number>();
  for (const g of WB_REGISTRIES) {
    const y = Number(g.period.slice(0, 4));
    if (y < year - 1 || (g.status ?? 'Согласован') === 'Отменен') continue;
    const key = `${g.rso.name}|${g.district}|${y}`;
    groups.set(key, (groups.get(key) ?? 0) + g.rows.length);
  }
  return [...groups].map(([key, rows]) => ({ key, rows })).sort((a, b) => a.key.localeCompare(b.key, 'ru'));
}

describe('Рабочие книги: two analysts edit one workbook live', () => {
  let ws: Workspace;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await loadWorkbookRegion(ws.db.sql);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await ws?.close();
  });

  const signedIn = async (login: string, password: string, role: string): Promise<Page> => {
    const opened = await openPage(ws, { width: 1366, height: 768 }, errors);
    contexts.push(opened.context);
    const { page } = opened;
    await signInPage(page, login, password);
    await page.getByRole('banner').getByText(role, { exact: true }).waitFor();
    return page;
  };
  const formula = (page: Page, name: string) => page.getByLabel(`Формула [${name}]`);
  const pivotRows = (page: Page) => page.locator('.wb-pivot tbody tr');

  it('opens a shipped workbook with one click, evaluates it in the worker, and two editors converge', async () => {
    const a = await signedIn('analyst', 'analyst-demo', 'Аналитик');
    await a.getByRole('navigation').getByRole('link', { name: 'Рабочие книги' }).click();
    await a.getByRole('heading', { name: 'Рабочие книги' }).waitFor();
    await a.locator('.wb-template', { hasText: 'ЭОТ − ЛТ по РСО и районам' }).getByRole('button', { name: 'Открыть' }).click();
    await a.waitForURL(/\/workbooks\/\d+$/);
    const url = a.url();
    // the pivot of the hand-made region (in 2026: two РСО, two years each; December 2024 is outside the two years)
    const groups = expectedGroups();
    await poll(() => pivotRows(a).count()).toBe(groups.length);

    const b = await signedIn('admin', 'admin-demo', 'Администратор');
    await b.goto(url);
    await poll(() => pivotRows(b).count()).toBe(groups.length);
    // each sees the other
    await poll(() => a.locator('.wb-person').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Администратор системы')]));
    await poll(() => b.locator('.wb-person').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Аналитикова')]));

    // a formula is checked as it is typed, the error with its position
    await formula(a, 'gap').fill('=[eot]-[lt');
    await a.getByText(/Позиция \d+:/).waitFor();
    await formula(a, 'gap').fill('=ОКРУГЛ([eot]-[lt]; 1)');
    await formula(a, 'gap').press('Enter');
    // the other editor changes the chart at the same time
    await b.getByLabel('Диаграмма').selectOption('bar');
    await poll(() => formula(b, 'gap').inputValue()).toBe('=ОКРУГЛ([eot]-[lt]; 1)');
    await poll(() => a.getByLabel('Диаграмма').inputValue()).toBe('bar');

    // drill-down: the rows behind a pivot row
    await pivotRows(a).nth(1).click();
    await a.getByRole('region', { name: 'Строки за ячейкой' }).waitFor();
    await poll(() => a.getByRole('region', { name: 'Строки за ячейкой' }).locator('tbody tr').count()).toBe(groups[1]?.rows);
    await a.getByRole('region', { name: 'Строки за ячейкой' }).getByRole('button', { name: 'Закрыть' }).click();

    // saved as a version with who and when
    await a.getByRole('button', { name: 'Сохранить версию' }).click();
    await a.getByText('Сохранена версия 2').waitFor();
    await a.locator('.wb-toolbar').getByText('Версия 2, Аналитикова Анна Сергеевна').waitFor();

    mkdirSync(resultsDir, { recursive: true });
    await a.mouse.move(0, 0);
    await a.screenshot({ path: `${resultsDir}/workbook-pivot-chart.png` });

    // the chart pinned to the managers' analytics page, evaluated from the saved version when the page opens
    await a.getByRole('button', { name: 'Закрепить диаграмму на «Аналитике»' }).click();
    await a.getByText(/Диаграмма закреплена/).waitFor();
    const m = await signedIn('manager', 'manager-demo', 'Руководитель');
    await m.getByRole('navigation').getByRole('link', { name: 'Аналитика' }).click();
    const tile = m.getByRole('region', { name: '(ЭОТ − ЛТ) × объём по РСО и районам, ₽' });
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.locator('.analytics-card__chart').getAttribute('data-empty')).toBeNull();
    await m.getByRole('heading', { name: 'Из рабочих книг' }).scrollIntoViewIfNeeded();
    await m.screenshot({ path: `${resultsDir}/workbook-tile-analytics.png` });
    expect(errors).toEqual([]);
  }, 180_000);
});
