import type { Sql } from '../db/database.ts';
import { dateText, periodText, rubCell } from './format.ts';
import { loadRegistryFacts } from './registry-facts.ts';
import { STYLE, writeSheet, type Cell } from './sheet-writer.ts';

const STATUS_TEXT = ['', 'Пройдена', 'Не пройдена', 'Пропущена'] as const;

interface RunRow {
  ruleSetId: string;
  ruleSetVersion: number;
  ruleIds: string[];
  ruleTitles: string[];
  reasons: string[];
}

interface ExportRow {
  row_no: number;
  n: number | null;
  address: string | null;
  fias_id: string | null;
  diff_attr: string | null;
  territory: string | null;
  supply_system: string | null;
  commissioned: string | null;
  tariff_kind: string | null;
  eot: string | null;
  lt: string | null;
  v_living: string | null;
  v_odn: string | null;
  subsidy: string | null;
  expected_subsidy: string | null;
  /** the verdict arrays as text ('1,2,1'): the driver parses 30,000 arrays of arrays far slower than a split */
  st: string | null;
  rs: string | null;
  status: string;
  decision_reason: string | null;
}

const ruleLabel = (id: string): string => (/^\d+$/.test(id) ? `#${id}` : id);
const num = (s: string | null): number | null => (s === null ? null : Number(s));

/**
 * The registry with every check result (`GET /registries/:id/export.xlsx`): its header data on top, then one
 * line per row as received, the expected sum of check 8, one column per rule with its status («Пройдена»,
 * «Не пройдена», «Пропущена»), the reasons of the rules not passed, and the reviewer's decision and reason.
 * The header of the table is frozen and filtered; money is in roubles with two decimals, exact to the kopeck.
 */
export async function registryWorkbook(sql: Sql, registryId: number): Promise<{ fileName: string; content: Buffer }> {
  const f = await loadRegistryFacts(sql, registryId);
  const [run] = await sql<RunRow[]>`
    select c.rule_set_id as "ruleSetId", c.rule_set_version as "ruleSetVersion", c.rule_ids as "ruleIds", c.rule_titles as "ruleTitles", c.reasons
    from registries r join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  const ruleIds = run?.ruleIds ?? [];
  const reasons = run?.reasons ?? [];
  const rows = await sql<ExportRow[]>`
    select row_no, n, address, fias_id, diff_attr, territory, supply_system, commissioned, tariff_kind, eot::text, lt::text,
           v_living::text, v_odn::text, subsidy::text, expected_subsidy::text, array_to_string(check_status, ',') as st,
           array_to_string(check_reasons, ',') as rs, status, decision_reason
    from registry_rows where registry_id = ${registryId} order by row_no`;

  const base: { title: string; width: number }[] = [
    { title: '№ строки', width: 8 },
    { title: '№ п/п', width: 7 },
    { title: 'Адрес дома', width: 50 },
    { title: 'Код дома по ФИАС', width: 38 },
    { title: 'Дом, признак дифференциации тарифов', width: 22 },
    { title: 'Территория оказания услуги', width: 28 },
    { title: 'Система снабжения ком. ресурсом', width: 18 },
    { title: 'Дата ввода в эксплуатацию', width: 13 },
    { title: 'Вид тарифа', width: 30 },
    { title: 'ЭОТ, руб. (без НДС)', width: 12 },
    { title: 'Тариф, применяемый для начисления (без НДС)', width: 14 },
    { title: 'Потребление КУ в жилых помещениях', width: 14 },
    { title: 'Потребление КУ на ОДН', width: 14 },
    { title: 'Размер итоговой субсидии, руб.', width: 16 },
    { title: 'Расчетная сумма субсидии, руб.', width: 16 },
    { title: 'Результат авто-проверки', width: 22 },
  ];
  const columns = [
    ...base,
    ...ruleIds.map((id, r) => ({ title: `${ruleLabel(id)} ${run?.ruleTitles[r] ?? ''}`.trim(), width: 14 })),
    { title: 'Причины', width: 70 },
    { title: 'Решение', width: 16 },
    { title: 'Причина решения', width: 50 },
  ];

  const heading: [string, string | number][] = [
    ['РСО', `${f.rsoName}, ИНН ${f.rsoInn}`],
    ['Услуга', f.service],
    ['Отчетный период', periodText(f.period)],
    ['Муниципальный район', f.municipalDistrict ?? '—'],
    ['Статус', f.status],
    ['Исх. № / дата письма РСО', `${f.letterOutNo ?? 'б/н'} от ${dateText(f.letterOutDate)}`],
    ['Вх. № / дата письма РСО', `${f.letterInNo ?? 'б/н'} от ${dateText(f.letterInDate)}`],
    ['Поступил в систему', dateText(f.registeredAt)],
    ['Исполнитель', f.executor ?? 'не назначен'],
    ['Срок проверки', dateText(f.checkDeadline)],
    ['Срок оформления', dateText(f.finishDeadline)],
    ['Набор правил', run ? `${run.ruleSetId}, версия ${run.ruleSetVersion}` : 'проверки не выполнялись'],
    ['Всего домов', f.rowsTotal],
  ];
  const sums = [['Заявленная сумма, руб.', f.declaredSum], ['Согласованная сумма, руб.', f.agreedSum], ['Не согласовано, руб.', f.rejectedSum], ['Требует решения, руб.', f.pendingSum]] as const;
  const top: Cell[][] = [[{ v: `Реестр № ${f.id}: результаты проверки`, s: STYLE.title }]];
  for (const [label, value] of heading) top.push([{ v: label, s: STYLE.bold }, value]);
  for (const [label, kopecks] of sums) top.push([{ v: label, s: STYLE.bold }, { v: rubCell(kopecks), s: STYLE.money }]);
  top.push([]);
  top.push(columns.map((c) => ({ v: c.title, s: STYLE.header })));
  const headerRow = top.length;
  const filterTo = headerRow + rows.length;

  const dec = (v: string | null): Cell => ({ v: num(v), s: STYLE.decimal4 });
  // one line at a time, written as it is made: 30,000 lines of 29 cells held to the end kept the GC busy for seconds
  function* lines(): Generator<Cell[]> {
    yield* top;
    let declared = 0;
    let expected = 0;
    for (const r of rows) {
      const status = r.st ? r.st.split(',').map(Number) : [];
      const reasonIdx = r.rs ? r.rs.split(',').map(Number) : [];
      const failed: string[] = [];
      const notes: string[] = [];
      const cells = ruleIds.map((id, k) => {
        const st = status[k] ?? 0;
        if (st === 2) failed.push(ruleLabel(id));
        const reason = reasons[reasonIdx[k] ?? 0] ?? '';
        if (st !== 1 && reason) notes.push(`${ruleLabel(id)}${st === 3 ? ' (пропущена)' : ''}: ${reason}`);
        return STATUS_TEXT[st as 1 | 2 | 3] ?? '';
      });
      const subsidy = num(r.subsidy);
      const exp = num(r.expected_subsidy);
      declared += subsidy ?? 0;
      expected += exp ?? 0;
      yield [
        r.row_no, r.n, r.address, r.fias_id, r.diff_attr, r.territory, r.supply_system, r.commissioned, r.tariff_kind,
        dec(r.eot), dec(r.lt), dec(r.v_living), dec(r.v_odn),
        { v: subsidy === null ? null : rubCell(subsidy), s: STYLE.money }, { v: exp === null ? null : rubCell(exp), s: STYLE.money },
        run ? (failed.length ? `Есть ошибки ${failed.join(', ')}` : 'Без ошибок') : 'Не проверен',
        ...cells, notes.join('; '), r.status, r.decision_reason,
      ];
    }
    yield [
      { v: 'Итого', s: STYLE.bold }, { v: rows.length, s: STYLE.bold }, '', '', '', '', '', '', '', null, null, null, null,
      { v: rubCell(declared), s: STYLE.boldMoney }, { v: rubCell(expected), s: STYLE.boldMoney },
    ];
  }
  const content = Buffer.from(writeSheet({ name: 'Реестр', widths: columns.map((c) => c.width), rows: lines(), headerRow, filterTo, headerHeight: 75 }));
  return { fileName: `Реестр ${f.id} ${f.rsoName} ${f.period}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), content };
}
