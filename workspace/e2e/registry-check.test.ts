import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';
import { G, longStreet, registryCsv } from '../../server/checks/testing.ts';

/** A house the registry names but the house registry does not have (until the second import). */
const UNKNOWN = 'a0000000-0000-4000-8000-000000000099';
const [G1 = '', G2 = '', G3 = ''] = G;

/**
 * Five rows at 48,80 − 41,73 = 7,07 руб. per unit: row 2 declares 15,00 for 2 units (expected 14,14, check 8),
 * rows 3 and 4 claim the same house (check 7), row 5 names an unknown house (check 1).
 */
const REGISTRY = registryCsv('март 2026', [
  [G1, '10', '70,70'],
  [G2, '2', '15,00'],
  [G3, '1', '7,07'],
  [G3, '3', '21,21'],
  [UNKNOWN, '1', '7,07'],
]);

/** The same registry without the ИНН line: rejected as a whole. */
const NO_INN = REGISTRY.split('\n')
  .filter((line) => !line.startsWith('ИНН РСО'))
  .join('\n');

/** A big region and registry: 30,000 houses, one row each; every 100th row declares one kopeck too much. */
const BIG_ROWS = 30_000;
const { houses: BIG_HOUSES, registry: BIG, declaredKopecks: bigKopecks } = longStreet(BIG_ROWS, 1);

/** The same registry as an Excel workbook, numbers as numbers, the way an РСО's accountant saves it. */
async function xlsxFile(name: string, csv: string) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  for (const line of csv.split('\n')) sheet.addRow(line.split(';').map((cell) => (/^\d+(,\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell)));
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The server answers in its own time (the first open loads the grid's chunk, registration runs the checks). */
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout });

describe('Registration: a registry file read and checked in the browser worker before it is sent', () => {
  let ws: Workspace;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference();
  });

  afterAll(async () => {
    await ws?.close();
  });

  async function openDialog(): Promise<{ page: Page; close: () => Promise<void> }> {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'reviewer', 'reviewer-demo');
    await page.getByRole('button', { name: 'Зарегистрировать реестр' }).click();
    await page.getByRole('dialog', { name: 'Регистрация реестра' }).waitFor();
    return { page, close: () => context.close() };
  }

  const text = (page: Page, selector: string) => async () => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const fact = (page: Page, name: string) => text(page, `.registries-precheck [data-fact="${name}"] dd`);
  const failing = (page: Page) => async () => (await page.locator('.registries-precheck__rules li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  const fileInput = (page: Page) => page.getByLabel('Файл реестра (.csv или .xlsx, единый шаблон)');

  /** The pre-check's result; a pre-check that ended in an alert fails here with the alert's text instead of a time-out. */
  async function precheckDone(page: Page): Promise<void> {
    const ended = page.locator('[data-precheck="done"], .registries-precheck[role="alert"]');
    await ended.first().waitFor();
    if ((await ended.first().getAttribute('data-precheck')) !== 'done') throw new Error(`pre-check failed: ${await ended.first().textContent()}`);
  }

  it('shows the counts of every failing check for csv and xlsx alike, and refuses an unreadable file before sending it', async () => {
    const { page, close } = await openDialog();
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/registries') posts++;
    });
    await fileInput(page).setInputFiles(csvFile('реестр-март.csv', REGISTRY));
    await precheckDone(page);
    expect(await text(page, '.registries-precheck__head')()).toMatch(/^МУП «Вода», ИНН 7203000\d{3}, ХВС, март 2026 г\.$/);
    expect(await fact(page, 'rows')()).toBe('5');
    expect(await fact(page, 'declared')()).toBe('121,05 ₽');
    expect(await fact(page, 'expected')()).toBe('120,19 ₽');
    expect(await fact(page, 'errors')()).toBe('4');
    // the unknown house fails #1, the repeated house #7 (both rows), the wrong sum #8
    expect(await failing(page)()).toEqual([
      '#1 Корректность адреса: наличие в ФИАС: 1',
      '#7 Дублирование домов: 2',
      '#8 Расчёт суммы субсидии: 1',
    ]);
    await page.locator('[data-findings="none"]').waitFor();
    expect(await text(page, '.registries-precheck__note')()).toMatch(/^Проверено в браузере \(справочники версии 3\)/);

    // the same registry as .xlsx: the same verdicts
    await fileInput(page).setInputFiles(await xlsxFile('реестр-март.xlsx', REGISTRY));
    await poll(text(page, '.file-picker__name')).toBe('реестр-март.xlsx');
    await precheckDone(page);
    expect(await fact(page, 'declared')()).toBe('121,05 ₽');
    expect(await fact(page, 'errors')()).toBe('4');
    expect(await failing(page)()).toHaveLength(3);

    // a file without the ИНН cannot be registered: the reader's message, nothing sent
    await fileInput(page).setInputFiles(csvFile('без-инн.csv', NO_INN));
    await page.getByRole('alert').filter({ hasText: 'без-инн.csv' }).waitFor();
    expect(await text(page, '.registries-precheck[role="alert"]')()).toBe('Файл «без-инн.csv» нельзя зарегистрировать: в шапке реестра нет «ИНН РСО».');
    expect(await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).isDisabled()).toBe(true);
    expect(posts).toBe(0);
    await close();
  });

  it('checks 30,000 rows in the worker with progress, then uploads them with progress and opens the registered registry', async () => {
    await ws.seed('houses', BIG_HOUSES);
    const { page, close } = await openDialog();
    // every value the progress bars and the upload status take, as the page draws them
    await page.evaluate(() => {
      const seen: { check: number[]; texts: string[] } = { check: [], texts: [] };
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('.registries-dialog .check-progress__bar')) {
          if (bar instanceof HTMLProgressElement && bar.getAttribute('aria-label') === 'Ход проверки') seen.check.push(bar.value);
        }
        const status = document.querySelector('.registries-upload');
        if (status?.textContent) seen.texts.push(status.textContent);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await fileInput(page).setInputFiles(csvFile('реестр-большой.csv', BIG));
    // how long the page's own thread is ever busy at a stretch while the worker reads and checks (from here:
    // playwright hands the file to the page by decoding it in the page's thread, which is no part of ours)
    await page.evaluate(() => {
      const longTasks: number[] = [];
      Object.assign(window, { longTasks });
      new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    await page.locator('[data-precheck="done"]').waitFor({ timeout: 60_000 });
    expect(await fact(page, 'rows')()).toBe('30 000');
    // one kopeck over on every 100th row is within the default tolerance of 0,01 руб.
    expect(await fact(page, 'errors')()).toBe('0');
    expect(await failing(page)()).toEqual([]);
    const took = await page.locator('.registries-precheck__note').getAttribute('data-ms');
    const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
    console.log(`30,000 rows checked in the browser worker in ${took ?? '?'} ms (round trip); longest main-thread task meanwhile ${Math.round(longest)} ms`);
    await page.locator('[data-findings="none"]').waitFor();

    await page.getByLabel('Исх. № письма РСО', { exact: true }).fill('900');
    await page.getByLabel('Дата письма РСО', { exact: true }).fill('2026-04-03');
    mkdirSync(resultsDir, { recursive: true });
    await page.locator('.registries-dialog').screenshot({ path: `${resultsDir}/registration-dialog.png` });
    await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
    await poll(() => new URL(page.url()).pathname, 60_000).toMatch(/^\/registries\/\d+$/);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { check: number[]; texts: string[] } }).progressSeen);
    expect(seen.check.some((v) => v > 0 && v < 100)).toBe(true);
    expect(seen.texts.some((t) => t.startsWith('Отправка файла…'))).toBe(true);
    expect(seen.texts.some((t) => t.startsWith('Файл отправлен, сервер регистрирует'))).toBe(true);
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    const [stored] = await ws.db.sql<{ rows_total: number; declared_sum: string; letter_out_no: string }[]>`
      select rows_total, declared_sum::text, letter_out_no from registries where id = ${id}`;
    let declared = 0;
    for (let k = 0; k < BIG_ROWS; k++) declared += bigKopecks(k);
    expect(stored).toEqual({ rows_total: 30_000, declared_sum: String(declared), letter_out_no: '900' });
    await close();
    // 30,000 houses imported, then 30,000 rows checked twice (worker, server) and stored: minutes on a busy machine
  }, 240_000);

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
