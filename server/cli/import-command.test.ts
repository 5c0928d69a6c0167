import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { housesCsv } from '../checks/testing.ts';

/** `sverka import` against its own embedded database in a temp directory: the path an operator uses. */
describe('sverka import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sverka-cli-import-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/sverka.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', SVERKA_DATA_DIR: dataDir } });

  it('loads a good file, reports a bad one by row and column with exit code 2, and keeps the audit chain whole', () => {
    const good = join(dataDir, 'houses.csv');
    writeFileSync(good, housesCsv);
    const ok = run('import', 'houses', good);
    expect(ok.stdout).toMatch(/Загружено 3 строк: добавлено 3, изменено 0, без изменений 0; версия 1/);
    expect(ok.status).toBe(0);

    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, housesCsv.replace('71603402101', '716034'));
    const refused = run('import', 'houses', bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Файл не загружен, ничего не изменено\. Ошибок: 1/);
    expect(refused.stderr).toMatch(/bad\.csv, строка 2, столбец «oktmo»: ОКТМО должен содержать 8 или 11 цифр/);

    const audit = run('verify-audit');
    expect(audit.stdout).toMatch(/Цепочка журнала аудита цела: 1 записей/);
    // the import was signed with the key made in the data directory; its public half checks the journal
    const key = run('audit-key');
    expect(key.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    writeFileSync(join(dataDir, 'public.pem'), key.stdout);
    const anchored = run('verify-audit', '--public-key', join(dataDir, 'public.pem'));
    expect(anchored.stdout).toMatch(/Журнал аудита цел: 1 записей; контрольных точек 1, последняя №1 от .* заверяет записи до №1/);
    expect(anchored.status).toBe(0);
    expect(run('import', 'дома', good).status).toBe(2);
    // six processes, each opening the embedded database (the first runs initdb): minutes on a loaded 2-core machine
  }, 240_000);
});
