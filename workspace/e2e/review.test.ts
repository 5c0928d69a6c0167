import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INN, registryCsv } from '../../server/checks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

/** Six houses of the fixture's district; the tariff decision ID_1 (48,80 / 41,73) covers them all. */
const house = (k: number): string => `c0000000-0000-4000-8000-00000000000${k}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...[1, 2, 3, 4, 5, 6].map((k) => `${house(k)};с. Абатское, ул. Садовая, д. ${k};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.198${k};100;10;центральное`),
].join('\n');

/** 7,07 руб. per unit (48,80 − 41,73); `units` per house → a registry row with the exact sum. */
const row = (k: number, units: number, kopecks = units * 707): [string, string, string] => [house(k), String(units), `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`];

/** Three months of 10 units per house: the history check 9 compares with. */
const EARLIER = ['январь 2026', 'февраль 2026', 'март 2026'].map((p) => registryCsv(p, [1, 2, 3, 4, 5, 6].map((k) => row(k, 10))));

/**
 * April: houses 2 and 4 jump (30 and 40 units against an average of 10: check 9), house 3 declares 71,00 for
 * 10 units (check 8: 70,70 expected); houses 1, 5 and 6 are clean: 70,70 + 84,84 + 70,70 = 226,24 руб.
 */
const APRIL = registryCsv('апрель 2026', [row(1, 10), row(2, 30), row(3, 10, 7100), row(4, 40), row(5, 12), row(6, 10)]);

describe('Проверка реестра: the reviewer’s day', () => {
  let ws: Workspace;
  let registryId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference({ houses: HOUSES });
    for (const [k, csv] of EARLIER.entries()) await ws.register(`реестр-${k + 1}.csv`, csv, `И-${k + 1}`);
    registryId = await ws.register('реестр-апрель.csv', APRIL, '157');
  });

  afterAll(async () => {
    await ws?.close();
  });

  const text = (page: Page, selector: string) => async () => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const fact = (page: Page, name: string) => text(page, `.review-fact[data-fact="${name}"] .review-fact__value`);
  const tab = (page: Page, label: string) => text(page, `.review-tab[data-tab="${label}"] .review-tab__count`);
  /** Rows are identified by their line in the file: the registry's «№ п/п» k is on line k + 6 of registryCsv. */
  const line = (k: number): number => k + 6;
  const status = (page: Page, k: number) => text(page, `.ag-row[row-id="${line(k)}"] [col-id="status"]`);
  const verdict = (page: Page, k: number) => text(page, `.ag-row[row-id="${line(k)}"] [col-id="verdict"]`);
  // a row is drawn once per section (pinned left, centre, pinned right): count the status cells
  const shownRows = (page: Page) => () => page.locator('.ag-row [col-id="status"]').count();
  const history = (page: Page) => async () => (await page.locator('.review-history__what').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

  it('takes a registry into work, rejects a rule 9 failure, agrees the clean rows, writes the letter, and sees it all in the history', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'reviewer', 'reviewer-demo');
    await page.getByRole('banner').getByText('Проверяющий').waitFor();
    await page.goto(`${ws.base}/registries/${registryId}`);

    // the card and the rows as registered (the card opens from its one line)
    await page.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    await page.getByRole('button', { name: 'Подробнее' }).click();
    expect(await text(page, '[data-fact="status"]')()).toBe('Новый');
    expect(await fact(page, 'houses')()).toBe('6');
    expect(await fact(page, 'declared')()).toBe('792,14 ₽');
    expect(await fact(page, 'agreed')()).toBe('0,00 ₽');
    expect(await text(page, '.review-fact[data-fact="rso"] .review-fact__note')()).toBe(`ИНН ${INN}`);
    expect(await fact(page, 'period')()).toBe('апрель 2026 г.');
    await expect.poll(shownRows(page)).toBe(6);
    expect(await tab(page, 'Все')()).toBe('(6)');
    expect(await tab(page, 'Требует решения')()).toBe('(6)');
    expect(await verdict(page, 1)()).toBe('Без ошибок');
    expect(await verdict(page, 2)()).toBe('Есть ошибки #9');
    expect(await verdict(page, 3)()).toBe('Есть ошибки #8');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/review-page-new.png` });
    // nobody's registry yet: no decisions before it is taken
    expect(await page.getByRole('button', { name: 'Согласовать все без ошибок' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect.poll(text(page, '[data-fact="status"]')).toBe('В работе');
    await expect.poll(fact(page, 'executor')).not.toBe('не назначен');

    // rule 9 failures: houses 2 and 4
    await page.locator('.review-chip[data-rule="9"]').click();
    await expect.poll(shownRows(page)).toBe(2);
    expect(await text(page, '.review-chip[data-rule="9"] .review-chip__count')()).toBe('2');
    expect(await tab(page, 'Все')()).toBe('(2)');

    // house 2: its panel says why, and the reviewer rejects it with a reason
    await page.locator(`.ag-row[row-id="${line(2)}"] [col-id="address"]`).click();
    const panel = page.getByRole('complementary').filter({ hasText: 'Результаты авто-проверки' });
    await panel.waitFor();
    const check9 = panel.locator('.review-check[data-rule="9"]');
    expect(await check9.locator('.review-check__status').textContent()).toBe('Не пройдена');
    expect(await check9.locator('.review-check__reason').textContent()).toContain('Среднее значение объема по данному дому 10');
    expect(await panel.locator('.review-check').count()).toBeGreaterThanOrEqual(9);
    await panel.locator('.review-tariff--match').first().waitFor();
    expect(await panel.locator('.review-tariff--match .review-tariff__id').first().textContent()).toBe('✔ ID_1');
    await panel.locator('.review-chart canvas').waitFor();
    await panel.getByRole('button', { name: 'Не согласовать' }).click();
    await panel.getByLabel('Причина отказа (обязательно)').fill('Объем вырос втрое без объяснения');
    await panel.getByRole('button', { name: 'Не согласовать строку' }).click();
    await expect.poll(status(page, 2)).toBe('Не согласован');
    await expect.poll(text(page, '[data-row-status]')).toBe('Не согласован');
    expect(await tab(page, 'Не согласован')()).toBe('(1)');
    await panel.getByText(`Строка № 2 (стр. ${line(2)}) не согласована: Объем вырос втрое без объяснения`).waitFor();

    // every clean row at once: houses 1, 5 and 6
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await expect.poll(shownRows(page)).toBe(6);
    await page.getByRole('button', { name: 'Согласовать все без ошибок' }).click();
    // the confirmation names the rows and the sum, and asks for the basis
    const confirm = page.getByRole('form', { name: 'Подтверждение решения' });
    expect(await text(page, '[data-fact="confirm"]')()).toBe('Согласовать строк: 3 на сумму 226,24 ₽?');
    expect(await confirm.getByRole('button', { name: 'Согласовать', exact: true }).isDisabled()).toBe(true);
    await confirm.getByLabel('Основание').fill('Ошибок нет');
    await confirm.getByRole('button', { name: 'Согласовать', exact: true }).click();
    await expect.poll(fact(page, 'agreed')).toBe('226,24 ₽');
    await expect.poll(status(page, 1)).toBe('Согласован');
    expect(await status(page, 5)()).toBe('Согласован');
    expect(await status(page, 6)()).toBe('Согласован');
    expect(await status(page, 3)()).toBe('Требует решения');
    expect(await status(page, 4)()).toBe('Требует решения');
    expect(await tab(page, 'Согласован')()).toBe('(3)');
    expect(await tab(page, 'Требует решения')()).toBe('(2)');
    expect(await fact(page, 'rejected')()).toBe('212,10 ₽');

    // the letter to the РСО: generated, numbered, listed and downloaded
    await page.getByRole('tab', { name: 'Документы' }).click();
    // generating it downloads it at once; it stays in the list to download again
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сформировать письмо' }).click()]);
    const link = page.locator('.review-docs__list li[data-kind="letter"] a');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/№ \S+/);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // the history: registration, taking, the rejection, the clean rows
    await page.getByRole('tab', { name: 'История' }).click();
    await expect.poll(history(page)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Реестр зарегистрирован/),
        expect.stringMatching(/^Взят в работу/),
        `Строка № 2 (стр. ${line(2)}) не согласована: Объем вырос втрое без объяснения`,
        'Согласованы все строки без ошибок: 3. Основание: Ошибок нет',
      ]),
    );
    expect(await page.locator('.review-history__item[data-action="registry.document"]').count()).toBe(1);
    expect(await text(page, '.review-history__item[data-action="registry.document"] .review-history__what')()).toMatch(/^Сформирован документ: .+ № \S+$/);

    // the screenshot with a row open, as a reviewer works
    await page.getByRole('tab', { name: 'Строка' }).click();
    await page.locator(`.ag-row[row-id="${line(4)}"] [col-id="address"]`).click();
    await panel.locator('.review-chart canvas').waitFor();
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/review-page.png` });

    // the card kept brief gives the grid its height: who, by when and the sums stay; the choice outlives a reload
    const gridTop = async () => (await page.locator('.ag-root-wrapper').first().boundingBox())?.y ?? 0;
    const fullTop = await gridTop();
    const agreed = await fact(page, 'agreed')();
    await page.getByRole('button', { name: 'Свернуть' }).click();
    await page.locator('.review-fact[data-fact="letter-out"]').waitFor({ state: 'detached' });
    expect(await fact(page, 'agreed')()).toBe(agreed);
    expect(await gridTop()).toBeLessThan(fullTop - 40);
    await page.screenshot({ path: `${resultsDir}/review-page-brief.png` });
    await page.reload();
    await page.getByRole('button', { name: 'Подробнее' }).waitFor();
    expect(await page.locator('.review-fact[data-fact="letter-out"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Подробнее' }).click();
    await page.locator('.review-fact[data-fact="letter-out"]').waitFor();

    // the two rows left are rejected together; then the registry is agreed in part, its sum unchanged
    await page.locator(`.ag-row[row-id="${line(3)}"] input.ag-checkbox-input`).check();
    await page.locator(`.ag-row[row-id="${line(4)}"] input.ag-checkbox-input`).check();
    const bulk = page.getByRole('group', { name: 'Решение по выбранным строкам' });
    await bulk.getByText(/^Выбрано строк: 2 на /).waitFor();
    await bulk.getByRole('button', { name: 'Не согласовать выбранные' }).click();
    await bulk.getByLabel('Причина').fill('Данные не подтверждены');
    await bulk.getByRole('button', { name: 'Не согласовать', exact: true }).click();
    await expect.poll(status(page, 4)).toBe('Не согласован');
    expect(await status(page, 3)()).toBe('Не согласован');
    expect(await tab(page, 'Требует решения')()).toBe('(0)');
    expect(await fact(page, 'rejected')()).toBe('565,90 ₽');
    await page.getByRole('button', { name: 'Завершить проверку' }).click();
    const completion = page.getByRole('form', { name: 'Завершение проверки' });
    await completion.getByRole('radio', { name: /Согласован \(сумма/ }).check();
    await completion.getByRole('button', { name: 'Завершить' }).click();
    await expect.poll(text(page, '[data-fact="status"]')).toBe('Согласован');
    expect(await fact(page, 'agreed')()).toBe('226,24 ₽');
    expect(await page.getByRole('button', { name: 'Согласовать все без ошибок' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'История' }).click();
    await expect.poll(history(page)).toEqual(
      expect.arrayContaining(['Не согласовано строк: 2. Причина: Данные не подтверждены', expect.stringMatching(/^Реестр согласован частично: согласовано 226,24 руб\./)]),
    );
    await context.close();
  });

  it('an analyst edits the rules, sees which rows change verdict in the browser, and saves a new version', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'analyst', 'analyst-demo');
    await page.getByRole('banner').getByText('Аналитик', { exact: true }).waitFor();
    await page.goto(`${ws.base}/registries/${registryId}`);
    await page.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    await page.locator('.review-grid .ag-row').first().waitFor();
    await expect.poll(shownRows(page)).toBe(6);
    await page.getByRole('tab', { name: 'Правила' }).click();
    const rules = page.getByRole('region', { name: 'Правила проверки' });
    await rules.getByLabel('Допуск суммы, руб.').waitFor();

    // house 3 declares 0,30 руб. too much: a tolerance of 1 руб. clears check 8 there, and nothing else moves
    await rules.getByLabel('Допуск суммы, руб.').fill('1');
    const note = rules.locator('[data-recheck]');
    await expect.poll(async () => ((await note.locator('strong').textContent()) ?? '').trim(), { timeout: 30_000 }).toBe('новых ошибок: 0, исчезло: 1');
    await rules.getByRole('button', { name: 'Показать эти строки' }).click();
    await expect.poll(shownRows(page)).toBe(1);
    expect(await page.locator(`.ag-row[row-id="${line(3)}"] [col-id="status"]`).count()).toBe(1);

    // a formula rule: every row above 20 units; then a broken one names the position of the error
    await rules.getByLabel('Допуск суммы, руб.').fill('0,01');
    await rules.getByRole('button', { name: 'Добавить правило' }).click();
    const rule = rules.locator('.review-rule').last();
    await rule.getByLabel('Название').fill('Большой объем');
    await rule.getByLabel('Важность').selectOption('error');
    await rule.getByLabel('Сообщение ({поле} подставляет значение)').fill('Объем {v_living}');
    await rule.getByLabel('Формула (ИСТИНА = строка нарушает правило)').fill('=[v_living]>20');
    await expect.poll(async () => ((await note.locator('strong').textContent()) ?? '').trim(), { timeout: 30_000 }).toBe('новых ошибок: 2, исчезло: 0');
    await rule.getByLabel('Формула (ИСТИНА = строка нарушает правило)').fill('=[v_living]>20)');
    await rule.locator('.review-rule__problem').waitFor({ timeout: 30_000 });
    expect(await rule.locator('.review-rule__problem').textContent()).toMatch(/^Позиция 15: лишняя закрывающая скобка/);
    expect(await rules.getByRole('button', { name: 'Сохранить как новую версию' }).isDisabled()).toBe(true);
    await rule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${resultsDir}/review-rules.png` });

    await rule.getByLabel('Формула (ИСТИНА = строка нарушает правило)').fill('=[v_living]>20');
    await expect.poll(async () => ((await note.locator('strong').textContent()) ?? '').trim(), { timeout: 30_000 }).toBe('новых ошибок: 2, исчезло: 0');
    await rules.getByRole('button', { name: 'Сохранить как новую версию' }).click();
    await rules.getByText(/^Сохранена версия 2\./).waitFor();
    expect(await rules.locator('.muted').first().textContent()).toContain('версия 2');
    await context.close();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
