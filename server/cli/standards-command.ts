import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem } from '../../formulas/problem.ts';
import type { House, HouseService, MoRate, ReferenceKind } from '../../formulas/reference/types.ts';
import { computeStandardSet, type StandardSet } from '../../formulas/standards/model.ts';
import { standardParams } from '../../formulas/standards/params.ts';
import type { StandardFormulaTemplate } from '../../formulas/standards/sheet.ts';
import { readFormulaTemplate } from '../../formulas/standards/template-read.ts';
import { standardsByTemplate } from '../../formulas/standards/template-set.ts';
import type { GroupKey, Standards } from '../../formulas/standards/types.ts';
import { standardFormulaTemplate, standardParamsTemplate } from '../../templates/index.ts';
import { loadReferenceKinds, UnreadableInput } from '../checks/load-files.ts';

export const STANDARDS_USAGE = `sverka standards --reference КАТАЛОГ --json ВЫХОД [--template ШАБЛОН.json]

  Группы домов и стандарты стоимости ЖКУ на члена семьи по файлам каталога: houses, house_services, mo_rates
  (csv или xlsx; файлы tariffs и gis_houses для расчёта не нужны). Результат — JSON:
  { "groups": [{ "id", "key": { municipal_district, settlement, house_type, heating_type, services: [{ service,
      tariff, norm, norm_unit, heating_only }] }, "houses": N, "standards": { "tenant": {"1": {"heating": x,
      "non_heating": y}, "2": …, "3": …}, "owner": …, "owner_no_kr": … }, "reason": null }],
    "houses": { "<fias_id>": "<id группы>" } }
  Суммы — числа в рублях с 2 знаками (3885.82); тарифы и нормативы — числа с 4 знаками. Группа без ставок МО или
  с дублем услуги получает "standards": null и причину в "reason". "3" — семья из 3 и более человек.
  Формулы стандарта — шаблон templates/standards/formula.json; --template задаёт другой (тот же вид, или версия
  шаблона, как её отдаёт сервер: { "version", "template": { … } }), он вычисляется HyperFormula для каждой группы.
  Код выхода 0 — расчёт выполнен, 2 — входные файлы или шаблон не прочитаны (ошибки в stderr).`;

const NEEDED = ['houses', 'house_services', 'mo_rates'] as const satisfies readonly ReferenceKind[];

/** Reads the reference files the standards need; any problem is fatal. */
async function loadStandardsDir(dir: string): Promise<{ houses: House[]; services: HouseService[]; moRates: MoRate[] }> {
  const data = await loadReferenceKinds(dir, NEEDED);
  return { houses: data.houses as House[], services: data.house_services as HouseService[], moRates: data.mo_rates as MoRate[] };
}

type Rub = number;
const rub = (k: number): Rub => k / 100;
const dec4 = (x: number): number => x / 10_000;

function standardsJson(s: Standards): Record<string, Record<string, { heating: Rub; non_heating: Rub }>> {
  return Object.fromEntries(Object.entries(s).map(([c, byN]) => [c, Object.fromEntries(Object.entries(byN).map(([n, p]) => [n, { heating: rub(p.heating), non_heating: rub(p.non_heating) }]))]));
}

const keyJson = (k: GroupKey) => ({ ...k, services: k.services.map((s) => ({ ...s, tariff: dec4(s.tariff), norm: dec4(s.norm) })) });

/** The JSON of `sverka standards`: amounts in roubles, tariffs and norms as decimals. */
export function standardSetJson(set: StandardSet) {
  return {
    groups: set.groups.map((g) => ({ id: g.id, key: keyJson(g.key), houses: g.houses, standards: g.standards ? standardsJson(g.standards) : null, reason: g.reason })),
    houses: Object.fromEntries(set.houses),
  };
}

/** The template of --template, or null after printing why it cannot be used (file named). */
function readTemplateFile(path: string, params: Parameters<typeof readFormulaTemplate>[1]): StandardFormulaTemplate | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    console.error(`${path}: шаблон не прочитан: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
  const read = readFormulaTemplate(json, params);
  if (read.ok) return read.template;
  for (const p of read.problems) console.error(`${path}: ${p}`);
  return null;
}

export async function standardsCommand(args: string[]): Promise<number> {
  let values: { reference?: string; json?: string; template?: string };
  try {
    values = parseArgs({ args, options: { reference: { type: 'string' }, json: { type: 'string' }, template: { type: 'string' } } }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${STANDARDS_USAGE}`);
    return 2;
  }
  if (!values.reference || !values.json) {
    console.error(`Не хватает параметров.\n\n${STANDARDS_USAGE}`);
    return 2;
  }
  const params = standardParams(standardParamsTemplate);
  try {
    // the template first: a bad one is refused before the reference files are read
    let template: StandardFormulaTemplate = standardFormulaTemplate;
    if (values.template) {
      const read = readTemplateFile(values.template, params);
      if (!read) return 2;
      template = read;
    }
    const input = await loadStandardsDir(values.reference);
    const exact = computeStandardSet({ houses: input.houses, services: input.services, moRates: input.moRates }, params);
    const set = standardsByTemplate(exact, template, standardFormulaTemplate, params);
    writeFileSync(values.json, `${JSON.stringify(standardSetJson(set), null, 1)}\n`);
    const without = set.groups.filter((g) => g.standards === null).length;
    const by = values.template ? `по шаблону ${values.template}${template.version ? ` (v${template.version})` : ''}` : 'по шаблону поставки';
    console.log(`Домов ${input.houses.length}, групп ${set.groups.length}${without ? `, из них без стандарта ${without}` : ''}; стандарты ${by}; записано в ${values.json}`);
    return 0;
  } catch (e) {
    if (e instanceof UnreadableInput) {
      for (const p of e.problems) console.error(formatProblem(p));
      return 2;
    }
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('E')) {
      console.error(`Не удалось прочитать или записать файл: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
