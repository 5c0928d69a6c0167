import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { testDatabases } from '../testing/databases.ts';
import type { TestApi } from '../testing/http.ts';
import type { HistoryEntry, RegistryCard, RegistryRowsPayload } from '../contract/registries.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { G, get, openRegion, post, register, registryCsv, type Sessions } from './testing.ts';

afterAll(async () => {
  await closeChecks();
});

const AUGUST = 'август 2026';
const vo = (rows: [string, string][]) => registryCsv(AUGUST, rows.map(([g, v]) => [g, v, '0']), 'Водоотведение');
const cold = (rows: [string, string][], inn?: string) => registryCsv(AUGUST, rows.map(([g, v]) => [g, v, '0']), 'Холодное водоснабжение', inn);
const hot = (rows: [string, string][], inn?: string) => registryCsv(AUGUST, rows.map(([g, v]) => [g, v, '0']), 'Горячее водоснабжение', inn);

describe.each(testDatabases())('check 10 across registries on $name', (target) => {
  let db: Database;
  let api: TestApi;
  let s: Sessions;
  beforeAll(async () => {
    ({ db, api, s } = await openRegion(target));
  });
  afterAll(async () => {
    await db.close();
  });

  const check10 = async (id: number) => {
    const rows = await get<RegistryRowsPayload>(api, s.reviewer, `/registries/${id}/rows`);
    const R = rows.ruleIds.length;
    const k = rows.ruleIds.indexOf('10');
    return rows.rowNo.map((_, i) => ({ status: ['', 'passed', 'failed', 'skipped'][rows.checkStatus[i * R + k] ?? 0], reason: rows.reasons[rows.checkReason[i * R + k] ?? 0] }));
  };
  const lastHistory = async (id: number) => (await get<HistoryEntry[]>(api, s.reviewer, `/registries/${id}/history`)).at(-1);

  it('flips a ВО verdict when a late ХВС or ГВС registry arrives or stops counting, and says why', async () => {
    const sewerage = await register(api, s.reviewer, 'во.csv', vo([[G[0]!, '10'], [G[1]!, '7'], [G[2]!, '5']]));
    const id = sewerage.registry.id;
    expect((await check10(id)).map((v) => v.reason)).toEqual(Array(3).fill('Нет данных ХВС по дому за период'));

    // ХВС arrives: house 0 now fails, house 1 passes, house 2 (not in it) stays skipped
    const water = await register(api, s.reviewer, 'хвс.csv', cold([[G[0]!, '7'], [G[1]!, '7']]));
    expect(await check10(id)).toEqual([
      { status: 'failed', reason: 'Объем ВО 10,0000 не согласуется с ХВС + ГВС = 7,0000 (ХВС 7,0000, ГВС 0,0000; отклонение +43%)' },
      { status: 'passed', reason: '' },
      { status: 'skipped', reason: 'Нет данных ХВС по дому за период' },
    ]);
    const card = await get<RegistryCard>(api, s.reviewer, `/registries/${id}`);
    expect(card.rowsFailed).toBeGreaterThan(0);
    expect(card.checkRun?.note).toBe(`Проверка 10 повторена: поступил реестр № ${water.registry.id}, МУП «Вода» (ИНН ${water.registry.rsoInn}), ХВС, август 2026`);
    const entry = await lastHistory(id);
    expect(entry?.action).toBe('registry.recheck_linked');
    expect(entry?.rows).toEqual([7, 8]);
    expect(entry?.summary).toMatch(new RegExp(`^Проверка 10 повторена: поступил реестр № ${water.registry.id}, .*ХВС, август 2026; вердикт проверки 10 изменился в строках 1 \\(стр\\. 7\\), 2 \\(стр\\. 8\\) \\(пропущена → пройдена: 1; пропущена → не пройдена: 1\\); строк с ошибками \\d+ \\(было \\d+\\)$`));

    // ГВС arrives: house 0 is 7 + 3 = 10
    const hotWater = await register(api, s.reviewer, 'гвс.csv', hot([[G[0]!, '3']]));
    expect((await check10(id))[0]).toEqual({ status: 'passed', reason: '' });

    // the ГВС registry cancelled: it no longer counts, house 0 fails again
    expect((await post(api, s.admin, `/registries/${hotWater.registry.id}/cancel`, { reason: 'направлен ошибочно' })).status).toBe(200);
    expect((await check10(id))[0]?.status).toBe('failed');
    expect((await lastHistory(id))?.summary).toMatch(/^Проверка 10 повторена: перестал учитываться реестр № \d+, .*ГВС, август 2026 \(отменен или отказано в регистрации\); вердикт проверки 10 изменился в строке 1 \(стр\. 7\) \(пройдена → не пройдена: 1\)/);

    // a registry refused at registration (unknown РСО) is not counted and changes nothing
    const refused = await register(api, s.reviewer, 'гвс-чужой.csv', hot([[G[0]!, '3']], '7707083893'));
    expect(refused.refused).toBe(true);
    expect((await check10(id))[0]?.status).toBe('failed');
    expect((await lastHistory(id))?.action).toBe('registry.recheck_linked');

    // a new ВО registry sees only the counted ones: ХВС 7, no ГВС
    const again = await register(api, s.reviewer, 'во-корр.csv', vo([[G[0]!, '7'], [G[1]!, '7,2']]), { isCorrection: 'true' });
    expect((await check10(again.registry.id)).slice(0, 2)).toEqual([{ status: 'passed', reason: '' }, { status: 'failed', reason: 'Объем ВО 7,2000 не согласуется с ХВС + ГВС = 7,0000 (ХВС 7,0000, ГВС 0,0000; отклонение +3%)' }]);

    // a cancelled ВО registry is not checked again
    expect((await post(api, s.admin, `/registries/${again.registry.id}/cancel`, { reason: 'дубль' })).status).toBe(200);
    const runBefore = (await get<RegistryCard>(api, s.reviewer, `/registries/${again.registry.id}`)).checkRun?.id;
    const more = await register(api, s.reviewer, 'хвс-корр.csv', cold([[G[1]!, '0,2']]), { isCorrection: 'true' });
    expect((await get<RegistryCard>(api, s.reviewer, `/registries/${again.registry.id}`)).checkRun?.id).toBe(runBefore);
    expect((await check10(id))[1]).toEqual({ status: 'failed', reason: 'Объем ВО 7,0000 не согласуется с ХВС + ГВС = 7,2000 (ХВС 7,2000, ГВС 0,0000; отклонение −3%)' });
    expect(more.refused).toBe(false);
  });
});
