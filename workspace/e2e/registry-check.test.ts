import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, openPage, resultsDir, startWorkspace, type Workspace } from './harness.ts';
import { G, housesCsv, organisationsCsv, registryCsv, tariffsCsv } from '../../server/checks/fixtures.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';



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
const bigGuid = (k: number): string => `b0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
const BIG_HOUSES = [
  housesCsv.split('\n')[0],
  ...Array.from({ length: BIG_ROWS }, (_, k) => `${bigGuid(k)};с. Абатское, ул. Длинная, д. ${k + 1};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.1980;100;10;центральное`),
].join('\n');
const BIG = registryCsv(
  'март 2026',
  Array.from({ length: BIG_ROWS }, (_, k): [string, string, string] => {
    const units = (k % 50) + 1;
    const kopecks = units * 707 + (k % 100 === 0 ? 1 : 0);
    return [bigGuid(k), String(units), `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`];
  }),
);

/** The same registry as an Excel workbook, numbers as numbers, the way an РСО's accountant saves it. */
async function xlsxFile(name: string, csv: string) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  for (const line of csv.split('\n')) sheet.addRow(line.split(';').map((cell) => (/^\d+(,\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell)));
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

describe('Реестры: a registry file checked in the browser', () => {
  let ws: Workspace;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await seed('houses', housesCsv);
    await seed('tariffs', tariffsCsv);
    await seed('organisations', organisationsCsv);
  });

  afterAll(async () => {
    await ws?.close();
  });

  const seed = (kind: ReferenceKind, text: string): Promise<void> => ws.seed(kind, text);

  async function open(height = 1200): Promise<{ context: BrowserContext; page: Page; snapshots: () => number }> {
    const { context, page } = await openPage(ws, { width: 1600, height }, pageErrors);
    let snapshots = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/reference/snapshot') snapshots++;
    });
    await page.getByLabel('Логин').fill('reviewer');
    await page.getByLabel('Пароль').fill('reviewer-demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('banner').getByText('Проверяющий').waitFor();
    return { context, page, snapshots: () => snapshots };
  }

  const text = (page: Page, selector: string) => async () => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const fact = (page: Page, name: string) => text(page, `[data-fact="${name}"] dd`);
  const failedCount = (page: Page, rule: string) => text(page, `.rule-count[data-rule="${rule}"] .rule-count__failed`);
  const verdict = (page: Page, rowId: string) => text(page, `.ag-row[row-id="${rowId}"] [col-id="verdict"]`);
  /** A rule in the row card: its title, status and reason, as separate texts. */
  const cardCheck = (page: Page, rule: string) => async () => {
    const item = page.locator(`.row-card .check[data-rule="${rule}"]`);
    return (await item.locator('.check__title, .check__status, .check__reason').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  };
  // a row is drawn once per column section (centre, pinned): count the pinned verdict cells
  const shownRows = (page: Page) => () => page.locator('.ag-row [col-id="verdict"]').count();
  const fileInput = (page: Page) => page.getByLabel('Файл реестра (.csv или .xlsx, единый шаблон)');

  it('a reviewer checks a file, filters by rule, reads a row card, re-checks with a new tolerance and on a new reference', async () => {
    // tall enough for the whole page in one screenshot (the shell scrolls its main area, not the document)
    const { context, page, snapshots } = await open(1560);
    await page.getByRole('link', { name: 'Реестры' }).click();
    expect(new URL(page.url()).pathname).toBe('/registries');
    await expect.poll(text(page, '.reference-note')).toBe('Справочники, версия 3: домов 3, тарифных решений 1, организаций 1');
    await page.getByText('Проверки 7 и 9 сравнивают с другими реестрами: они появятся после регистрации реестров в системе').waitFor();

    await fileInput(page).setInputFiles(csvFile('реестр-март.csv', REGISTRY));
    const summary = page.getByRole('region', { name: 'МУП «Вода»' });
    await summary.waitFor();
    await expect.poll(fact(page, 'declared')).toBe('121,05 ₽');
    expect(await fact(page, 'rows')()).toBe('5');
    expect(await fact(page, 'expected')()).toBe('120,19 ₽');
    expect(await fact(page, 'difference')()).toBe('0,86 ₽');
    expect(await fact(page, 'errors')()).toBe('4');
    expect(await summary.textContent()).toMatch(/ИНН РСО\s*7203000\d{3}/);
    expect(await summary.textContent()).toContain('Холодное водоснабжение (ХВС)');
    expect(await summary.textContent()).toContain('март 2026 г.');
    expect(await text(page, '.check-progress--done')()).toMatch(/^Проверено в браузере за \d[\d ]* мс$/);

    // counts per rule: the unknown house fails #1, the repeated house #7 (both rows), the wrong sum #8
    expect(await failedCount(page, '1')()).toBe('1');
    expect(await failedCount(page, '4')()).toBe('0');
    expect(await failedCount(page, '7')()).toBe('2');
    expect(await failedCount(page, '8')()).toBe('1');
    expect(await text(page, '.rule-count[data-rule="9"] .rule-count__skipped')()).toBe('пропущена: 5');
    expect(await verdict(page, '0')()).toBe('Пройдены');
    expect(await verdict(page, '1')()).toBe('Есть ошибки #8');
    expect(await verdict(page, '3')()).toBe('Есть ошибки #7');
    expect(await verdict(page, '4')()).toBe('Есть ошибки #1');
    expect(await shownRows(page)()).toBe(5);

    // a click on a rule shows only the rows failing it
    await page.locator('.rule-count[data-rule="7"]').click();
    await expect.poll(shownRows(page)).toBe(2);
    expect(await text(page, '.registry-rows__toolbar .muted')()).toBe('Не прошли проверку #7: 2 из 5');
    await page.getByRole('button', { name: 'Показать все строки' }).click();
    await expect.poll(shownRows(page)).toBe(5);

    // the row card: every rule with its status and reason
    await page.locator('.ag-row[row-id="1"] [col-id="address"]').click();
    const card = page.getByRole('complementary').filter({ hasText: 'Результаты авто-проверки' });
    await card.waitFor();
    expect(await cardCheck(page, '8')()).toEqual(['8. Расчёт суммы субсидии', 'Не пройдена', 'Заявлено 15,00 руб., расчетная сумма 14,14 руб.']);
    expect(await cardCheck(page, '1')()).toEqual(['1. Корректность адреса: наличие в ФИАС', 'Пройдена']);
    const [, status9, reason9] = await cardCheck(page, '9')();
    expect(status9).toBe('Пропущена');
    expect(reason9).toBeTruthy();
    expect(await card.locator('.check').count()).toBe(10);

    // a wider sum tolerance re-runs the checks on the open registry: row 2 now passes #8
    await page.getByLabel('Допуск суммы, руб.').fill('1');
    await expect.poll(failedCount(page, '8')).toBe('0');
    // the grid takes its new rows a frame after the counts
    await expect.poll(verdict(page, '1')).toBe('Пройдены');
    expect(await cardCheck(page, '8')()).toEqual(['8. Расчёт суммы субсидии', 'Пройдена']);
    expect(await fact(page, 'errors')()).toBe('3');
    expect(await failedCount(page, '7')()).toBe('2');
    // an impossible value is refused in place and the last result stays
    await page.getByLabel('Допуск суммы, руб.').fill('много');
    await page.getByText('Введите число, например 0,01').waitFor();
    expect(await failedCount(page, '8')()).toBe('0');
    await page.getByLabel('Допуск суммы, руб.').fill('0,01');
    await expect.poll(failedCount(page, '8')).toBe('1');
    await page.getByLabel('Допуск суммы, руб.').fill('1');
    await expect.poll(failedCount(page, '8')).toBe('0');

    // the unknown house: its card names the reason
    await page.locator('.ag-row[row-id="4"] [col-id="address"]').click();
    expect(await cardCheck(page, '1')()).toEqual(['1. Корректность адреса: наличие в ФИАС', 'Не пройдена', `Дом с кодом ФИАС ${UNKNOWN} не найден в реестре домов`]);
    expect(await cardCheck(page, '2')()).toEqual(['2. Корректность адреса: соответствие МР', 'Пропущена', expect.any(String)]);

    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/registry-check.png` });

    // the reference grows elsewhere; back on the page, the checks run again against the new version
    expect(snapshots()).toBe(1);
    await seed('houses', `${housesCsv}\n${UNKNOWN};с. Абатское, ул. Новая, д. 1;Абатский муниципальный район;71603402101;с. Абатское;ЖД;2001;80;3;печное`);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(failedCount(page, '1')).toBe('0');
    expect(await text(page, '.reference-note')()).toBe('Справочники, версия 4: домов 4, тарифных решений 1, организаций 1');
    await expect.poll(verdict(page, '4')).toBe('Пройдены');
    // the selected row stays selected, its card shows the new verdict
    expect(await cardCheck(page, '1')()).toEqual(['1. Корректность адреса: наличие в ФИАС', 'Пройдена']);
    expect(snapshots()).toBe(2);

    // a new visit takes the reference from the browser's cache, not from the server
    await page.reload();
    await expect.poll(text(page, '.reference-note')).toBe('Справочники, версия 4: домов 4, тарифных решений 1, организаций 1');
    expect(snapshots()).toBe(2);

    // the same registry as .xlsx: every house is known now, the sums are the same
    await fileInput(page).setInputFiles(await xlsxFile('реестр-март.xlsx', REGISTRY));
    await expect.poll(fact(page, 'declared')).toBe('121,05 ₽');
    expect(await fact(page, 'expected')()).toBe('120,19 ₽');
    expect(await failedCount(page, '1')()).toBe('0');
    expect(await failedCount(page, '8')()).toBe('1');
    expect(await failedCount(page, '7')()).toBe('2');

    // a file without the ИНН is rejected with the reader's Russian message
    await fileInput(page).setInputFiles(csvFile('без-инн.csv', NO_INN));
    await page.getByRole('alert').filter({ hasText: 'без-инн.csv' }).waitFor();
    expect(await text(page, '.registry-file [role="alert"]')()).toBe('Файл «без-инн.csv» не проверен: в шапке реестра нет «ИНН РСО».');
    expect(await page.locator('.registry-summary').count()).toBe(0);
    await page.screenshot({ path: `${resultsDir}/registry-check-rejected.png` });
    await context.close();
  });

  it('checks 30,000 rows against 30,000 houses in the worker and shows them all', async () => {
    await seed('houses', BIG_HOUSES);
    const { context, page } = await open();
    await page.getByRole('link', { name: 'Реестры' }).click();
    // 30,000 more houses beside the fixture's (and the one the first test adds)
    await expect.poll(text(page, '.reference-note'), { timeout: 30_000 }).toMatch(/^Справочники, версия \d+: домов 30 00[34], тарифных решений 1, организаций 1$/);
    await fileInput(page).setInputFiles(csvFile('реестр-большой.csv', BIG));
    await expect.poll(fact(page, 'declared'), { timeout: 30_000 }).not.toBe('…');
    expect(await fact(page, 'rows')()).toBe('30 000');
    expect(await failedCount(page, '1')()).toBe('0');
    expect(await failedCount(page, '7')()).toBe('0');
    expect(await failedCount(page, '8')()).toBe('0');
    const took = await text(page, '.check-progress--done')();
    const ms = Number(/за ([\d ]+) мс/.exec(took)?.[1]?.replace(/ /g, ''));
    console.log(`30,000 rows checked in the browser worker in ${ms} ms (round trip)`);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5_000);
    // one kopeck over is within the default tolerance of 0,01 руб.; with no tolerance 300 rows fail,
    // and the re-check shows its progress as the worker reports it
    await page.evaluate(() => {
      const seen: number[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        const bar = document.querySelector('.check-progress__bar');
        if (bar instanceof HTMLProgressElement) seen.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByLabel('Допуск суммы, руб.').fill('0');
    await page.locator('.check-progress__bar').waitFor();
    await page.locator('.registry-summary').screenshot({ path: `${resultsDir}/registry-check-progress.png` });
    await expect.poll(failedCount(page, '8'), { timeout: 30_000 }).toBe('300');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    await page.locator('.rule-count[data-rule="8"]').click();
    expect(await text(page, '.registry-rows__toolbar .muted')()).toBe('Не прошли проверку #8: 300 из 30 000');
    await expect.poll(() => page.locator('.ag-row[row-id="1"]').count()).toBe(0);
    await expect.poll(verdict(page, '0')).toBe('Есть ошибки #8');
    expect(await verdict(page, '100')()).toBe('Есть ошибки #8');
    await page.screenshot({ path: `${resultsDir}/registry-check-30000.png` });
    await context.close();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
