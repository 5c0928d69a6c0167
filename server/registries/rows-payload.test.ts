import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, INN } from '../checks/testing.ts';
import type { Database } from '../db/database.ts';
import { openMigrated, testDatabases } from '../testing/databases.ts';
import { closeChecks } from '../checks/check-runner.ts';
import { registerRegistry } from './intake.ts';
import { registryRowsPayload } from './rows.ts';
import { seedRegion } from './testing.ts';

afterAll(async () => {
  await closeChecks();
});

const HEADER = '№ п/п;Адрес дома;Код дома по ФИАС;Дом, признак дифференциации тарифов;Территория оказания услуги;Дата ввода в эксплуатацию;ЭОТ, руб. (без НДС);Тариф, применяемый для начисления (без НДС);Потребление КУ в жилых помещениях;Потребление КУ на ОДН;Размер итоговой субсидии, руб.';

/** A registry whose cells take every shape a stored value can: empty, unreadable, negative, tiny, quoted, repeated houses. */
function awkwardCsv(period: string): string {
  const rows = [
    `1;адрес «1»;${G[0]};с -- по --;Абатский муниципальный район;;48,80;41,73;10;0;70,70`,
    `2;"ул. ""Мира"", \\ д. 2";${G[1]?.toUpperCase()};;Абатский муниципальный район;01.01.1981;48,8;41,73;12,5;1,25;88,38`,
    `;без номера;${G[2]};;;;;;;;`,
    `4,5;дробный номер;нет такого дома;х;Другой район;1999;-0,0050;0,0001;0,0001;abc;-12,34`,
    `abc;нечитаемый номер;${G[0]};;Абатский муниципальный район;;abc;41,73;3;;20,00`,
    `6;огромная сумма;${G[1]};;Абатский муниципальный район;;48,80;41,73;999999,9999;0;123456789,99`,
  ];
  return ['Наименование РСО;МУП «Вода»', `ИНН РСО;${INN}`, 'Услуга;Холодное водоснабжение', `Отчетный период;${period}`, '', HEADER, ...rows].join('\n');
}

describe.each(testDatabases())('the rows payload the intake stores, on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedRegion(db.sql);
  });
  afterAll(async () => {
    await db.close();
  });

  const storedJson = async (registryId: number): Promise<string> => {
    const [row] = await db.sql<{ bytes: Uint8Array }[]>`select c.rows_payload as bytes from registries r join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
    return gunzipSync(row?.bytes ?? new Uint8Array()).toString('utf8');
  };

  it('is, character for character, the JSON of the payload read back from the stored rows', async () => {
    const ids: number[] = [];
    // the second registry of the same houses and month sees the first in checks 7 and 9
    const bytes = new TextEncoder().encode(awkwardCsv('март 2026'));
    for (const name of ['first.csv', 'second.csv']) {
      const outcome = await registerRegistry(db.sql, { fileName: name, bytes, form: {}, actorId: null });
      expect(outcome.ok, JSON.stringify(outcome.ok ? outcome.findings : outcome.problems)).toBe(true);
      if (outcome.ok) ids.push(outcome.registryId);
    }
    // the file, sent as base64, is kept byte for byte
    const [file] = await db.sql<{ content: Uint8Array }[]>`select file_content as content from registries where id = ${ids[0] ?? 0}`;
    expect(Buffer.compare(Buffer.from(file?.content ?? []), Buffer.from(bytes))).toBe(0);
    for (const id of ids) {
      const fromTable = await registryRowsPayload(db.sql, id);
      expect(fromTable.count).toBe(6);
      expect(await storedJson(id)).toBe(JSON.stringify(fromTable));
    }
    const second = await registryRowsPayload(db.sql, ids[1] ?? 0);
    // the awkward values really were stored as such: absent, negative, the smallest step, a failed rule
    expect(second.n).toEqual([1, 2, null, null, null, 6]);
    expect(second.eot.slice(2, 5)).toEqual([null, '-0.0050', null]);
    expect(second.vOdn.slice(1, 4)).toEqual(['1.2500', null, null]);
    expect(second.subsidy[3]).toBe(-1_234);
    expect(second.checkStatus.some((st) => st === 2)).toBe(true);
  });
});
