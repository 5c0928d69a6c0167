import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInn10 } from '../../formulas/ids/inn.ts';
import { completeOgrn } from '../../formulas/ids/ogrn.ts';
import { G, INN, organisationsCsv, registryCsv } from '../../server/checks/testing.ts';
import { csvFile, openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const [G1 = '', G2 = '', G3 = ''] = G;

/** A second РСО, so the list has something to tell apart by РСО. */
const INN2 = completeInn10('720300002');
const organisations = `${organisationsCsv}\n${INN2};${completeOgrn('102720000002')};ООО «Тепло»;действует;нет`;

/** Three rows at 48,80 − 41,73 = 7,07 руб. per unit; the second declares 15,00 for 2 units (check 8 fails). */
const MARCH = registryCsv('март 2026', [
  [G1, '10', '70,70'],
  [G2, '2', '15,00'],
  [G3, '1', '7,07'],
]);
const FEBRUARY = registryCsv('февраль 2026', [[G1, '9', '63,63']]);
const OTHER_RSO = registryCsv('март 2026', [[G2, '4', '28,28']])
  .replace('МУП «Вода»', 'ООО «Тепло»')
  .replace(`ИНН РСО;${INN}`, `ИНН РСО;${INN2}`);

/** The server answers in its own time (the first open loads the grid's chunk, registration runs the checks). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

/** Today as the browser's date inputs take it, shifted by `days`. */
function isoDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('Реестры: the list, its filters and export, and registration of an incoming registry', () => {
  let ws: Workspace;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference({ organisations });
  });

  afterAll(async () => {
    await ws?.close();
  });

  const text = (page: Page, selector: string) => async () => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const tab = (page: Page, status: string) => text(page, `.registries-tabs__tab[data-status="${status}"]`);
  // a row may be drawn once per column section (pinned left, centre, pinned right): ids counted once
  const shownIds = (page: Page) => async () =>
    [...new Set(await page.locator('.registries-grid .ag-row[row-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('row-id') ?? '')))].sort();
  const footer = (page: Page, name: string) => text(page, `.registries-footer [data-total="${name}"]`);

  /** Registers a file through the real route, as the signed-in user of the page. */
  async function registerByApi(page: Page, name: string, csv: string, fields: Record<string, string> = {}): Promise<number> {
    const res = await page.request.post(`${ws.base}/api/registries`, { headers: { origin: ws.base }, multipart: { file: csvFile(name, csv), ...fields } });
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { registry: { id: number }; refused: boolean };
    expect(body.refused).toBe(false);
    return body.registry.id;
  }

  it('a reviewer registers a registry, sees it in «Новый», filters, sees the overdue one, exports what is shown', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/registries') posts++;
    });
    await signInPage(page, 'reviewer', 'reviewer-demo');
    await page.getByRole('banner').getByText('Проверяющий').waitFor();
    // reviewers land on the registries list
    await poll(() => new URL(page.url()).pathname).toBe('/registries');
    await poll(tab(page, 'Все')).toBe('Все (0)');

    // two registries come in elsewhere; the list catches up when the tab regains focus
    const other = await registerByApi(page, 'тепло-март.csv', OTHER_RSO, { letterOutNo: 'Т-7', letterOutDate: '2026-04-02' });
    const old = await registerByApi(page, 'вода-февраль.csv', FEBRUARY, { letterOutNo: '120', letterOutDate: '2026-03-03' });
    // its check deadline passed long ago
    await ws.db.sql`update registries set check_deadline = current_date - 10, finish_deadline = current_date - 5 where id = ${old}`;
    posts = 0;
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await poll(tab(page, 'Все')).toBe('Все (2)');

    // registration through the dialog: the file is checked in the worker first
    await page.getByRole('button', { name: 'Зарегистрировать реестр' }).click();
    const dialog = page.getByRole('dialog', { name: 'Регистрация реестра' });
    await dialog.waitFor();
    await dialog.getByLabel('Файл реестра (.csv или .xlsx, единый шаблон)').setInputFiles(csvFile('вода-март.csv', MARCH));
    await dialog.locator('[data-precheck="done"]').waitFor();
    expect(await text(page, '.registries-precheck [data-fact="rows"] dd')()).toBe('3');
    expect(await text(page, '.registries-precheck [data-fact="declared"] dd')()).toBe('92,77 ₽');
    expect(await text(page, '.registries-precheck [data-fact="errors"] dd')()).toBe('1');
    expect(await text(page, '.registries-precheck__rules [data-rule="8"]')()).toBe('#8 Расчёт суммы субсидии: 1');
    await dialog.locator('[data-findings="none"]').waitFor();
    // dates are typed and shown the Russian way, whatever the browser's language
    const ruDay = (iso: string): string => iso.split('-').reverse().join('.');
    expect(await dialog.getByLabel('Дата регистрации').inputValue()).toBe(ruDay(isoDay()));

    // a letter dated tomorrow is refused in place, nothing is sent
    await dialog.getByLabel('Исх. № письма РСО').fill('157');
    await dialog.getByLabel('Дата письма РСО').fill(ruDay(isoDay(1)));
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('Дата письма РСО не может быть позже сегодняшнего дня').waitFor();
    expect(posts).toBe(0);
    await dialog.getByLabel('Дата письма РСО').fill('6.4.2026');
    expect(await dialog.getByLabel('Дата письма РСО').inputValue()).toBe('06.04.2026');
    await dialog.getByLabel('Вх. №').fill('В-31');
    await dialog.getByLabel('Комментарий').fill('Поступил с опозданием');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    // registered: the review page of the new registry opens
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/registries\/\d+$/);
    const march = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(posts).toBe(1);

    await page.getByRole('navigation').getByRole('link', { name: 'Реестры' }).click();
    await poll(tab(page, 'Новый')).toBe('Новый (3)');
    await page.getByRole('tab', { name: /^Новый/ }).click();
    await poll(shownIds(page)).toEqual([String(march), String(old), String(other)].sort());
    expect(await footer(page, 'count')()).toBe('Показано реестров: 3');
    // 92,77 + 63,63 + 28,28
    expect(await footer(page, 'declared')()).toBe('Заявлено: 184,68 ₽');
    const row = (id: number) => page.locator(`.registries-grid .ag-row[row-id="${id}"]`);
    const rowText = async (id: number) => (await row(id).allTextContents()).join(' ');
    const rowClasses = async (id: number) => (await row(id).evaluateAll((rows) => rows.map((r) => r.className))).join(' ');
    expect(await rowText(march)).toContain('№157от 06.04.2026');
    expect(await rowText(march)).toContain('Поступил с опозданием');

    // the overdue registry is red, with its days past the deadline; the others are not
    expect(await rowClasses(old)).toContain('registries-row--overdue');
    expect(await rowText(old)).toMatch(/просрочен на \d+ раб\. дн\./);
    expect(await rowClasses(march)).not.toContain('registries-row--overdue');
    await page.getByText('срок проверки прошел').waitFor();

    // the same file again: the worker already names the refusal, the server stores it as refused with the reason
    await page.getByRole('button', { name: 'Зарегистрировать реестр' }).click();
    await dialog.getByLabel('Файл реестра (.csv или .xlsx, единый шаблон)').setInputFiles(csvFile('вода-март-2.csv', MARCH));
    await dialog.locator('[data-finding="duplicate_registry"]').waitFor().catch(async (e: unknown) => {
      await page.screenshot({ path: `${resultsDir}/duplicate-missing.png` });
      throw new Error(`${String(e)}\n--- the dialog shows:\n${await dialog.innerText()}`);
    });
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    const refused = page.getByRole('dialog', { name: 'Отказано в регистрации' });
    await refused.waitFor();
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/registration-refused.png` });
    expect(await refused.getByRole('alert').textContent()).toMatch(/Причина: .*уже зарегистрирован/);
    await refused.getByRole('button', { name: 'Закрыть' }).click();
    await poll(tab(page, 'Отказано в регистрации')).toBe('Отказано в регистрации (1)');
    expect(await tab(page, 'Новый')()).toBe('Новый (3)');

    // filter by РСО: the server narrows, the address bar keeps it, a reload shows the same view
    await page.getByRole('button', { name: 'Фильтры' }).click();
    // the panel may draw again as the list refreshes after the refusal: the text is typed until it stays
    const rsoField = page.getByLabel('РСО: название или ИНН');
    await poll(async () => {
      if ((await rsoField.inputValue()) !== 'Тепло') await rsoField.fill('Тепло');
      return rsoField.inputValue();
    }).toBe('Тепло');
    await page.getByRole('button', { name: 'Найти' }).click();
    await poll(shownIds(page)).toEqual([String(other)]);
    expect(new URL(page.url()).searchParams.get('rso')).toBe('Тепло');
    expect(new URL(page.url()).searchParams.get('status')).toBe('Новый');
    expect(await tab(page, 'Все')()).toBe('Все (1)');
    await page.reload();
    await poll(shownIds(page)).toEqual([String(other)]);
    expect(await page.getByLabel('РСО: название или ИНН').inputValue()).toBe('Тепло');
    expect(await page.getByRole('button', { name: 'Фильтры (1)' }).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: `${resultsDir}/registries-filters.png` });

    // filter by period instead
    await page.getByLabel('РСО: название или ИНН').fill('');
    await page.getByLabel('Период субсидии').fill('02.2026');
    await page.getByRole('button', { name: 'Найти' }).click();
    await poll(shownIds(page)).toEqual([String(old)]);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2026-02');

    // by ИНН, across statuses: the registered March one and the refused copy of it
    await page.getByLabel('Период субсидии').fill('2026-03');
    await page.getByLabel('РСО: название или ИНН').fill(INN);
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('tab', { name: /^Все/ }).click();
    await poll(shownIds(page)).toHaveLength(2);
    expect(await shownIds(page)()).toContain(String(march));

    // export what is shown: the same registries in the workbook
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Экспорт в Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('the export has no sheet');
    const cells: string[][] = [];
    sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = cells.findIndex((r) => r.includes('Наименование РСО'));
    expect(header).toBeGreaterThan(-1);
    const exported = cells.slice(header + 1).filter((r) => r[0] !== 'Итого');
    const statusCol = cells[header]?.indexOf('Статус') ?? -1;
    const rsoCol = cells[header]?.indexOf('Наименование РСО') ?? -1;
    expect(exported.map((r) => r[rsoCol])).toEqual(['МУП «Вода»', 'МУП «Вода»']);
    expect(exported.map((r) => r[statusCol]).sort()).toEqual(['Новый', 'Отказано в регистрации']);

    // everything at 1366×768: no horizontal scroll of the page, the grid scrolls inside
    await page.getByRole('button', { name: 'Сбросить все' }).click();
    await poll(shownIds(page)).toHaveLength(4);
    await page.getByRole('button', { name: /^Фильтры/ }).click();
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('.shell__main');
      return { page: document.documentElement.scrollWidth - window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0 };
    });
    expect(overflow).toEqual({ page: 0, main: 0 });
    await page.screenshot({ path: `${resultsDir}/registries-page.png` });

    // Enter on a focused row opens its registry (a click does too)
    await row(old).locator('[col-id="period"]').first().focus();
    await page.keyboard.press('Enter');
    await poll(() => new URL(page.url()).pathname).toBe(`/registries/${old}`);
    await context.close();
  });

  it('an analyst sees the list but cannot register', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'analyst', 'analyst-demo');
    await poll(tab(page, 'Все')).toBe('Все (4)');
    expect(await page.getByRole('button', { name: 'Зарегистрировать реестр' }).count()).toBe(0);
    await context.close();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
