import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, signInPage, startWorkspace, type Workspace } from './testing.ts';

/** The server answers in its own time; the banner polls every few seconds. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('Реестры while the demo registries load in the background', () => {
  let ws: Workspace;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ws = await startWorkspace();
    // a demo load under way, as server/demo/demo-registries.ts records it
    await ws.db.sql`insert into demo_progress (dir, total, registered) values ('demo', 1781, 420)`;
  });

  afterAll(async () => {
    await ws?.close();
  });

  it('shows how many are in, follows the progress, and goes away once they are all in', async () => {
    const { context, page } = await openPage(ws, { width: 1366, height: 768 }, pageErrors);
    await signInPage(page, 'reviewer', 'reviewer-demo');
    await poll(() => new URL(page.url()).pathname).toBe('/registries');
    const banner = page.locator('[data-demo-loading]');
    const shown = async () => ((await banner.count()) > 0 ? ((await banner.textContent()) ?? '').replace(/\s+/g, ' ') : null);
    await poll(shown).toBe('Загружаются демо-реестры: 420 из 1 781 — список пополняется');
    await ws.db.sql`update demo_progress set registered = 440`;
    await poll(shown).toBe('Загружаются демо-реестры: 440 из 1 781 — список пополняется');
    // all registered, the demo decisions still running: the count is complete, the banner goes
    await ws.db.sql`update demo_progress set registered = total`;
    await poll(shown).toBeNull();
    await ws.db.sql`update demo_progress set finished_at = now()`;
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
