import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCsv } from '../../server/checks/testing.ts';
import { openPage, resultsDir, signInPage, startWorkspace, type Workspace } from './testing.ts';

const house = (k: number): string => `c0000000-0000-4000-8000-00000000000${k}`;
const HOUSES = [
  'fias_id;address;municipal_district;oktmo;settlement;house_type;commissioned;area;residents;heating_type',
  ...[1, 2, 3, 4, 5, 6].map((k) => `${house(k)};с. Абатское, ул. Садовая, д. ${k};Абатский муниципальный район;71603402101;с. Абатское;МКД;01.01.198${k};100;10;центральное`),
].join('\n');
const row = (k: number, units: number, kopecks = units * 707): [string, string, string] => [house(k), String(units), `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`];
/** House 3 declares 71,00 for 10 units (check 8 fails); the others are clean. */
const APRIL = registryCsv('апрель 2026', [row(1, 10), row(2, 30), row(3, 10, 7100), row(4, 40), row(5, 12), row(6, 10)]);
/** The registry's «№ п/п» k is on line k + 6 of registryCsv: rows are known by that line. */
const line = (k: number): number => k + 6;
/** What another browser shows arrives over the network: the shared machine may take seconds, not vitest's default one. */
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout });

describe('Live co-review: two reviewers and a manager on one registry', () => {
  let ws: Workspace;
  let registryId = 0;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // the test server has the live co-review endpoint, as server/main.ts runs it
    ws = await startWorkspace();
    await ws.seedChecksReference({ houses: HOUSES });
    registryId = await ws.register('реестр-апрель.csv', APRIL, '157');
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await ws?.close();
  });

  const signedIn = async (login: string, password: string): Promise<{ context: BrowserContext; page: Page }> => {
    const opened = await openPage(ws, { width: 1366, height: 768 }, errors);
    contexts.push(opened.context);
    const { page } = opened;
    await signInPage(page, login, password);
    await page.getByRole('banner').getByText(login === 'manager' ? 'Руководитель' : 'Проверяющий').waitFor();
    await page.goto(`${ws.base}/registries/${registryId}`);
    await page.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    await page.locator(`.ag-row[row-id="${line(1)}"]`).first().waitFor();
    return opened;
  };

  const text = (page: Page, selector: string) => async () => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const connection = (page: Page) => text(page, '.co-conn');
  const status = (page: Page, k: number) => text(page, `.ag-row[row-id="${line(k)}"] [col-id="status"]`);
  const openRow = (page: Page, k: number) => page.locator(`.ag-row[row-id="${line(k)}"] [col-id="address"]`).click();
  const panel = (page: Page) => page.getByRole('complementary').filter({ hasText: 'Результаты авто-проверки' });
  const discussion = (page: Page) => page.getByRole('region', { name: 'Обсуждение строки' });
  const shot = async (page: Page, name: string): Promise<void> => {
    mkdirSync(resultsDir, { recursive: true });
    // from the top: the header card with the presence bar, the grid and the panel; no tooltip under the mouse
    await page.mouse.move(0, 0);
    await page.locator('.ag-tooltip').waitFor({ state: 'detached', timeout: 3_000 }).catch(() => undefined);
    await page.evaluate(() => document.querySelectorAll('*').forEach((el) => el.scrollTop > 0 && el.scrollTo({ top: 0 })));
    await page.screenshot({ path: `${resultsDir}/${name}.png` });
  };

  it('presence, threads with @mentions, flags, live decisions, offline work and a watching manager', async () => {
    // how long things take to reach the other browser (printed, never asserted: the machine is shared); measured
    // by polling, so each figure is within one poll interval (~50 ms) of the truth
    const timings: string[] = [];
    const since = (label: string, t0: number): void => void timings.push(`${label}: ${Date.now() - t0} ms`);
    const { page: a, context: ca } = await signedIn('reviewer', 'reviewer-demo');
    const { page: b } = await signedIn('reviewer2', 'reviewer-demo');
    await poll(connection(a)).toBe('В сети');
    await poll(connection(b)).toBe('В сети');

    // the first reviewer takes the registry; both see each other, and which row each has open
    await a.getByRole('button', { name: 'Взять в работу' }).click();
    await poll(text(a, '[data-fact="status"]')).toBe('В работе');
    await poll(text(b, '[data-fact="status"]')).toBe('В работе');
    await openRow(a, 1);
    await openRow(b, 2);
    const person = (page: Page, login: string) => async () =>
      (await page.locator(`.co-person[data-login="${login}"] :is(.co-avatar, .co-person__name, .co-person__row)`).allTextContents()).join(' | ');
    await poll(person(a, 'reviewer2')).toBe(`СМ | Сверкина М.О. | строка ${line(2)}`);
    await poll(person(b, 'reviewer')).toBe(`ПИ | Проверкин И.П. | строка ${line(1)}`);
    // in the grid: the colleague's initials on his row, in his colour, and the row outlined
    const marker = b.locator(`.ag-row[row-id="${line(1)}"] [col-id="marks"] .co-avatar[data-login="reviewer"]`);
    await marker.waitFor();
    expect(await marker.textContent()).toBe('ПИ');
    // the first reviewer's colour, as the second's presence bar shows it
    const colourA = await b.locator('.co-person[data-login="reviewer"] .co-avatar').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await marker.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(colourA);
    const outline = await b.locator(`.ag-row[row-id="${line(1)}"]`).evaluate((el) => getComputedStyle(el.firstElementChild as Element).boxShadow);
    expect(colourA).toMatch(/^rgb/);
    expect(outline).toContain(`${colourA} 0px 2px 0px 0px inset`);
    expect(await b.locator(`.ag-row[row-id="${line(2)}"]`).getAttribute('class')).not.toContain('co-row--peer');

    // a thread with an @mention chosen from the suggestions
    const newComment = discussion(a).getByRole('textbox', { name: 'Новый комментарий' });
    await newComment.click();
    await newComment.pressSequentially('Проверьте объем, @сверк');
    const option = discussion(a).getByRole('option', { name: /Сверкина Мария Олеговна/ });
    await option.waitFor();
    await option.click();
    await poll(() => newComment.inputValue()).toBe('Проверьте объем, @Мария Сверкина ');
    await newComment.pressSequentially('пожалуйста');
    const written = Date.now();
    await discussion(a).getByRole('button', { name: 'Написать' }).click();
    await discussion(a).locator('.co-thread .co-mention').waitFor();
    await shot(a, 'co-review-thread');

    // the other reviewer sees it in the list of open discussions, opens the row from there, replies and resolves
    await b.locator('.review-side-tab__count').getByText('1').waitFor();
    since('comment → the other reviewer’s list', written);
    await b.locator(`.ag-row[row-id="${line(1)}"] [col-id="marks"] .co-cell__threads[data-open="1"]`).waitFor();
    await b.getByRole('tab', { name: /Обсуждения/ }).click();
    const item = b.locator(`.co-thread-item[data-row="${line(1)}"]`);
    expect(((await item.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('Проверьте объем, @Мария Сверкина пожалуйста');
    expect(await item.locator('.co-thread-item__mention').textContent()).toBe('вас упомянули');
    await shot(b, 'co-review-discussions');
    await item.click();
    const threadB = discussion(b).locator('.co-thread');
    await threadB.waitFor();
    // the mention names the colleague; the login is in its tooltip
    expect(await threadB.locator('.co-mention').textContent()).toBe('@Мария Сверкина');
    expect(await threadB.locator('.co-mention').getAttribute('title')).toBe('@reviewer2');
    expect(await text(b, '.review-panel__where')()).toContain(`Строка № 1 (стр. ${line(1)})`);
    await threadB.getByRole('button', { name: 'Ответить' }).click();
    await threadB.getByRole('textbox', { name: 'Ответ' }).fill('Проверила, объем верный');
    const replied = Date.now();
    await threadB.getByRole('button', { name: 'Ответить' }).click();
    const threadA = discussion(a).locator('.co-thread');
    await poll(async () => (await threadA.locator('.co-comment__text').allTextContents()).map((t) => t.trim())).toEqual(['Проверьте объем, @Мария Сверкина пожалуйста', 'Проверила, объем верный']);
    since('reply → the first reviewer’s thread', replied);
    await threadB.getByRole('button', { name: 'Решено' }).click();
    await poll(() => threadA.getAttribute('data-resolved')).toBe('yes');
    expect(await text(a, '.co-thread__resolved')()).toMatch(/^Решено: Сверкина М\.О\./);
    // reopened by the first: the other sees it open again
    await threadA.getByRole('button', { name: 'Открыть снова' }).click();
    await poll(() => threadB.getAttribute('data-resolved')).toBe('no');

    // a flag set by one appears for the other, in the grid and in the panel
    await discussion(b).getByRole('button', { name: 'Флаг: красный' }).click();
    await a.locator(`.ag-row[row-id="${line(1)}"] [col-id="marks"] .co-flag-dot[data-flag="red"]`).waitFor();
    await poll(() => discussion(a).getByRole('button', { name: 'Флаг: красный' }).getAttribute('aria-pressed')).toBe('true');
    // and so does a label
    await discussion(a).getByRole('textbox', { name: 'Новая метка' }).fill('запрос РСО');
    await discussion(a).getByRole('button', { name: 'Добавить' }).click();
    await discussion(b).locator('.co-label[data-label="запрос РСО"]').waitFor();

    // a decision by the executor appears for the other with its author, counters and sums without a reload
    const decided = Date.now();
    await panel(a).getByRole('button', { name: 'Согласовать', exact: true }).click();
    await poll(status(b, 1)).toBe('Согласован');
    since('decision → the other reviewer’s grid', decided);
    await poll(status(a, 1)).toBe('Согласован');
    await poll(text(b, '[data-row-author]')).toMatch(/^Согласовал: Проверкин И\.П\./);
    await poll(text(b, '.review-tab[data-tab="Согласован"] .review-tab__count')).toBe('(1)');
    await poll(text(b, '.review-fact[data-fact="agreed"] .review-fact__value')).toBe('70,70 ₽');
    await shot(b, 'co-review-live-decision');

    // the executor loses the connection: he is told, cannot decide, still filters and comments
    await ca.setOffline(true);
    await poll(connection(a)).toBe('Нет связи — изменения сохранятся и отправятся');
    await openRow(a, 3);
    await poll(text(a, '.review-panel__where')).toContain(`Строка № 3 (стр. ${line(3)})`);
    expect(await panel(a).getByRole('button', { name: 'Согласовать', exact: true }).isDisabled()).toBe(true);
    expect(await panel(a).getByRole('button', { name: 'Не согласовать', exact: true }).isDisabled()).toBe(true);
    expect(await a.getByRole('button', { name: 'Согласовать все без ошибок' }).isDisabled()).toBe(true);
    expect(await text(a, '.review-panel .co-offline-note')()).toMatch(/^Нет связи с сервером: решения можно будет принять, когда связь вернется/);
    await a.locator('.review-chip[data-rule="8"]').click();
    await poll(() => a.locator('.ag-row [col-id="status"]').count()).toBe(1);
    await discussion(a).getByRole('textbox', { name: 'Новый комментарий' }).fill('Сумма 71,00 при расчетной 70,70 — запрошу пояснение у РСО');
    await discussion(a).getByRole('button', { name: 'Написать' }).click();
    await discussion(a).getByText('запрошу пояснение у РСО').waitFor();
    // written into IndexedDB before it can reach anyone
    await poll(() => a.evaluate(storedUpdates, `registry:${registryId}`)).toBeGreaterThan(0);
    await shot(a, 'co-review-offline');

    // the registry opened again without a connection (away to the list and back, no reload): the card, the rows,
    // their statuses (from the mirror) and the discussions, the unsent comment too, all come from IndexedDB
    await a.getByRole('navigation').getByRole('link', { name: 'Реестры' }).click();
    await a.waitForURL(`${ws.base}/registries`);
    await a.goBack();
    await a.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    await poll(connection(a)).toBe('Нет связи — изменения сохранятся и отправятся');
    await poll(status(a, 1)).toBe('Согласован');
    expect(await status(a, 3)()).toBe('Требует решения');
    expect(await text(a, '.review-card .co-offline-note')()).toMatch(/^Карточка реестра — из кэша браузера/);
    expect(await text(a, '.review-fact[data-fact="agreed"] .review-fact__value')()).toBe('70,70 ₽');
    await a.getByRole('tab', { name: /Обсуждения/ }).click();
    await a.locator(`.co-thread-item[data-row="${line(3)}"]`).getByText('запрошу пояснение у РСО').waitFor();
    await a.locator(`.co-thread-item[data-row="${line(3)}"]`).click();
    await shot(a, 'co-review-offline-reopened');
    expect(await b.locator(`.co-thread-item[data-row="${line(3)}"]`).count()).toBe(0);

    // and reloaded without a connection: the service worker gives the workspace's shell, the last user of this
    // browser is taken as the server cannot say, and the registry comes from IndexedDB once more
    expect(await a.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await a.reload();
    await a.getByRole('heading', { name: 'МУП «Вода»' }).waitFor();
    expect(await a.getByRole('banner').getByText('Проверкин Иван Петрович').count()).toBe(1);
    await poll(connection(a)).toBe('Нет связи — изменения сохранятся и отправятся');
    await poll(status(a, 1)).toBe('Согласован');
    await a.getByRole('tab', { name: /Обсуждения/ }).click();
    await a.locator(`.co-thread-item[data-row="${line(3)}"]`).getByText('запрошу пояснение у РСО').waitFor();
    await a.locator(`.co-thread-item[data-row="${line(3)}"]`).click();

    // back online: the comment reaches the other reviewer
    const back = Date.now();
    await ca.setOffline(false);
    await b.getByRole('tab', { name: /Обсуждения/ }).click();
    await b.locator(`.co-thread-item[data-row="${line(3)}"]`).getByText('запрошу пояснение у РСО').waitFor();
    since('back online → the offline comment at the other reviewer', back);
    await poll(connection(a)).toBe('В сети');
    expect(await panel(a).getByRole('button', { name: 'Согласовать', exact: true }).isDisabled()).toBe(false);

    // a manager watches: presence and comments, no write controls
    const { page: m } = await signedIn('manager', 'manager-demo');
    await poll(connection(m)).toBe('В сети');
    await m.locator('.co-person[data-login="reviewer"]').waitFor();
    await m.locator('.co-person[data-login="reviewer2"]').waitFor();
    await openRow(m, 1);
    await discussion(m).locator('.co-thread').waitFor();
    expect(await discussion(m).locator('.co-comment').count()).toBe(2);
    expect(await discussion(m).locator('.co-flag-note[data-flag="red"]').count()).toBe(1);
    expect(await discussion(m).locator('.co-label[data-label="запрос РСО"]').count()).toBe(1);
    expect(await discussion(m).locator('textarea, input, button').count()).toBe(0);
    await poll(text(a, '.co-person[data-login="manager"] .co-person__what')).toBe(`наблюдает · строка ${line(1)}`);
    await shot(m, 'co-review-manager');
    await shot(a, 'co-review-presence');

    // signing out forgets this browser's copies of registries and shared documents (offices share computers)
    const local = async () => (await a.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))).filter((n) => n.startsWith('sverka-')).sort();
    expect(await local()).toEqual(expect.arrayContaining(['sverka-registry-rows', 'sverka-yjs']));
    await a.getByRole('button', { name: 'Выйти' }).click();
    await a.getByLabel('Логин').waitFor();
    await poll(local).not.toContain('sverka-yjs');
    expect(await local()).not.toContain('sverka-registry-rows');
    await a.waitForTimeout(1_000);
    expect(await local()).not.toContain('sverka-yjs');

    console.log(`co-review timings: ${timings.join('; ')}`);
    expect(errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([]);
  }, 180_000);
});

/** How many Yjs update records this browser keeps for a document (runs in the page). */
async function storedUpdates(docName: string): Promise<number> {
  return new Promise((resolve) => {
    const req = indexedDB.open('sverka-yjs');
    req.onerror = () => resolve(-1);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction('updates', 'readonly');
      const count = tx.objectStore('updates').index('doc').count(docName);
      // an open connection would block the deletion of the store at sign-out
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => {
        db.close();
        resolve(-1);
      };
    };
  });
}
