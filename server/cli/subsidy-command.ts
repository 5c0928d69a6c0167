import { computeSubsidy, type PeriodSubsidy } from '../../formulas/standards/subsidy.ts';
import { readSubsidyInput } from '../../formulas/standards/subsidy-input.ts';
import { standardParams } from '../../formulas/standards/params.ts';
import { standardParamsTemplate } from '../../templates/index.ts';

export const SUBSIDY_USAGE = `sverka subsidy < ВХОД.json

  Субсидия семьи на оплату ЖКУ (ЖК РФ ст.159) по JSON со стандартного ввода; результат — JSON на стандартный вывод.
  Суммы — в рублях, числом или строкой («4 661,00»):
  {
    "members": ["working_age", "pensioner", "child"],  или [{"group": "child"}], или {"working_age": 2, "child": 1}
    "income_6m": 75000,                                доход семьи за 6 месяцев
    "category": "owner",                               tenant | owner | owner_no_kr
    "standard_per_member": {"heating": 4661, "non_heating": 3000},   стандарт на члена семьи в месяц
    "payment": {"heating": 5000, "non_heating": 3500},               фактический платёж в месяц
    "mdd": 0.22,                                       необязательно: доля (0.22), "22%" или 22; по умолчанию из шаблона
    "subsistence_minimum": {"working_age": 17932, "pensioner": 14151, "child": 16095}   необязательно
  }
  Результат: { "right", "reason", "n", "sd", "dsd", "pm_family", "k" (4 знака или null), "deduction" (МДД·(K·)СД),
    "heating": { "cost" (ССЖКУ), "c", "payment", "subsidy" (null — права нет), "capped" }, "non_heating": { … },
    "mdd" (доля), "subsistence_minimum" { по группам } — применённые параметры,
    "steps": [{ "label", "formula", "value" }] }
  Код выхода 0 — расчёт выполнен (в том числе когда права на субсидию нет), 2 — некорректный ввод (ошибки в stderr).`;

const periodJson = (p: PeriodSubsidy) => ({ cost: p.cost / 100, c: p.c / 100, payment: p.payment / 100, subsidy: p.subsidy === null ? null : p.subsidy / 100, capped: p.capped });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function subsidyCommand(args: string[], input: () => Promise<string> = readStdin): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SUBSIDY_USAGE);
    return 0;
  }
  const text = await input();
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    console.error(`Ввод не является JSON: ${e instanceof Error ? e.message : String(e)}\n\n${SUBSIDY_USAGE}`);
    return 2;
  }
  const read = readSubsidyInput(json, standardParams(standardParamsTemplate));
  if (!read.ok) {
    console.error(`Некорректный ввод, расчёт не выполнен:\n${read.problems.map((p) => `  ${p}`).join('\n')}`);
    return 2;
  }
  const r = computeSubsidy(read.value);
  console.log(JSON.stringify({
    right: r.right, reason: r.reason, n: r.n, sd: r.sd / 100, dsd: r.dsd / 100, pm_family: r.pmFamily / 100,
    k: r.k === null ? null : r.k / 10_000, deduction: r.deduction / 100,
    heating: periodJson(r.heating), non_heating: periodJson(r.non_heating),
    // the parameters applied: the template's, or the input's own
    mdd: read.value.mdd / 10_000, subsistence_minimum: Object.fromEntries(Object.entries(read.value.subsistenceMinimum).map(([g, k]) => [g, k / 100])),
    steps: r.steps,
  }, null, 1));
  return 0;
}
