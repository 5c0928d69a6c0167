import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryRowsPayload } from '../../server/contract/registries.ts';
import { INN } from '../../server/checks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const house = (k: number): string => `c0000000-0000-4000-8000-00000000000${k}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...[1, 2, 3, 4, 5, 6].map((k) => `${house(k)};с. Абатское, ул. Садовая, д. ${k};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.198${k};100;10;центральное`),
].join('\n');

/** Volumes in the living quarters and on ОДН per house: ОДН above the living volume in houses 2, 3 and 6. */
const VOLUMES: [string, string][] = [['10', '0'], ['10', '12'], ['5', '5,5'], ['10', '3'], ['0', '0'], ['20', '25']];
const FLAGGED = [2, 3, 6];

const registry = [
  'Наименование РСО;МУП «Вода»',
  `ИНН РСО;${INN}`,
  'Услуга;Холодное водоснабжение',
  'Отчетный период;апрель 2026',
  '',
  '№ п/п;Адрес дома;Код дома по ФИАС;Дом, признак дифференциации тарифов;Территория оказания услуги;Дата ввода в эксплуатацию;ЭОТ, руб. (без НДС);Тариф, применяемый для начисления (без НДС);Потребление КУ в жилых помещениях;Потребление КУ на ОДН;Размер итоговой субсидии, руб.',
  ...VOLUMES.map(([living, odn], k) => {
    const kopecks = Math.round((Number(living) + Number(odn.replace(',', '.'))) * 707);
    return `${k + 1};адрес;${house(k + 1)};с -- по --;Абатский муниципальный район;;48,80;41,73;${living};${odn};${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;
  }),
].join('\n');

/** The registry's «№ п/п» k is on line k + 6 of the file: the grid's row id. */
const line = (k: number): number => k + 6;

describe('Russian low-code rules', () => {
  let ws: Workspace;
  let registryId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seedChecksReference({ houses: HOUSES });
    registryId = await ws.register('апрель.csv', registry, '12');
  });

  afterAll(async () => {
    await ws?.close();
  });

  const api = async <T>(page: Page, path: string, init?: { method: string; body?: unknown }): Promise<T> =>
    page.evaluate(async ({ path, init }) => {
      const res = await fetch(`/api${path}`, { method: init?.method ?? 'GET', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...(init?.body ? { body: JSON.stringify(init.body) } : {}) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    }, { path, init }) as Promise<T>;

  /** Per rule id, the «№ п/п» of the rows it failed in the server's latest check run. */
  const failedRows = async (page: Page, ids: string[]): Promise<Record<string, number[]>> => {
    const rows = await api<RegistryRowsPayload>(page, `/registries/${registryId}/rows`);
    const R = rows.ruleIds.length;
    return Object.fromEntries(ids.map((id) => {
      const r = rows.ruleIds.indexOf(id);
      return [id, rows.rowNo.map((_, i) => i).filter((i) => rows.checkStatus[i * R + r] === 2).map((i) => i + 1)];
    }));
  };

  it('shows the rule in force in Russian, saves a Russian rule in English, and it flags the rows the English one does', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'analyst', 'analyst-demo');
    await page.getByRole('banner').getByText('Аналитик', { exact: true }).waitFor();
    await page.goto(`${ws.base}/registries/${registryId}`);
    await page.locator('.review-grid .ag-row').first().waitFor();
    // the shipped rule (templates/rules/default.json, written in Russian) flagged houses 2, 3 and 6 at intake
    expect(await failedRows(page, ['odn_over_living'])).toEqual({ odn_over_living: FLAGGED });

    await page.getByRole('tab', { name: 'Правила' }).click();
    const rules = page.getByRole('region', { name: 'Правила проверки' });
    const formulaLabel = 'Формула (ИСТИНА = строка нарушает правило)';
    const shipped = rules.locator('.review-rule[data-rule-id="odn_over_living"]');
    expect(await shipped.getByLabel(formulaLabel).inputValue()).toBe('=И([v_odn]>0; [v_odn]>[v_living])');
    // the English spelling of the same formula is the same rule: nothing to save
    await shipped.getByLabel(formulaLabel).fill('=AND([v_odn]>0, [v_odn]>[v_living])');
    await rules.getByText('Измените параметр или формулу').waitFor();
    expect(await rules.getByRole('button', { name: 'Сохранить как новую версию' }).isDisabled()).toBe(true);
    await shipped.getByLabel(formulaLabel).fill('=И([v_odn]>0; [v_odn]>[v_living])');

    // a new rule typed as a Russian Excel user types it; first with English commas, which are placed and refused
    await rules.getByRole('button', { name: 'Добавить правило' }).click();
    const rule = rules.locator('.review-rule').last();
    await rule.getByLabel('Код').fill('odn_ru');
    await rule.getByLabel('Название').fill('ОДН больше жилых (русская запись)');
    await rule.getByLabel('Сообщение ({поле} подставляет значение)').fill('ОДН {v_odn} больше {v_living}');
    await rule.getByLabel(formulaLabel).fill('=И([v_odn]>0, [v_odn]>[v_living])');
    await rule.locator('.review-rule__problem').waitFor();
    expect(await rule.locator('.review-rule__problem').textContent()).toMatch(/^Позиция 13: неожиданная запятая: в русской записи аргументы функции разделяются точкой с запятой «;»/);
    expect(await rules.getByRole('button', { name: 'Сохранить как новую версию' }).isDisabled()).toBe(true);
    mkdirSync(resultsDir, { recursive: true });
    await rule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${resultsDir}/rule-editor-russian-error.png` });

    await rule.getByLabel(formulaLabel).fill('=И([v_odn]>0; [v_odn]>[v_living])');
    const note = rules.locator('[data-recheck]');
    await expect.poll(async () => ((await note.locator('strong').textContent()) ?? '').trim(), { timeout: 30_000 }).toBe('новых ошибок: 3, исчезло: 0');
    // the rows it would flag in the browser are the rows the shipped English rule flagged on the server
    await rules.getByRole('button', { name: 'Показать эти строки' }).click();
    await expect.poll(() => page.locator('.ag-row [col-id="status"]').count()).toBe(FLAGGED.length);
    for (const k of FLAGGED) expect(await page.locator(`.ag-row[row-id="${line(k)}"] [col-id="status"]`).count()).toBe(1);
    await rule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${resultsDir}/rule-editor-russian.png` });

    await rules.getByRole('button', { name: 'Сохранить как новую версию' }).click();
    await rules.getByText(/^Сохранена версия 2\./).waitFor();
    const current = await api<{ body: { custom: { id: string; formula: string }[] } }>(page, '/rule-sets/current');
    expect(current.body.custom.map((c) => [c.id, c.formula])).toEqual([
      ['odn_over_living', '=AND([v_odn]>0, [v_odn]>[v_living])'],
      ['odn_ru', '=AND([v_odn]>0, [v_odn]>[v_living])'],
    ]);
    // shown again in Russian after the save
    expect(await rules.locator('.review-rule[data-rule-id="odn_ru"]').getByLabel(formulaLabel).inputValue()).toBe('=И([v_odn]>0; [v_odn]>[v_living])');

    // the server checks the registry again by the saved version: both spellings flag the same rows
    await api(page, `/registries/${registryId}/recheck`, { method: 'POST' });
    expect(await failedRows(page, ['odn_over_living', 'odn_ru'])).toEqual({ odn_over_living: FLAGGED, odn_ru: FLAGGED });
    await context.close();
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
