import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';



const guid = (n: number): string => `5e0f1c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;

const HEADER = 'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type';
const HOUSES = [
  `${guid(1)};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1;Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.1989;1 204,50;48;центральное`,
  `${guid(2)};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 2;Абатский муниципальный район;71603402101;с. Абатское;ЖД;1975;64,2;3;печное`,
  `${guid(3)};обл. Тюменская, р-н. Абатский, с. Ощепково, ул. Садовая, д. 5;Абатский муниципальный район;71603410101;с. Ощепково;ЖД;12.05.2004;88;4;газовое`,
  `${guid(4)};обл. Тюменская, г. Тюмень, ул. Мира, д. 7;город Тюмень;71701000001;г. Тюмень;МКД;;;;`,
  `${guid(5)};обл. Тюменская, г. Тюмень, ул. Республики, д. 42;город Тюмень;71701000001;г. Тюмень;МКД;30.09.2015;9 870,10;312;центральное`,
  `${guid(6)};обл. Тюменская, р-н. Ишимский, с. Стрехнино, ул. Школьная, д. 3;Ишимский муниципальный район;71624448101;с. Стрехнино;ЖД;1968;52,7;2;печное`,
];
const csv = (rows: string[]): string => [HEADER, ...rows].join('\r\n');

/** One more house, uploaded through the import panel. */
const NEW_HOUSE = `${guid(7)};обл. Тюменская, г. Тюмень, ул. Мельникайте, д. 100;город Тюмень;71701000001;г. Тюмень;МКД;01.03.1981;4 310,00;160;центральное`;

/** Three problems: row 3 ОКТМО, row 4 ФИАС code and house type. */
const BAD_CSV = [
  'Код дома по ФИАС;Адрес;Муниципальный район;ОКТМО;Населенный пункт;Тип дома',
  `${guid(1)};новый адрес;Абатский;71603402101;с. Абатское;МКД`,
  `${guid(2)};адрес;Абатский;7160340;с. Абатское;МКД`,
  'not-a-guid;адрес;Абатский;71603402101;с. Абатское;дача',
].join('\n');

describe('Справочники in the browser', () => {
  let ws: Workspace;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seed('houses', csv(HOUSES), 'дома.csv');
  });

  afterAll(async () => {
    await ws?.close();
  });

  const open = (): Promise<{ context: BrowserContext; page: Page }> => openPage(ws, { width: 1440, height: 1000 }, pageErrors);

  async function signIn(page: Page, login: string, password: string): Promise<void> {
    await signInPage(page, login, password);
  }

  const text = (page: Page, selector: string) => () => page.locator(selector).first().textContent();
  const total = (page: Page) => text(page, '.houses__total');

  it('an admin sees the houses and counts, imports a file, is shown every problem of a bad one, and logs out', async () => {
    const { context, page } = await open();

    await signIn(page, 'admin', 'wrong');
    await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' }).waitFor();
    await signIn(page, 'admin', 'admin-demo');
    await page.getByRole('banner').getByText('Администратор системы').waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Администратор');

    await page.getByRole('link', { name: 'Аналитика' }).click();
    await page.getByRole('heading', { name: 'Аналитика', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Справочники' }).click();
    expect(new URL(page.url()).pathname).toBe('/reference');
    await expect.poll(text(page, '[data-count="houses"] dd')).toBe('6');
    await expect.poll(text(page, '[data-count="municipalities"] dd')).toBe('3');
    await expect.poll(total(page)).toBe('Найдено домов: 6');
    const firstHouse = page.locator(`.ag-row[row-id="${guid(1)}"]`);
    await firstHouse.waitFor();
    expect(await firstHouse.textContent()).toContain('с. Абатское');
    expect(await firstHouse.textContent()).toMatch(/1\s204,50/); // Russian grouping: a no-break space
    expect(await page.locator('.ag-row').count()).toBe(6);
    // the address without the part every house shares; the whole address in the tooltip
    const firstAddress = firstHouse.locator('[col-id="address"]');
    await expect.poll(() => firstAddress.textContent()).toBe('р-н. Абатский, с. Абатское, ул. Ленина, д. 1');

    // Search and sorting are done by the server.
    await page.getByLabel('Поиск').fill('Мира');
    await expect.poll(total(page)).toBe('Найдено домов: 1');
    await page.getByLabel('Поиск').fill('');
    await expect.poll(total(page)).toBe('Найдено домов: 6');
    await page.locator('.ag-header-cell', { hasText: 'Площадь, м²' }).click();
    await expect.poll(() => page.locator('.ag-row[row-index="0"]').getAttribute('row-id')).toBe(guid(6));
    await page.getByLabel('Район', { exact: true }).selectOption({ label: 'город Тюмень (2)' });
    await expect.poll(total(page)).toBe('Найдено домов: 2');
    await expect.poll(() => page.locator(`.ag-row[row-id="${guid(4)}"] [col-id="address"]`).textContent()).toBe('ул. Мира, д. 7');
    await page.screenshot({ path: `${resultsDir}/reference-district.png` });
    await page.getByLabel('Район', { exact: true }).selectOption('');

    // A good file: counts, history and the grid are read again.
    const panel = page.getByRole('region', { name: 'Загрузка справочника' });
    await panel.getByLabel('Справочник').selectOption('houses');
    await panel.getByLabel('Файл (.csv или .xlsx)').setInputFiles(csvFile('дома-декабрь.csv', csv([...HOUSES, NEW_HOUSE])));
    await panel.getByRole('button', { name: 'Загрузить' }).click();
    await panel.getByRole('status').filter({ hasText: 'загружен' }).waitFor();
    expect(await panel.getByRole('status').textContent()).toMatch(/добавлено 1, изменено 0, без изменений 6/);
    await expect.poll(text(page, '[data-count="houses"] dd')).toBe('7');
    await expect.poll(total(page)).toBe('Найдено домов: 7');
    await page.getByRole('region', { name: 'История загрузок' }).getByText('дома-декабрь.csv').waitFor();

    // Over the earlier houses file: the change report lists the new house, and the history links it
    await panel.getByRole('link', { name: 'Изменения характеристик домов' }).click();
    await page.getByRole('heading', { name: 'Изменения характеристик домов', level: 1 }).waitFor();
    const added = page.locator(`tr[data-fias="${guid(7)}"]`);
    await added.waitFor();
    expect(await added.textContent()).toContain('Дом добавлен');
    expect(await page.locator('.changes-table tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: '← Справочники' }).click();
    await page.getByRole('region', { name: 'История загрузок' }).getByRole('link', { name: '1 дом' }).waitFor();

    // A bad file: nothing changes, every problem is listed with its row and column.
    await panel.getByLabel('Файл (.csv или .xlsx)').setInputFiles(csvFile('дома-ошибки.csv', BAD_CSV));
    await panel.getByRole('button', { name: 'Загрузить' }).click();
    const problems = panel.getByRole('table', { name: 'Ошибки в файле' });
    await problems.waitFor();
    expect(await panel.getByRole('alert').textContent()).toContain('«дома-ошибки.csv» не загружен: ошибок 3');
    const rows = await problems.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 3))).toEqual([
      ['дома-ошибки.csv', '3', 'ОКТМО'],
      ['дома-ошибки.csv', '4', 'Код дома по ФИАС'],
      ['дома-ошибки.csv', '4', 'Тип дома'],
    ]);
    expect(await page.locator('[data-count="houses"] dd').textContent()).toBe('7');

    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: `${resultsDir}/reference.png` });

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.goto(`${ws.base}/reference`);
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await context.close();
  });

  it('a manager sees the reference data but no import panel', async () => {
    const { context, page } = await open();
    await signIn(page, 'manager', 'manager-demo');
    await page.getByRole('banner').getByText('Руководитель').waitFor();
    await page.getByRole('link', { name: 'Справочники' }).click();
    await page.locator(`.ag-row[row-id="${guid(7)}"]`).waitFor();
    await page.getByRole('region', { name: 'История загрузок' }).getByText('дома-декабрь.csv').waitFor();
    expect(await page.getByRole('region', { name: 'Загрузка справочника' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Загрузить' }).count()).toBe(0);
    await page.screenshot({ path: `${resultsDir}/reference-manager.png` });
    await context.close();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
