import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkbookRun } from '../contract/workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'sverka-cli-workbook-'));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/sverka.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', SVERKA_DATA_DIR: join(dir, 'data') } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('sverka workbook run', () => {
  it('refuses a definition it cannot read, naming the file and the place', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, title: 'x', sheets: [{ id: 'a', title: 'a', source: { kind: 'nope' } }] }));
    const r = run(['workbook', 'run', bad, '--json', join(dir, 'out.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: листы\[0\]\.источник/);
  });

  it('evaluates a shipped workbook against the database and writes its sheets', () => {
    const out = join(dir, 'vo.json');
    const r = run(['workbook', 'run', 'templates/workbooks/vo-above-water.json', '--json', out, '--today', '2026-05-15']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Строки ВО: строк 0, групп в сводной 0/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as WorkbookRun;
    expect(json.title).toBe('ВО выше воды в этом году');
    expect(json.sheets[0]?.fields.map((f) => f.name)).toEqual(['period', 'rso_name', 'district', 'address', 'v', 'v_water', 'subsidy', 'this_year', 'excess', 'ratio', 'far']);
    expect(json.sheets[0]?.pivot?.total).toEqual([0, 0, 0, 0, 0]);
  }, 240_000);
});
