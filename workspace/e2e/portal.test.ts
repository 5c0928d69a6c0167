import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, INN, registryCsv } from '../../server/checks/testing.ts';
import { addUser } from '../../server/auth/user-admin.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const [G1 = '', G2 = '', G3 = ''] = G;
const VIEW = { width: 1366, height: 768 };
const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout });

/** A registry as an РСО's accountant saves it from Excel: numbers as numbers. Row 2 declares 15,00 for 2 units (7,07 each). */
async function xlsx(name: string, rows: [string, string, string][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Реестр');
  for (const line of registryCsv('сентябрь 2026', rows).split('\n')) sheet.addRow(line.split(';').map((cell) => (/^\d+(,\d+)?$/.test(cell) ? Number(cell.replace(',', '.')) : cell)));
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await signInPage(page, login, password);
}

describe('The РСО portal and user administration in the browser', () => {
  let ws: Workspace;
  const errors: string[] = [];
  beforeAll(async () => {
    mkdirSync(resultsDir, { recursive: true });
    ws = await startWorkspace();
    await ws.seedChecksReference();
    await addUser(ws.db.sql, null, { login: 'voda', fullName: 'Иванова Ирина (МУП «Вода»)', role: 'rso', password: 'voda-password', rsoInn: INN });
  }, 60_000);
  afterAll(async () => {
    await ws?.close();
  });

  it('an РСО\'s day: pre-check errors fixed at the source, sent, a row rejected with a question, answered live, the letter, a correction', async () => {
    const rso = await openPage(ws, VIEW, errors);
    const page = rso.page;
    await signIn(page, 'voda', 'voda-password');
    await page.getByRole('heading', { name: 'Мои реестры' }).waitFor();
    expect(await page.locator('.shell__nav a').allTextContents()).toEqual(['Мои реестры', 'Смена пароля']);

    // the template of September: no registry last month, so the houses come from house_services (none here): the
    // metadata and the header only; the rows are filled from the organisation's houses as its accountant knows them
    await page.locator('input[name="templatePeriod"]').fill('2026-09');
    const [template] = await Promise.all([page.waitForEvent('download'), page.locator('[data-template]').click()]);
    expect(template.suggestedFilename()).toBe('Шаблон реестра ХВС сентябрь 2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await template.path());
    const sheet = wb.worksheets[0]!;
    expect([1, 2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['МУП «Вода»', INN, 'Холодное водоснабжение', 'сентябрь 2026']);
    expect(sheet.getRow(8).getCell(13).value).toBe('Размер итоговой субсидии, руб.');

    await page.getByRole('button', { name: 'Отправить реестр' }).click();
    await page.locator('input[name="file"]').setInputFiles(await xlsx('сентябрь.xlsx', [[G1, '10', '70,70'], [G2, '2', '15,00'], [G3, '1', '7,07']]));
    await page.locator('[data-precheck="errors"]').waitFor({ timeout: 30_000 });
    const listed = await page.locator('.portal-precheck__rows tbody tr').allTextContents();
    expect(listed.join(' ')).toMatch(/^88\. Расчёт суммы субсидииЗаявлено 15,00 руб\., расчетная сумма 14,14 руб\.$/);
    await page.screenshot({ path: `${resultsDir}/portal-precheck.png` });

    // fixed at the source and chosen again
    await page.locator('input[name="file"]').setInputFiles(await xlsx('сентябрь.xlsx', [[G1, '10', '70,70'], [G2, '2', '14,14'], [G3, '1', '7,07']]));
    await page.locator('[data-precheck="clean"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Исх. № письма').fill('15-01/77');
    await page.getByLabel('Дата письма').fill('2026-10-02');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    const sent = page.locator('[data-sent]');
    await page.locator('[data-sent], .portal-submit [role="alert"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.portal-submit [role="alert"]').allTextContents()).toEqual([]);
    expect(await sent.textContent()).toMatch(/зарегистрирован со статусом «Новый».*7\. Дублирование домов — без замечаний/);
    const id = Number(await sent.getAttribute('data-sent'));

    // the reviewer takes it, rejects row 8 with a question (in his own browser, through the API the page uses)
    const rev = await openPage(ws, VIEW, errors);
    await signIn(rev.page, 'reviewer', 'reviewer-demo');
    await rev.page.getByRole('heading', { name: 'Реестры' }).first().waitFor();
    const call = async (path: string, body: unknown = {}) => {
      const r = await rev.page.request.post(`${ws.base}/api${path}`, { data: body, headers: { origin: ws.base } });
      expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    };
    await call(`/registries/${id}/take`);
    await call(`/registries/${id}/rows/decide`, { rows: [7, 9], decision: 'Согласован', reason: 'Объёмы подтверждены' });
    await call(`/registries/${id}/rows/decide`, { rows: [8], decision: 'Не согласован', reason: 'Объём не подтверждён актом' });
    await call(`/registries/${id}/messages`, { body: 'Пришлите, пожалуйста, акт снятия показаний по дому', rowNo: 8 });
    await rev.page.goto(`${ws.base}/registries/${id}`);
    await rev.page.getByRole('tab', { name: 'Переписка с РСО' }).click();
    await rev.page.locator('.thread__message').first().waitFor();

    await page.goto(`${ws.base}/portal/${id}`);
    await page.locator('[data-row="8"]').waitFor();
    expect(await page.locator('[data-row="8"]').textContent()).toMatch(/Не согласован.*Объём не подтверждён актом/);
    await page.locator('.thread__message').first().waitFor();
    expect(await page.locator('.thread__message').first().textContent()).toMatch(/Проверяющий: Проверкин.*строка 8.*акт снятия показаний/);
    // the answer reaches the reviewer's open page without a reload
    await page.locator('[data-row="8"]').getByRole('button', { name: 'Написать по строке' }).click();
    await page.getByLabel('Сообщение').fill('Акт направим сегодня, объём подтверждён');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await poll(async () => (await rev.page.locator('.thread__message--rso').allTextContents()).join(' ')).toMatch(/МУП «Вода».*строка 8.*Акт направим сегодня/);
    // and the reviewer's next message reaches the РСО live
    await rev.page.getByLabel('Сообщение').fill('Спасибо, ждём');
    await rev.page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await poll(async () => (await page.locator('.thread__message').allTextContents()).join(' ')).toMatch(/Спасибо, ждём/);
    await page.screenshot({ path: `${resultsDir}/portal-registry.png` });

    // completed with row 8 rejected, the letter issued: the РСО downloads it and sends a correction
    await call(`/registries/${id}/complete`, { status: 'Согласован' });
    await call(`/registries/${id}/documents`, { kind: 'letter' });
    await page.reload();
    const letter = page.locator('[data-document="letter"]');
    await letter.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), letter.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.getByRole('button', { name: 'Отправить корректировку' }).click();
    await page.locator('input[name="file"]').setInputFiles(await xlsx('сентябрь-корр.xlsx', [[G1, '10', '70,70'], [G2, '1', '7,07'], [G3, '1', '7,07']]));
    await page.locator('[data-precheck="clean"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Исх. № письма').fill('15-01/80');
    await page.getByLabel('Дата письма').fill('2026-10-20');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.waitForURL(/\/portal\/\d+$/);
    await poll(() => page.locator('[data-fact="status"] dd').textContent()).toBe('Новый');
    const fixId = Number(/\/portal\/(\d+)$/.exec(page.url())?.[1]);
    expect(fixId).toBeGreaterThan(id);

    // the reviewer sees the correction with its changed row
    await rev.page.goto(`${ws.base}/registries/${fixId}`);
    await rev.page.getByRole('tab', { name: 'Переписка с РСО' }).click();
    await rev.page.locator('[data-changed-row]').first().waitFor();
    expect(await rev.page.locator('[data-changed-row]').allTextContents()).toEqual(['8']);
    await page.goto(`${ws.base}/portal`);
    await page.locator(`[data-registry="${fixId}"]`).waitFor();
    await page.screenshot({ path: `${resultsDir}/portal-list.png` });
    // a key for the billing system: named, shown once, works for the machine, revoked
    await page.getByText('Ключи API для учётной системы').click();
    await page.getByLabel('Название ключа').fill('1С: Биллинг');
    await page.getByRole('button', { name: 'Создать ключ' }).click();
    const key = (await page.locator('[data-token]').textContent()) ?? '';
    expect(key).toMatch(/^svk_/);
    const machine = await fetch(`${ws.base}/api/portal/registries`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await machine.json()) as { id: number }[]).map((r) => r.id)).toEqual([fixId, id]);
    await page.getByRole('button', { name: 'Отозвать' }).click();
    await page.locator('.portal-tokens .tag', { hasText: 'отозван' }).waitFor();
    expect((await fetch(`${ws.base}/api/portal/registries`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    await rev.context.close();
    await rso.context.close();
    expect(errors).toEqual([]);
  }, 240_000);

  it('an admin\'s day: adds a reviewer, who signs in and changes his password; disabled, his open page is refused at its next request', async () => {
    const admin = await openPage(ws, VIEW, errors);
    await signIn(admin.page, 'admin', 'admin-demo');
    await admin.page.getByRole('link', { name: 'Пользователи' }).click();
    await admin.page.getByRole('heading', { name: 'Пользователи' }).waitFor();
    const form = admin.page.getByRole('form', { name: 'Новый пользователь' });
    await form.getByLabel('Логин', { exact: true }).fill('novikov');
    await form.getByLabel('ФИО').fill('Новиков Николай Николаевич');
    await form.locator('select[name="role"]').selectOption('reviewer');
    await form.locator('input[name="password"]').fill('short');
    await form.getByRole('button', { name: 'Добавить' }).click();
    await poll(() => form.locator('[role="alert"]').textContent()).toBe('Пароль короче 10 символов');
    await form.locator('input[name="password"]').fill('first-password-1');
    await form.getByRole('button', { name: 'Добавить' }).click();
    await admin.page.locator('tr[data-login="novikov"]').waitFor();
    await admin.page.screenshot({ path: `${resultsDir}/users.png` });

    const rev = await openPage(ws, VIEW, errors);
    await signIn(rev.page, 'novikov', 'first-password-1');
    await rev.page.getByRole('link', { name: 'Смена пароля' }).click();
    await rev.page.getByLabel('Текущий пароль').fill('first-password-1');
    await rev.page.getByLabel('Новый пароль (не короче 10 символов, не логин)').fill('second-password-2');
    await rev.page.getByLabel('Новый пароль ещё раз').fill('second-password-2');
    await rev.page.getByRole('button', { name: 'Сменить пароль' }).click();
    await rev.page.getByText('Пароль изменён').waitFor();
    await rev.page.getByRole('link', { name: 'Реестры' }).click();
    await rev.page.getByRole('heading', { name: 'Реестры' }).first().waitFor();

    await admin.page.locator('tr[data-login="novikov"]').getByRole('button', { name: 'Отключить' }).click();
    await admin.page.getByText('Пользователь «novikov» отключён').waitFor();
    // his page's next request is refused: the workspace falls back to the sign-in form
    await rev.page.getByRole('link', { name: 'Справочники' }).click();
    await rev.page.getByRole('button', { name: 'Войти' }).waitFor({ timeout: 15_000 });
    await signIn(rev.page, 'novikov', 'second-password-2');
    await poll(() => rev.page.locator('[role="alert"]').first().textContent()).toBe('Неверный логин или пароль');
    await admin.context.close();
    await rev.context.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
