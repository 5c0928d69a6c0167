/**
 * A registry saved back through LibreOffice (issue 13) is read with the verdicts of the original: as .xlsx, and as
 * CSV in Windows-1251 with the Russian locale, which writes dates with two-digit years («01.01.80») and numbers as
 * shown. Skipped, with a message, only where LibreOffice is missing outside CI; in CI (CI=true) its absence fails.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { G, housesCsv, INN, organisationsCsv, tariffsCsv } from '../checks/testing.ts';
import { convertWithLibreOffice, sofficePath } from '../documents/testing.ts';
import { checkCommand } from './check-command.ts';

const soffice = sofficePath();
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('LibreOffice (soffice) не найден: проверка реестра, сохраненного в офисной программе, пропущена (в CI она обязательна)');

/** A registry as an РСО sends it: a letter date, commissioning dates, sums with kopecks; verdicts that differ by row. */
const REGISTRY = [
  'Наименование РСО;МУП «Вода»',
  `ИНН РСО;${INN}`,
  'Услуга;Холодное водоснабжение',
  'Отчетный период;август 2026',
  'Исх. № письма РСО;157',
  'Дата письма РСО;06.09.2026',
  '',
  '№ п/п;Адрес дома;Код дома по ФИАС;Дом, признак дифференциации тарифов;Территория оказания услуги;Дата ввода в эксплуатацию;ЭОТ, руб. (без НДС);Тариф, применяемый для начисления (без НДС);Потребление КУ в жилых помещениях;Потребление КУ на ОДН;Размер итоговой субсидии, руб.',
  `1;с. Абатское, ул. Ленина, д. 1;${G[0]};с -- по --;Абатский муниципальный район;01.01.1980;48,80;41,73;1;0;7,07`,
  `2;с. Абатское, ул. Ленина, д. 2;${G[1]};с -- по --;Абатский муниципальный район;05.06.1977;48,80;41,73;10;0;70,71`,
  `3;с. Абатское, ул. Ленина, д. 3;${G[2]};с -- по --;Абатский муниципальный район;01.01.1982;48,80;41,73;1234,5;0,25;8 730,00`,
  `4;с. Абатское, ул. Ленина, д. 9;a0000000-0000-4000-8000-000000000099;с -- по --;Абатский муниципальный район;01.01.2001;48,80;41,73;1;0;7,07`,
].join('\n');

describe.skipIf(!soffice && !inCi)('a registry saved back through LibreOffice', () => {
  let dir: string;
  const saved = new Map<string, string>();

  beforeAll(() => {
    if (!soffice) throw new Error('LibreOffice (soffice) не установлен, а в CI проверка реестра из офисной программы обязательна');
    dir = mkdtempSync(join(tmpdir(), 'sverka-roundtrip-'));
    mkdirSync(join(dir, 'ref'));
    writeFileSync(join(dir, 'ref', 'houses.csv'), housesCsv);
    writeFileSync(join(dir, 'ref', 'tariffs.csv'), tariffsCsv);
    writeFileSync(join(dir, 'ref', 'organisations.csv'), organisationsCsv);
    const original = join(dir, 'registry.csv'); // an ASCII name: without the ru_RU locale installed, LibreOffice cannot open a Cyrillic one
    writeFileSync(original, REGISTRY);
    // opened as a person opens it in Russian LibreOffice: «;», UTF-8, dates and numbers recognised
    const inFilter = 'Text - txt - csv (StarCalc):59,34,76,1,,1049,false,true';
    const xlsxDir = mkdtempSync(join(dir, 'xlsx-'));
    saved.set('xlsx', convertWithLibreOffice([original], 'xlsx', xlsxDir, { inFilter }).get(original)!);
    const csvDir = mkdtempSync(join(dir, 'csv-'));
    // saved as «CSV» with «;» in Windows-1251 (34), as shown
    saved.set('csv', convertWithLibreOffice([original], 'csv:Text - txt - csv (StarCalc):59,34,34,1', csvDir, { inFilter }).get(original)!);
    saved.set('original', original);
  }, 120_000);

  async function verdicts(path: string): Promise<unknown> {
    const out = `${path}.json`;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = await checkCommand(['--reference', join(dir, 'ref'), '--registry', path, '--json', out]);
      expect(code, `${path}: ${err.mock.calls.join('\n')}`).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const json = JSON.parse(readFileSync(out, 'utf8')) as { registry: Record<string, unknown>; rows: { row: number }[] };
    return { registry: json.registry, rows: json.rows };
  }

  it('is Windows-1251 with two-digit years when saved as CSV, as LibreOffice writes it', () => {
    const text = new TextDecoder('windows-1251').decode(readFileSync(saved.get('csv')!));
    expect(text).toContain('Дата письма РСО";06.09.26');
    expect(text).toContain(';05.06.77;');
  });

  it('gives the verdicts of the original when saved as xlsx and as CSV (Windows-1251, Russian locale)', async () => {
    const original = await verdicts(saved.get('original')!);
    expect(original).toMatchObject({ registry: { rows: 4, declared_sum: 8814.85 } });
    expect(await verdicts(saved.get('xlsx')!)).toEqual(original);
    expect(await verdicts(saved.get('csv')!)).toEqual(original);
  });
});
