import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const guid = (n: number): string => `5e0f1c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;
const MIRA_7 = guid(801);
const MIRA_9 = guid(802);
const LENINA_1 = guid(803);

const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  `${MIRA_7};обл. Тюменская, г. Тюмень, ул. Мира, д. 7;город Тюмень;71701000001;г. Тюмень;МКД;01.01.1985;3 200,00;120;центральное`,
  `${MIRA_9};обл. Тюменская, г. Тюмень, ул. Мира, д. 9;город Тюмень;71701000001;г. Тюмень;МКД;01.01.1987;2 950,00;98;центральное`,
  `${LENINA_1};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1;Абатский муниципальный район;71603402101;с. Абатское;ЖД;1975;64,20;3;печное`,
].join('\n');

/** Мира, 7: area differs from ГИС ЖКХ by more than 1%; Мира, 9 matches; Ленина, 1 is not in the extract. */
const GIS = ['fias_id;house_type;area;residents;heating_types', `${MIRA_7};МКД;3 350,00;120;центральное`, `${MIRA_9};МКД;2 950,00;98;центральное`].join('\n');

const MO_RATES = ['municipal_district;settlement;house_type;maintenance;capital_repair;rent', 'город Тюмень;все;МКД;20,00;10,00;5,00'].join('\n');

/**
 * Both houses of ул. Мира share one group. Owner alone (S(1) = 33 м²), heating period:
 * 33 × (20,00 + 10,00) = 990,00 + ТС 33 × 2 000,00 × 0,05 = 3 300,00 + ЭЭ 5,00 × 74,2 = 371,00 → 4 661,00.
 */
const SERVICES = [
  'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only',
  `${MIRA_7};ТС;2000,00;;0,05;м2;да`,
  `${MIRA_7};ЭЭ;5,00;;74,2;чел;нет`,
  `${MIRA_9};ТС;2000,00;;0,05;м2;да`,
  `${MIRA_9};ЭЭ;5,00;;74,2;чел;нет`,
  `${LENINA_1};ЭЭ;5,00;;74,2;чел;нет`,
].join('\n');

const cells = async (row: Locator): Promise<string> => (await row.locator('td').allTextContents()).map((t) => t.trim()).join(' | ');
const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** A cell of the standards sheet's Handsontable (0-based, as the sheet is built: row 0 is the header). */
const sheetCell = (page: Page, row: number, col: number): Locator => page.locator('.standards-sheet__grid .ht_master tbody tr').nth(row).locator('td').nth(col);

// rows of formulas/standards/sheet.ts: services from row 9 sorted (ТС, ЭЭ); standards from row 13, tenant/owner/owner_no_kr × 1/2/3
const EE_ROW = 10;
const TENANT_1 = 13;
const OWNER_1 = 16;
const TARIFF_COL = 1;
const HEATING_COL = 2;
const NON_HEATING_COL = 3;

/** The machine may be busy (a worker starts, a grid loads): wait generously, assert exactly. */
const WAIT = { timeout: 20_000 };

describe('Стандарты in the browser', () => {
  let ws: Workspace;
  const errors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seed('houses', HOUSES);
    await ws.seed('gis_houses', GIS);
    await ws.seed('mo_rates', MO_RATES);
    await ws.seed('house_services', SERVICES);
    mkdirSync(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await ws?.close();
  });

  it('an analyst searches the house registry, edits a tariff in the standards sheet and sees every dependent standard recalculated, then applies МО rates and compares versions', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    await signInPage(page, 'analyst', 'analyst-demo');
    await page.getByRole('link', { name: 'Стандарты' }).click();

    // the house registry: ours against ГИС ЖКХ, БПТР marks, failed checks; search by error
    await expect.poll(() => text(page.getByTestId('houses-total')), WAIT).toBe('Найдено домов: 3');
    const mira7 = page.locator(`.ag-row[row-id="${MIRA_7}"]`);
    await mira7.waitFor();
    expect(await text(mira7)).toContain('3 200,00 / 3 350,00');
    expect(await text(mira7)).toContain('Площадь не совпадает с ГИС ЖКХ');
    // the address without «обл. Тюменская,», which every house shares; the whole address in the tooltip
    await expect.poll(() => text(mira7.locator('[col-id="address"]')), WAIT).toBe('г. Тюмень, ул. Мира, д. 7');
    await page.screenshot({ path: `${resultsDir}/standards-houses.png` });
    await page.getByLabel('Ошибка').selectOption('area');
    await expect.poll(() => text(page.getByTestId('houses-total')), WAIT).toBe('Найдено домов: 1');
    await page.getByLabel('Ошибка').selectOption('');
    await page.getByLabel('Улица').fill('Мира');
    await expect.poll(() => text(page.getByTestId('houses-total')), WAIT).toBe('Найдено домов: 2');
    await expect.poll(() => text(mira7.locator('[col-id="address"]')), WAIT).toBe('ул. Мира, д. 7');
    await page.screenshot({ path: `${resultsDir}/standards-houses-street.png` });
    await page.getByLabel('Улица').fill('Ленина');
    await expect.poll(() => text(page.getByTestId('houses-total')), WAIT).toBe('Найдено домов: 1');
    await page.getByLabel('Улица').fill('');
    await expect.poll(() => text(page.getByTestId('houses-total')), WAIT).toBe('Найдено домов: 3');
    await mira7.locator('[col-id="address"]').click();
    const card = page.locator('.standards-card');
    await card.waitFor();
    expect(await text(card.locator('.standards-checks tr[data-status="failed"]').first())).toContain('Площадь в ГИС ЖКХ 3350,00 м², в реестре 3200,00 м²');
    expect(await text(card.locator('.standards-tariffs'))).toContain('⚠ ТС 2 000,00/0,05 на м²');
    expect(await text(card.locator('.standards-card__standards'))).toContain('4 661,00 ₽ / 1 361,00 ₽');
    await card.screenshot({ path: `${resultsDir}/standards-card.png` });
    // the arrow keys move the open card with the focused row; Escape closes it
    const at = Number(await mira7.getAttribute('row-index'));
    const other = page.locator(`.standards-houses__grid .ag-row[row-index="${at === 0 ? 1 : at - 1}"] [col-id="address"]`).first();
    const otherAddress = (await text(other)).trim();
    await page.keyboard.press(at === 0 ? 'ArrowDown' : 'ArrowUp');
    await expect.poll(() => text(card.locator('#house-card-title')), WAIT).toContain(otherAddress);
    await page.keyboard.press(at === 0 ? 'ArrowUp' : 'ArrowDown');
    await expect.poll(() => text(card.locator('#house-card-title')), WAIT).toContain('ул. Мира, д. 7');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await mira7.locator('[col-id="address"]').click();
    await card.waitFor();

    // standards by group: the HyperFormula template evaluated in the worker agrees with the server
    await page.getByRole('tab', { name: 'Стандарты' }).click();
    await expect.poll(() => text(page.getByTestId('worker-run')), WAIT).toBe('Стандарты пересчитаны в браузере по шаблону формул v1: групп 1, формул 18; совпадают с расчётом сервера: 1');
    const group = page.locator('.standards-groups__grid .ag-row').filter({ hasText: 'город Тюмень' });
    await page.screenshot({ path: `${resultsDir}/standards-groups.png` });
    expect(await text(group.locator('[col-id="owner-heating"]'))).toBe('4 661,00');
    await group.locator('[col-id="owner-heating"]').click();
    await sheetCell(page, OWNER_1, HEATING_COL).waitFor();
    expect(await text(sheetCell(page, OWNER_1, HEATING_COL))).toBe('4 661,00');
    expect(await text(sheetCell(page, OWNER_1, NON_HEATING_COL))).toBe('1 361,00');
    // the formulas are visible: the selected standard's formula in the formula bar
    await sheetCell(page, OWNER_1, HEATING_COL).click();
    expect(await text(page.getByTestId('formula-address'))).toBe('C17');
    // as Russian Excel shows it: СУММПРОИЗВ, «;» between arguments, a decimal comma
    expect(await text(page.getByTestId('formula-source'))).toMatch(/^=\$B\$2\*\(\$B\$5\+\$B\$6\)\+\$B\$2\*СУММПРОИЗВ\(\$B\$10:\$B\$11;\$C\$10:\$C\$11;/);
    await page.getByTestId('formula-address').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${resultsDir}/standards-formula-bar.png` });
    await sheetCell(page, EE_ROW, TARIFF_COL + 1).click();
    expect(await text(page.getByTestId('formula-source'))).toBe('74,2');

    // ЭЭ 5,00 → 6,00: + 74,2 руб. per person in both periods
    await sheetCell(page, EE_ROW, TARIFF_COL).click();
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    // owner: 990,00 + 3 300,00 + 6,00 × 74,2 = 4 735,20; outside heating 990,00 + 445,20 = 1 435,20
    await expect.poll(() => text(sheetCell(page, OWNER_1, HEATING_COL)), WAIT).toBe('4 735,20');
    expect(await text(sheetCell(page, OWNER_1, NON_HEATING_COL))).toBe('1 435,20');
    // tenant: 33 × (5,00 + 20,00) = 825,00 + 3 300,00 + 445,20 = 4 570,20
    expect(await text(sheetCell(page, TENANT_1, HEATING_COL))).toBe('4 570,20');
    expect(await sheetCell(page, OWNER_1, HEATING_COL).getAttribute('class')).toContain('standards-cell--changed');
    await page.getByTestId('last-edit').waitFor();
    // the worker's copy of the group recalculated too, and the list shows it
    await expect.poll(() => text(group.locator('[col-id="owner-heating"]')), WAIT).toBe('4 735,20');
    expect(await text(group.locator('[col-id="hf"]'))).toBe('≠ шаблон');
    await sheetCell(page, OWNER_1, HEATING_COL).click();
    await page.locator('.standards-detail').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${resultsDir}/standards-sheet.png` });

    // the edit is a draft of the group's tariffs: discarding it puts the sheet and the list back
    const draft = page.getByTestId('sheet-draft');
    expect(await text(draft)).toContain('ЭЭ: тариф 5 → 6');
    expect(await text(draft)).toContain('для всех домов группы (2)');
    await draft.getByRole('button', { name: 'Отменить' }).click();
    await expect.poll(() => text(sheetCell(page, OWNER_1, HEATING_COL)), WAIT).toBe('4 661,00');
    await expect.poll(() => text(group.locator('[col-id="owner-heating"]')), WAIT).toBe('4 661,00');
    expect(await text(group.locator('[col-id="hf"]'))).toBe('✔ совпадает');
    expect(await draft.count()).toBe(0);

    // edited again and saved: the region's tariff of both houses changes, and the server's standards with it
    await sheetCell(page, EE_ROW, TARIFF_COL).click();
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(sheetCell(page, OWNER_1, HEATING_COL)), WAIT).toBe('4 735,20');
    // without its basis the server refuses the tariff edit (422), whatever the form does; the draft stays
    const bare = await page.request.post(`${ws.base}/api/standards/groups/${encodeURIComponent(await draft.getAttribute('data-group') ?? '')}/services`, {
      headers: { origin: ws.base },
      data: { changes: [{ service: 'ЭЭ', tariff: '6' }] },
    });
    expect(bare.status()).toBe(422);
    expect(((await bare.json()) as { message: string }).message).toMatch(/^Укажите основание изменения тарифа или норматива/);
    await draft.getByRole('button', { name: 'Сохранить изменения' }).click();
    await page.getByRole('alert').filter({ hasText: 'Укажите основание изменения тарифа или норматива' }).waitFor();
    expect(await text(draft)).toContain('ЭЭ: тариф 5 → 6');
    await draft.getByLabel('Основание').fill('решение РЭК');
    await draft.getByRole('button', { name: 'Сохранить изменения' }).click();
    await expect.poll(() => text(page.getByTestId('sheet-saved')), WAIT).toMatch(/^Изменения сохранены для домов группы: 2 \(строк тарифов 2\); ЭЭ тариф 5 → 6\./);
    expect(await draft.count()).toBe(0);
    // the group reopened from the server: its sheet has the new tariff, the list the server's new standard
    await expect.poll(() => text(sheetCell(page, EE_ROW, TARIFF_COL)), WAIT).toBe('6,00');
    expect(await text(sheetCell(page, OWNER_1, HEATING_COL))).toBe('4 735,20');
    const saved = page.locator('.standards-groups__grid .ag-row').filter({ hasText: 'город Тюмень' });
    await expect.poll(() => text(saved.locator('[col-id="owner-heating"]')), WAIT).toBe('4 735,20');
    await expect.poll(() => text(saved.locator('[col-id="hf"]')), WAIT).toBe('✔ совпадает');
    await page.screenshot({ path: `${resultsDir}/standards-sheet-saved.png` });
    // who changed what and when, from the audit record
    const history = page.getByTestId('edit-history');
    await history.locator('summary').click();
    await expect.poll(() => cells(history.locator('tbody tr').first()), WAIT).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \| Аналитикова Анна Сергеевна \| город Тюмень, все МО, МКД, центральное \| ЭЭ тариф 5 → 6 \| 2 \| решение РЭК$/);

    // the formula template is low-code and Russian: an unknown component or an English comma is refused at once,
    // with its position; a valid edit is saved as version 2
    await page.getByText('Шаблон формулы стандарта — версия 1').click();
    const heating = page.getByLabel('Стандарт, отопительный период');
    const formula = await heating.inputValue();
    expect(formula).toBe('={S}*({HOUSING})+{S}*СУММПРОИЗВ({TARIFF};{NORM};{PER_M2})+СУММПРОИЗВ({TARIFF};{NORM};{PER_PERSON})');
    await heating.fill(formula.replace('{TARIFF};', '{TARIFF},'));
    await page.getByText(/^Позиция 41: неожиданная запятая/).waitFor();
    await heating.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${resultsDir}/standards-template-russian.png` });
    expect(await page.getByRole('button', { name: 'Сохранить новую версию' }).isDisabled()).toBe(true);
    await heating.fill(`${formula}+{FOO}`);
    await page.getByText('Стандарт, отопительный период: неизвестный компонент {FOO}').waitFor();
    expect(await page.getByRole('button', { name: 'Сохранить новую версию' }).isDisabled()).toBe(true);
    await heating.fill(`${formula}+0,0`);
    await page.getByLabel('Основание', { exact: true }).fill('проверка сохранения');
    await page.getByRole('button', { name: 'Сохранить новую версию' }).click();
    await page.getByText('Шаблон сохранён как версия 2.').waitFor();
    await expect.poll(() => text(page.getByTestId('worker-run')), WAIT).toBe('Стандарты пересчитаны в браузере по шаблону формул v2: групп 1, формул 18; совпадают с расчётом сервера: 1');

    // publish the current (server) standards, then change the МО rates, then compare
    await page.getByRole('tab', { name: 'Версии и прогноз' }).click();
    await page.getByLabel('Действует с').fill('2026-07-01');
    await page.getByLabel('Название').fill('Стандарты на 2-е полугодие 2026');
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByText('Опубликована версия № 1: групп 2, домов 3').waitFor();

    await page.getByRole('tab', { name: 'Справочники МО' }).click();
    const rates = page.locator('.standards-rates__grid .ht_master tbody tr').first();
    await expect.poll(() => cells(rates), WAIT).toBe('город Тюмень | все | МКД | 20,00 | 10,00 | 5,00');
    await page.getByLabel('Муниципальный район', { exact: true }).selectOption('город Тюмень');
    await page.getByLabel('Содержание и ремонт, руб./м²').fill('21,00');
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.getByRole('alert').filter({ hasText: 'Укажите основание изменения ставок МО' }).waitFor();
    await page.getByLabel('Основание изменений').fill('постановление администрации № 1');
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.getByText('Ставки применены: строк изменено 1').waitFor();
    await expect.poll(() => cells(rates), WAIT).toBe('город Тюмень | все | МКД | 21,00 | 10,00 | 5,00');
    await page.screenshot({ path: `${resultsDir}/standards-rates.png` });

    await page.getByRole('tab', { name: 'Версии и прогноз' }).click();
    await page.getByRole('button', { name: 'Сравнить' }).click();
    await expect.poll(() => text(page.getByTestId('diff-summary').first()), WAIT).toMatch(/^Групп изменилось: 1, новых: 0, исчезло: 0, без изменений: 1\./);
    // owner alone, heating, with the saved ЭЭ tariff 6,00: 33 × (21,00 + 10,00) = 1 023,00 + 3 300,00 + 445,20 = 4 768,20
    expect(await text(page.locator('.standards-diff tr[data-status="changed"]'))).toContain('собственник, 1 чел., отоп.: 4 735,20 ₽ → 4 768,20 ₽');
    await page.getByRole('button', { name: 'Рассчитать прогноз' }).click();
    await expect.poll(() => page.getByTestId('diff-summary').count(), WAIT).toBe(2);
    await page.screenshot({ path: `${resultsDir}/standards-versions.png`, fullPage: true });

    // a rate edited in the МО grid is a server command for that row; text that is not an amount is refused and put back
    await page.getByRole('tab', { name: 'Справочники МО' }).click();
    const rentCell = page.locator('.standards-rates__grid .ht_master tbody tr').first().locator('td').nth(5);
    await rentCell.click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Плата за наём: нужна сумма в рублях, до копеек' }).waitFor();
    await expect.poll(() => cells(rates), WAIT).toBe('город Тюмень | все | МКД | 21,00 | 10,00 | 5,00');
    // edit the value in the cell's editor, replacing what is there, with the basis of the change
    await page.getByLabel('Основание изменений').fill('постановление администрации № 2');
    await rentCell.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6,5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cells(rates), WAIT).toBe('город Тюмень | все | МКД | 21,00 | 10,00 | 6,50');
    await page.getByRole('status').filter({ hasText: 'Ставки применены: строк изменено 1' }).waitFor();

    // the calculator is a section of the workspace too, without the public header
    await page.getByRole('link', { name: 'Калькулятор' }).click();
    await page.getByRole('heading', { name: 'Калькулятор субсидии на оплату жилья и коммунальных услуг' }).waitFor();
    expect(await page.locator('.calc-top').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
