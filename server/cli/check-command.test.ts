import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { G, housesCsv, organisationsCsv, registryCsv, tariffsCsv } from '../checks/testing.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sverka-cli-'));
  mkdirSync(join(dir, 'ref'));
  mkdirSync(join(dir, 'regs'));
  writeFileSync(join(dir, 'ref', 'houses.csv'), housesCsv);
  writeFileSync(join(dir, 'ref', 'tariffs.csv'), tariffsCsv);
  writeFileSync(join(dir, 'ref', 'organisations.csv'), organisationsCsv);
  for (const [m, v] of [['05.2026', '3'], ['06.2026', '3'], ['07.2026', '3']] as const) {
    writeFileSync(join(dir, 'regs', `${m}.csv`), registryCsv(m, [[G[0]!, v, '21,21']]));
  }
  writeFileSync(join(dir, 'regs', 'notes.csv'), 'просто заметки\n');
  writeFileSync(join(dir, 'target.csv'), registryCsv('август 2026', [[G[0]!, '1', '7,07'], [G[1]!, '10', '70,71'], ['нет-такого', '1', '7,07']]));
});

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/sverka.js', 'check', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sverka check', () => {
  it('writes the JSON of DOMAIN.md rules for every row and exits 0 whatever the verdicts', () => {
    const out = join(dir, 'out.json');
    const r = run(['--reference', join(dir, 'ref'), '--registries', join(dir, 'regs'), '--registry', join(dir, 'target.csv'), '--json', out]);
    expect(r.stderr).toMatch(/пропущен .*notes\.csv/);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.registry).toMatchObject({ rso_inn: expect.stringMatching(/^\d{10}$/), service: 'ХВС', period: '2026-08', rows: 3, declared_sum: 84.85, expected_sum: 84.84 });
    expect(json.rows[0]).toMatchObject({ n: 1, fias_id: G[0], expected_subsidy: 7.07 });
    expect(Object.keys(json.rows[0].checks)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'odn_over_living']);
    expect(json.rows[0].checks['9']).toEqual({ status: 'failed', reason: 'Среднее значение объема по данному дому 3,0000 куб. м (дельта −67%)' });
    expect(json.rows[1].checks['8']).toEqual({ status: 'passed', reason: '' });
    expect(json.rows[1].checks['9'].status).toBe('skipped');
    expect(json.rows[2].checks['1'].status).toBe('failed');
    expect(json.rows[2].checks['2'].status).toBe('skipped');
  });

  it('checks a ВО registry against every ХВС and ГВС registry of the period in --registries (check 10)', () => {
    mkdirSync(join(dir, 'water'));
    writeFileSync(join(dir, 'water', 'хвс-август.csv'), registryCsv('08.2026', [[G[0]!, '7', '0'], [G[1]!, '7', '0']]));
    writeFileSync(join(dir, 'water', 'хвс-другой-рсо.csv'), registryCsv('08.2026', [[G[1]!, '1', '0']], 'ХВС', '7707083893'));
    writeFileSync(join(dir, 'water', 'гвс-август.csv'), registryCsv('08.2026', [[G[0]!, '3', '0']], 'Горячее водоснабжение'));
    writeFileSync(join(dir, 'water', 'хвс-июль.csv'), registryCsv('07.2026', [[G[2]!, '10', '0']]));
    const target = join(dir, 'vo.csv');
    writeFileSync(target, registryCsv('август 2026', [[G[0]!, '10', '0'], [G[1]!, '9', '0'], [G[2]!, '10', '0']], 'Водоотведение'));
    const out = join(dir, 'vo.json');
    const r = run(['--reference', join(dir, 'ref'), '--registries', join(dir, 'water'), '--registry', target, '--json', out]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')).rows as { checks: Record<string, { status: string; reason: string }> }[];
    expect(rows.map((x) => x.checks['10'])).toEqual([
      { status: 'passed', reason: '' },
      { status: 'failed', reason: 'Объем ВО 9,0000 не согласуется с ХВС + ГВС = 8,0000 (ХВС 8,0000, ГВС 0,0000; отклонение +13%)' },
      { status: 'skipped', reason: 'Нет данных ХВС по дому за период' },
    ]);
  });

  it('exits 2 with the messages on stderr when input cannot be read: the malformed-file corpus', () => {
    const good = new TextEncoder().encode(registryCsv('август 2026', [[G[0]!, '1', '7,07'], [G[1]!, '10', '70,71'], [G[2]!, '1', '7,07']]));
    // a damaged transfer: 2,000 NUL bytes in the middle of the last row (was read as a 3-row registry, exit 0)
    const cut = good.length - 30;
    const nul = new Uint8Array(good.length + 2000);
    nul.set(good.subarray(0, cut));
    nul.set(good.subarray(cut), cut + 2000);
    const corpus: [string, string | Uint8Array, RegExp][] = [
      ['broken.csv', 'ИНН РСО;123\nничего;тут;нет\n', /^broken\.csv: не найдена строка заголовков/],
      ['nul.csv', nul, /^nul\.csv: строка 9, столбец \d+: файл повреждён: нулевые байты \(U\+0000, 2000 шт\.\)/],
      // two «Код дома по ФИАС» and no address: one of the two was picked silently
      ['duplicate-header.csv', new TextDecoder().decode(good).replace('Адрес дома', 'Код дома по ФИАС'), /^duplicate-header\.csv, строка 6, столбец «Код дома по ФИАС»: столбец «Код дома по ФИАС» повторяется \(столбцы B и C\)/],
    ];
    for (const [name, bytes, message] of corpus) {
      writeFileSync(join(dir, name), bytes);
      const r = run(['--reference', join(dir, 'ref'), '--registry', join(dir, name), '--json', join(dir, 'x.json')]);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
    }
    const noRef = run(['--reference', join(dir, 'regs'), '--registry', join(dir, 'target.csv'), '--json', join(dir, 'x.json')]);
    expect(noRef.status).toBe(2);
    expect(noRef.stderr).toMatch(/нет файла справочника «houses»/);
  });

  it('takes a rule set file with --rules, Russian formulas giving the verdicts of the English ones', () => {
    const template = JSON.parse(readFileSync('templates/rules/default.json', 'utf8'));
    const rules = (formulas: string[]) => ({
      ...template,
      custom: formulas.map((formula, k) => ({ id: `r${k}`, title: `Правило ${k}`, severity: 'warning', formula, message: 'Объем {v_living}, сумма {subsidy}' })),
    });
    const russian = ['=И([v_living]>0; [v_living]>5)', '=ЕСЛИ(ЕПУСТО([expected_subsidy]); ЛОЖЬ; ABS([subsidy]-[expected_subsidy])>0,005)', '=ЕЧИСЛО(ПОИСК("нет"; [fias_id]))'];
    const english = ['=AND([v_living]>0, [v_living]>5)', '=IF(ISBLANK([expected_subsidy]), FALSE, ABS([subsidy]-[expected_subsidy])>0.005)', '=ISNUMBER(SEARCH("нет", [fias_id]))'];
    const checks = (formulas: string[], name: string) => {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(rules(formulas)));
      const out = join(dir, `${name}-out.json`);
      const r = run(['--reference', join(dir, 'ref'), '--registry', join(dir, 'target.csv'), '--json', out, '--rules', join(dir, `${name}.json`)]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8')) as { rules: { id: string }[]; rows: { checks: Record<string, { status: string; reason: string }> }[] };
    };
    const ru = checks(russian, 'rules-ru');
    const en = checks(english, 'rules-en');
    expect(ru.rules.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'r0', 'r1', 'r2']);
    expect(ru.rows).toEqual(en.rows);
    expect(ru.rows.map((r) => [r.checks.r0?.status, r.checks.r1?.status, r.checks.r2?.status])).toEqual([
      ['passed', 'passed', 'passed'],
      ['failed', 'failed', 'passed'],
      ['passed', 'passed', 'failed'],
    ]);
    expect(ru.rows[1]?.checks.r0?.reason).toBe('Объем 10,0000, сумма 70,71');

    // a formula typed with English commas in a Russian function: exit 2, the file, the rule and the position
    writeFileSync(join(dir, 'broken-rules.json'), JSON.stringify(rules(['=И([v_living]>0, [v_living]>5)'])));
    const broken = run(['--reference', join(dir, 'ref'), '--registry', join(dir, 'target.csv'), '--json', join(dir, 'x.json'), '--rules', join(dir, 'broken-rules.json')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^broken-rules\.json, столбец «r0»: Правило «r0», позиция 16: неожиданная запятая/);
    writeFileSync(join(dir, 'shapeless.json'), JSON.stringify({ ...template, custom: [{ id: 'x' }] }));
    const shapeless = run(['--reference', join(dir, 'ref'), '--registry', join(dir, 'target.csv'), '--json', join(dir, 'x.json'), '--rules', join(dir, 'shapeless.json')]);
    expect(shapeless.status).toBe(2);
    expect(shapeless.stderr).toMatch(/shapeless\.json, столбец «custom\.0\.title»/);
  });
});
