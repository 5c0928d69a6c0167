import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { H, STANDARDS_FILES, standardsGisCsv, standardsHousesCsv } from '../standards/testing.ts';

const NEW = 'b0000000-0000-4000-8000-000000000009';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sverka-cli-gis-diff-'));
  mkdirSync(join(dir, 'before'));
  mkdirSync(join(dir, 'after'));
  writeFileSync(join(dir, 'before', 'houses.csv'), standardsHousesCsv);
  writeFileSync(join(dir, 'before', 'gis_houses.csv'), standardsGisCsv);
  for (const [kind, text] of Object.entries(STANDARDS_FILES)) writeFileSync(join(dir, 'after', `${kind}.csv`), text);
  // the later extract: H[0] written differently but the same; H[1] heated otherwise (a new group); H[2] bigger in
  // ГИС ЖКХ with a decimal comma; H[3] heating types reordered (a set); H[4] removed; a new house
  const houses = standardsHousesCsv.split('\n')
    .map((l) => (l.startsWith(H[0]!) ? l.replace('с. Абатское, ул. Ленина, д. 1', 'С. АБАТСКОЕ,  УЛ. ЛЕНИНА, Д. 1').replace('Абатский муниципальный район', 'р-н Абатский').replace(';1000;', ';1000,00;') : l))
    .map((l) => (l.startsWith(H[1]!) ? l.replace(/центральное$/, 'индивидуальное газовое') : l))
    .filter((l) => !l.startsWith(H[4]!));
  houses.push(`${NEW};с. Абатское, ул. Новая, д. 9;Абатский муниципальный район;71603402101;с. Абатское;МКД;2026;1200,5;0;центральное`);
  writeFileSync(join(dir, 'after', 'houses.csv'), houses.join('\n'));
  writeFileSync(join(dir, 'after', 'gis_houses.csv'), standardsGisCsv.replace(`${H[2]};МКД;1030;41`, `${H[2]};МКД;1030,5;41`).replace('"печное, электрическое"', '"Электрическое,печное"'));
});

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/sverka.js', 'gis-diff', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('sverka gis-diff', () => {
  it('writes the change report of DOMAIN.md: changed fields normalised, added and removed houses, group moves', () => {
    const out = join(dir, 'diff.json');
    const r = run(['--before', join(dir, 'before'), '--after', join(dir, 'after'), '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Изменено домов: 2, добавлено 1, удалено 1, сменили группу 1/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      houses: [
        { fias_id: H[1], added: false, removed: false, changes: [{ source: 'houses', field: 'heating_type', before: 'центральное', after: 'индивидуальное газовое' }], group_changed: true },
        { fias_id: H[2], added: false, removed: false, changes: [{ source: 'gis_houses', field: 'area', before: '1030.00', after: '1030.50' }], group_changed: false },
        { fias_id: H[4], added: false, removed: true, changes: [], group_changed: false },
        { fias_id: NEW, added: true, removed: false, changes: [], group_changed: false },
      ],
      summary: { houses_changed: 2, added: 1, removed: 1, groups_changed: 1 },
    });
  });

  it('says which file is missing, and exits 2 on unreadable input or bad usage', () => {
    mkdirSync(join(dir, 'only-gis'));
    writeFileSync(join(dir, 'only-gis', 'gis_houses.csv'), standardsGisCsv);
    const ok = run(['--before', join(dir, 'only-gis'), '--after', join(dir, 'only-gis'), '--json', join(dir, 'x.json')]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/нет файла «houses»/);
    expect(JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')).houses).toEqual([]);
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'houses.csv'), 'fias_id;address\nне-guid;адрес\n');
    const bad = run(['--before', join(dir, 'bad'), '--after', join(dir, 'after'), '--json', join(dir, 'y.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/houses\.csv/);
    expect(run(['--before', join(dir, 'нет-такого'), '--after', join(dir, 'after'), '--json', join(dir, 'z.json')]).status).toBe(2);
    expect(run(['--before', join(dir, 'before')]).status).toBe(2);
  });
});
