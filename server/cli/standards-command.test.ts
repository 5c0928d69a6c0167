import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { H, STANDARDS_FILES } from '../standards/testing.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sverka-cli-standards-'));
  mkdirSync(join(dir, 'ref'));
  for (const [kind, text] of Object.entries(STANDARDS_FILES)) writeFileSync(join(dir, 'ref', `${kind}.csv`), text);
});

const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['bin/sverka.js', ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('sverka standards', () => {
  it('writes groups with their standards in roubles and every house’s group', () => {
    const out = join(dir, 'standards.json');
    const r = run(['standards', '--reference', join(dir, 'ref'), '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Домов 6, групп 5, из них без стандарта 2/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(json.houses).sort()).toEqual([...H].sort());
    expect(json.houses[H[0]!]).toBe(json.houses[H[1]!]);
    const g = json.groups.find((x: { id: string }) => x.id === json.houses[H[0]!]);
    expect(g.houses).toBe(2);
    expect(g.key).toMatchObject({ municipal_district: 'Абатский муниципальный район', settlement: 'все', house_type: 'МКД', heating_type: 'центральное' });
    expect(g.key.services).toContainEqual({ service: 'ТС', tariff: 2500, norm: 0.022, norm_unit: 'м2', heating_only: true });
    // 33·(20 + 10) + 33·2500·0,022 + 41,73·5,1 + 8,68·100 = 3885,823; without ТС 2070,823
    expect(g.standards.owner['1']).toEqual({ heating: 3885.82, non_heating: 2070.82 });
    // tenant n = 3+: 18·23 + 18·55 + 1080,823 = 2484,823
    expect(g.standards.tenant['3']).toEqual({ heating: 2484.82, non_heating: 1494.82 });
    expect(Object.keys(g.standards)).toEqual(['tenant', 'owner', 'owner_no_kr']);
    expect(Object.keys(g.standards.owner)).toEqual(['1', '2', '3']);
    const kazan = json.groups.find((x: { id: string }) => x.id === json.houses[H[4]!]);
    expect(kazan).toMatchObject({ standards: null, reason: expect.stringMatching(/Нет ставок МО/) });
  });

  it('computes by another formula template with --template, and refuses a bad one naming the file and field', () => {
    const out = join(dir, 'by-template.json');
    const shipped = JSON.parse(readFileSync('templates/standards/formula.json', 'utf8'));
    // a saved version as GET /standards/template gives it: the owner pays capital repair twice over
    const tpl = join(dir, 'template-v7.json');
    writeFileSync(tpl, JSON.stringify({ version: 7, comment: 'двойной капремонт', template: { ...shipped, version: 7, housing: { ...shipped.housing, owner: '{MAINTENANCE}+2*{CAPITAL_REPAIR}' } } }));
    const r = run(['standards', '--reference', join(dir, 'ref'), '--json', out, '--template', tpl]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/стандарты по шаблону .*template-v7\.json \(v7\)/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const g = json.groups.find((x: { id: string }) => x.id === json.houses[H[0]!]);
    // 3885,82 + 33 × 10 руб./м² more capital repair
    expect(g.standards.owner['1']).toEqual({ heating: 4215.82, non_heating: 2400.82 });
    expect(g.standards.tenant['3']).toEqual({ heating: 2484.82, non_heating: 1494.82 });
    // the same template written as Russian Excel writes it gives the same standards
    const russian = join(dir, 'template-ru.json');
    writeFileSync(russian, JSON.stringify({
      ...shipped,
      version: 7,
      housing: { ...shipped.housing, owner: '{MAINTENANCE}+2*{CAPITAL_REPAIR}' },
      heating: '={S}*({HOUSING})+{S}*СУММПРОИЗВ({TARIFF};{NORM};{PER_M2})+СУММПРОИЗВ({TARIFF};{NORM};{PER_PERSON})*1,0',
    }));
    const ru = run(['standards', '--reference', join(dir, 'ref'), '--json', join(dir, 'by-template-ru.json'), '--template', russian]);
    expect(ru.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'by-template-ru.json'), 'utf8')).groups).toEqual(json.groups);
    const bad = join(dir, 'template-bad.json');
    writeFileSync(bad, JSON.stringify({ ...shipped, heating: '={S}*{HOUSNG}' }));
    const refused = run(['standards', '--reference', join(dir, 'ref'), '--json', join(dir, 'never.json'), '--template', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/template-bad\.json: heating: неизвестный компонент \{HOUSNG\}/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('exits 2 naming file, row and column when a file is bad or missing', () => {
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'houses.csv'), STANDARDS_FILES.houses);
    writeFileSync(join(dir, 'bad', 'house_services.csv'), STANDARDS_FILES.house_services.replace('41,73', 'сорок'));
    const r = run(['standards', '--reference', join(dir, 'bad'), '--json', join(dir, 'x.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/house_services\.csv, строка 2, столбец «tariff»: не число: «сорок»/);
    expect(r.stderr).toMatch(/нет файла справочника «mo_rates»/);
    expect(run(['standards', '--json', join(dir, 'x.json')]).status).toBe(2);
  });
});

describe('sverka subsidy', () => {
  const example = { members: ['working_age'], income_6m: 75000, category: 'owner', standard_per_member: { heating: '4 661,00', non_heating: 3000 }, payment: { heating: 5000, non_heating: 3500 }, mdd: '22%', subsistence_minimum: { working_age: 12000 } };

  it('computes the DOMAIN.md example: 4,661.00 − 2,750.00 = 1,911.00', () => {
    const r = run(['subsidy'], JSON.stringify(example));
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ right: true, sd: 12500, k: null, deduction: 2750, heating: { cost: 4661, c: 1911, subsidy: 1911, capped: false }, non_heating: { subsidy: 250 } });
    expect(json.steps[0]).toEqual({ label: 'Среднемесячный доход семьи (СД)', formula: 'доход за 6 месяцев 75 000,00 руб. / 6', value: '12 500,00 руб.' });
  });

  it('applies K below the subsistence minimum, caps at the payment, and reports no right', () => {
    const k = JSON.parse(run(['subsidy'], JSON.stringify({ ...example, members: { working_age: 2, child: 1 }, income_6m: '150000', subsistence_minimum: { working_age: 12000, child: 11500 }, standard_per_member: { heating: 3000, non_heating: 2000 } })).stdout);
    expect(k).toMatchObject({ k: 0.7042, deduction: 3873.1, heating: { cost: 9000, c: 5126.9, subsidy: 5000, capped: true }, non_heating: { subsidy: 2126.9 } });
    const none = JSON.parse(run(['subsidy'], JSON.stringify({ ...example, income_6m: 180000, standard_per_member: { heating: 6600, non_heating: 5000 } })).stdout);
    expect(none).toMatchObject({ right: false, heating: { c: 0, subsidy: null }, non_heating: { subsidy: null } });
    expect(none.reason).toMatch(/Права на субсидию нет/);
  });

  it('honours the input’s МДД and ПМ and prints the ones it applied; defaults from the template otherwise', () => {
    // МДД 18%: 4,661.00 − 0.18 × 12,500 = 2,411.00
    const own = JSON.parse(run(['subsidy'], JSON.stringify({ ...example, mdd: 0.18 })).stdout);
    expect(own).toMatchObject({ deduction: 2250, heating: { c: 2411, subsidy: 2411 }, mdd: 0.18, subsistence_minimum: { working_age: 12000, pensioner: 14151, child: 16095 } });
    // ПМ of the working-age raised above Дсд 12,500: K = 12,500 / 13,000 = 0.9615 applies
    const pm = JSON.parse(run(['subsidy'], JSON.stringify({ ...example, subsistence_minimum: { working_age: '13 000' } })).stdout);
    expect(pm).toMatchObject({ k: 0.9615, pm_family: 13000, subsistence_minimum: { working_age: 13000 } });
    const { mdd: _m, subsistence_minimum: _s, ...plain } = example;
    expect(JSON.parse(run(['subsidy'], JSON.stringify(plain)).stdout)).toMatchObject({ mdd: 0.22, subsistence_minimum: { working_age: 17932 }, k: 0.6971 });
    const bad = run(['subsidy'], JSON.stringify({ ...example, mdd: 0, subsistence_minimum: { working_age: 0 } }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/mdd: доля должна быть больше 0/);
    expect(bad.stderr).toMatch(/subsistence_minimum\.working_age: прожиточный минимум должен быть больше нуля/);
  });

  it('exits 2 with Russian messages on bad input', () => {
    const bad = run(['subsidy'], JSON.stringify({ ...example, members: ['студент'], income_6m: 'много', category: 'arendator' }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/members\[0\]: неизвестная группа "студент"/);
    expect(bad.stderr).toMatch(/income_6m: не число: «много»/);
    expect(bad.stderr).toMatch(/category: нужна категория tenant, owner, owner_no_kr/);
    const notJson = run(['subsidy'], '{members: 1');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/Ввод не является JSON/);
    expect(run(['subsidy', '--help']).stdout).toMatch(/"standard_per_member"/);
  });
});
