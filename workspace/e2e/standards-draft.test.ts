import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, signInPage, startWorkspace, type Workspace } from './testing.ts';

const guid = (n: number): string => `5e0f1c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  `${guid(901)};г. Тюмень, ул. Мира, д. 7;город Тюмень;71701000001;г. Тюмень;МКД;01.01.1985;3 200,00;120;центральное`,
  `${guid(902)};г. Тюмень, ул. Мира, д. 9;город Тюмень;71701000001;г. Тюмень;МКД;01.01.1987;2 950,00;98;центральное`,
].join('\n');
const MO_RATES = ['municipal_district;settlement;house_type;maintenance;capital_repair;rent', 'город Тюмень;все;МКД;20,00;10,00;5,00'].join('\n');
const SERVICES = ['fias_id;service;tariff;decision_id;norm;norm_unit;heating_only', ...[901, 902].flatMap((n) => [`${guid(n)};ТС;2000,00;;0,05;м2;да`, `${guid(n)};ЭЭ;5,00;;74,2;чел;нет`])].join('\n');

const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const sheetCell = (page: Page, row: number, col: number): Locator => page.locator('.standards-sheet__grid .ht_master tbody tr').nth(row).locator('td').nth(col);
const EE_ROW = 10;
const OWNER_1 = 16;
const WAIT = { timeout: 20_000 };

describe('A standards group’s draft shared live by two analysts', () => {
  let ws: Workspace;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    ws = await startWorkspace();
    await ws.seed('houses', HOUSES);
    await ws.seed('mo_rates', MO_RATES);
    await ws.seed('house_services', SERVICES);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await ws?.close();
  });

  const openGroup = async (login: string, password: string): Promise<Page> => {
    const opened = await openPage(ws, { width: 1366, height: 768 }, errors);
    contexts.push(opened.context);
    const { page } = opened;
    await signInPage(page, login, password);
    await page.getByRole('link', { name: 'Стандарты' }).click();
    await page.getByRole('tab', { name: 'Стандарты' }).click();
    const group = page.locator('.standards-groups__grid .ag-row').filter({ hasText: 'город Тюмень' });
    await group.locator('[col-id="owner-heating"]').click();
    await sheetCell(page, OWNER_1, 2).waitFor();
    return page;
  };

  it('an edit in one sheet shows in the other with whose it is; a discard drops it for both', async () => {
    const a = await openGroup('analyst', 'analyst-demo');
    const b = await openGroup('admin', 'admin-demo');
    await expect.poll(() => text(a.locator('.standards-presence')), WAIT).toContain('Администратор системы');
    await expect.poll(() => text(b.locator('.standards-presence')), WAIT).toContain('Аналитикова Анна Сергеевна');

    // ЭЭ 5,00 → 6,00 in the analyst's sheet: the admin's sheet recalculates the same (4 661,00 → 4 735,20)
    await sheetCell(a, EE_ROW, 1).click();
    await a.keyboard.type('6');
    await a.keyboard.press('Enter');
    await expect.poll(() => text(sheetCell(b, EE_ROW, 1)), WAIT).toBe('6,00');
    await expect.poll(() => text(sheetCell(b, OWNER_1, 2)), WAIT).toBe('4 735,20');
    await expect.poll(() => text(b.getByTestId('sheet-draft')), WAIT).toContain('ЭЭ: тариф 5 → 6 — Аналитикова Анна Сергеевна');

    // the admin drops the draft: both sheets go back to the group's lines
    await b.getByTestId('sheet-draft').getByRole('button', { name: 'Отменить' }).click();
    await expect.poll(() => text(sheetCell(a, OWNER_1, 2)), WAIT).toBe('4 661,00');
    await expect.poll(() => a.getByTestId('sheet-draft').count(), WAIT).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
