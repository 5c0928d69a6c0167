import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, resultsDir, startWorkspace, type Workspace } from './testing.ts';

const MIRA_7 = '5e0f1c2a-0000-4000-8000-000000000701';
const LENINA_1 = '5e0f1c2a-0000-4000-8000-000000000702';

const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  `${MIRA_7};обл. Тюменская, г. Тюмень, ул. Мира, д. 7;город Тюмень;71701000001;г. Тюмень;МКД;01.01.1985;3 200,00;120;центральное`,
  `${LENINA_1};обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1;Абатский муниципальный район;71603402101;с. Абатское;ЖД;1975;64,20;3;печное`,
].join('\n');

const MO_RATES = [
  'municipal_district;settlement;house_type;maintenance;capital_repair;rent',
  'город Тюмень;все;МКД;20,00;10,00;5,00',
].join('\n');

/**
 * Ул. Мира, 7 for an owner alone (S(1) = 33 м²), heating period:
 * 33 × (20,00 + 10,00) = 990,00; ТС 33 × 2 000,00 × 0,05 = 3 300,00; ЭЭ 5,00 × 74,2 = 371,00 → 4 661,00,
 * the heating standard of DOMAIN.md's example; outside the heating period 990,00 + 371,00 = 1 361,00.
 * Ленина, 1 has no МО rates, so no standard.
 */
const HOUSE_SERVICES = [
  'fias_id;service;tariff;decision_id;norm;norm_unit;heating_only',
  `${MIRA_7};ТС;2000,00;;0,05;м2;да`,
  `${MIRA_7};ЭЭ;5,00;;74,2;чел;нет`,
  `${LENINA_1};ЭЭ;5,00;;74,2;чел;нет`,
].join('\n');

/** The machine may be busy (a worker starts, a grid loads): wait generously, assert exactly. */
const WAIT = { timeout: 20_000 };

describe('Калькулятор субсидии, без входа', () => {
  let ws: Workspace;
  const errors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seed('houses', HOUSES);
    await ws.seed('mo_rates', MO_RATES);
    await ws.seed('house_services', HOUSE_SERVICES);
    mkdirSync(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await ws?.close();
  });

  const periodAmount = (page: Page, period: 'heating' | 'non_heating') => () => page.locator(`.calc-period[data-period="${period}"] .calc-period__amount`).textContent();

  async function findHouse(page: Page, inputLabel: string, words: string, address: string): Promise<void> {
    await page.getByLabel(inputLabel).fill(words);
    await page.getByRole('button', { name: address }).click();
  }

  it('computes DOMAIN.md’s example for a house found by address, the K coefficient with the region’s minimums, and a no-right case, then prints', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    await page.goto(`${ws.base}/calc`);
    await page.getByRole('heading', { name: 'Калькулятор субсидии на оплату жилья и коммунальных услуг' }).waitFor();
    expect(await page.getByLabel('Логин').count()).toBe(0);

    await findHouse(page, 'Адрес дома', 'Мира 7', 'обл. Тюменская, г. Тюмень, ул. Мира, д. 7');
    await page.getByLabel('Доход всей семьи за последние 6 месяцев').fill('75 000');
    await page.getByLabel('Собственник жилья').check();
    await page.getByLabel('Зимой, в отопительный период').fill('5 200');
    await page.getByLabel('Летом, в неотопительный период').fill('2 100');
    await page.screenshot({ path: `${resultsDir}/calculator-form.png` });

    // DOMAIN.md's example holds where Дсд 12 500 is not below the family's minimum: a specialist sets ПМ so
    await page.getByText('Параметры региона для расчёта').click();
    expect(await page.getByLabel('Максимально допустимая доля расходов на ЖКУ (МДД), %').inputValue()).toBe('22');
    await page.getByLabel('Прожиточный минимум: трудоспособный').fill('12 000');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    // 4 661,00 − 22% × 12 500,00 = 4 661,00 − 2 750,00
    await expect.poll(periodAmount(page, 'heating'), WAIT).toBe('1\u00a0911,00\u00a0₽ в месяц');
    // 1 361,00 − 2 750,00 < 0
    expect(await periodAmount(page, 'non_heating')()).toBe('нет права');
    const steps = await page.locator('.calc-steps').textContent();
    expect(steps).toContain('12 500,00 руб.'); // СД
    expect(steps).toContain('2 750,00 руб.'); // МДД · СД
    expect(steps).toContain('4 661,00 руб.'); // ССЖКУ
    expect(steps).toContain('не применяется'); // K
    await page.screenshot({ path: `${resultsDir}/calculator-result.png`, fullPage: true });

    // with the region's own minimum (17 932,00) Дсд is below it: K = round(12 500 / 17 932, 4) = 0,6971,
    // С = 4 661,00 − 0,22 × 0,6971 × 12 500,00 = 4 661,00 − 1 917,025 = 2 743,975 → 2 743,98
    await page.getByLabel('Прожиточный минимум: трудоспособный').fill('17 932,00');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    await expect.poll(periodAmount(page, 'heating'), WAIT).toBe('2\u00a0743,98\u00a0₽ в месяц');
    expect(await page.locator('.calc-steps').textContent()).toContain('0,6971');

    // a payment below С caps the subsidy at the payment
    await page.getByLabel('Зимой, в отопительный период').fill('2 500');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    await expect.poll(periodAmount(page, 'heating'), WAIT).toBe('2\u00a0500,00\u00a0₽ в месяц');

    // no right: СД 100 000 → МДД 22 000,00 exceeds both standards
    await page.getByLabel('Доход всей семьи за последние 6 месяцев').fill('600000');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    await page.getByRole('heading', { name: 'Права на субсидию нет' }).waitFor();
    expect(await page.locator('.calc-result__reason').textContent()).toContain('не превышает 22% дохода семьи');
    expect(await periodAmount(page, 'heating')()).toBe('нет права');
    await page.screenshot({ path: `${resultsDir}/calculator-no-right.png`, fullPage: true });

    // a house without МО rates has no standard: the form says why instead of computing
    await page.getByRole('button', { name: 'Выбрать другой дом' }).click();
    await findHouse(page, 'Адрес дома', 'Ленина', 'обл. Тюменская, р-н. Абатский, с. Абатское, ул. Ленина, д. 1');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('Нет ставок МО');

    // printing shows the answer, not the form
    await page.getByRole('button', { name: 'Выбрать другой дом' }).click();
    await findHouse(page, 'Адрес дома', 'Мира 7', 'обл. Тюменская, г. Тюмень, ул. Мира, д. 7');
    await page.getByLabel('Доход всей семьи за последние 6 месяцев').fill('75000');
    await page.getByRole('button', { name: 'Рассчитать субсидию' }).click();
    await page.getByRole('button', { name: 'Распечатать' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.calc-form').isVisible()).toBe(false);
    expect(await page.locator('.calc-result').isVisible()).toBe(true);
    await page.screenshot({ path: `${resultsDir}/calculator-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks the same questions one at a time in the step-by-step helper and gives the same answer', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, errors);
    await page.goto(`${ws.base}/calc`);
    await page.getByRole('tab', { name: 'Пошаговый помощник' }).click();
    await page.getByText('в каком доме вы живёте?').waitFor();
    await page.locator('#calc-chat-address').fill('Мира 7');
    await page.getByRole('button', { name: 'обл. Тюменская, г. Тюмень, ул. Мира, д. 7' }).click();
    await page.getByRole('button', { name: '+ Пенсионер' }).click();
    await page.getByRole('button', { name: 'Это вся семья' }).click();
    const answer = async (text: string) => {
      await page.getByLabel('Сумма в рублях').fill(text);
      await page.getByRole('button', { name: 'Ответить' }).click();
    };
    await answer('сто рублей');
    await page.getByText('Не получилось прочитать сумму').waitFor();
    await answer('75 000');
    await page.getByRole('button', { name: 'Собственник жилья' }).click();
    await answer('5200');
    await answer('2100');
    // a pensioner alone: ПМ 14 151,00 > Дсд 12 500,00, K = round(12 500 / 14 151, 4) = 0,8833;
    // С = 4 661,00 − 0,22 × 0,8833 × 12 500,00 = 4 661,00 − 2 429,075 = 2 231,925 → 2 231,93
    await expect.poll(periodAmount(page, 'heating'), WAIT).toBe('2\u00a0231,93\u00a0₽ в месяц');
    expect(await page.locator('.calc-chat__msg--me').allTextContents()).toEqual([
      'обл. Тюменская, г. Тюмень, ул. Мира, д. 7',
      'Нас 1: пенсионер',
      'сто рублей',
      '75 000 ₽',
      'Собственник жилья',
      '5200 ₽',
      '2100 ₽',
    ]);
    await page.screenshot({ path: `${resultsDir}/calculator-chat.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
