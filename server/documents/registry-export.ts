import { columnOf, REGISTRY_COLUMNS, type ColumnKey, type RegistryColumn } from '../../formulas/registry/columns.ts';
import type { Sql } from '../db/database.ts';
import { dateText, periodText, rubCell } from './format.ts';
import { loadRegistryFacts } from './registry-facts.ts';
import { STYLE, writeSheet, type Cell } from './sheet-writer.ts';

const STATUS_TEXT = ['', 'Пройдена', 'Не пройдена', 'Пропущена'] as const;
/** The declared subsidy: summed in the line of totals. */
const SUBSIDY = columnOf('subsidy');

interface RunRow {
  ruleSetId: string;
  ruleSetVersion: number;
  ruleIds: string[];
  ruleTitles: string[];
  reasons: string[];
}

/** A row's columns (`REGISTRY_COLUMNS` by SQL name) as text: the driver parses numbers and arrays far slower. */
interface ExportRow extends Record<string, unknown> {
  row_no: number;
  expected_subsidy: string | null;
  /** the verdict arrays as text ('1,2,1'): the driver parses 30,000 arrays of arrays far slower than a split */
  st: string | null;
  rs: string | null;
  status: string;
  decision_reason: string | null;
}

/** Column widths of the row's columns, in characters. */
const WIDTHS: Record<ColumnKey, number> = {
  n: 7,
  address: 50,
  fiasId: 38,
  diffAttr: 22,
  territory: 28,
  supplySystem: 18,
  commissioned: 13,
  tariffKind: 30,
  eot: 12,
  lt: 14,
  vLiving: 14,
  vOdn: 14,
  subsidy: 16,
};
/** Every column as text, the integer one as a number. */
const SELECTED = REGISTRY_COLUMNS.map((c) => (c.kind === 'integer' ? c.sql : `${c.sql}::text as ${c.sql}`)).join(', ');

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
    select row_no, ${sql.unsafe(SELECTED)}, expected_subsidy::text, array_to_string(check_status, ',') as st,
           array_to_string(check_reasons, ',') as rs, status, decision_reason
    from registry_rows where registry_id = ${registryId} order by row_no`;

  const base: { title: string; width: number }[] = [
    { title: '№ строки', width: 8 },
    ...REGISTRY_COLUMNS.map((c) => ({ title: c.title, width: WIDTHS[c.key] })),
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

  /** A row's cell of one column, and what it adds to the line of totals. */
  const cellOf = (c: RegistryColumn, v: unknown): Cell => {
    switch (c.kind) {
      case 'text':
      case 'date':
        return v as string | null;
      case 'integer':
        return v as number | null;
      case 'decimal':
        return { v: num(v as string | null), s: STYLE.decimal4 };
      case 'money': {
        const k = num(v as string | null);
        return { v: k === null ? null : rubCell(k), s: STYLE.money };
      }
      default:
        return c satisfies never;
    }
  };
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
      const exp = num(r.expected_subsidy);
      declared += num(r[SUBSIDY.sql] as string | null) ?? 0;
      expected += exp ?? 0;
      yield [
        r.row_no, ...REGISTRY_COLUMNS.map((c) => cellOf(c, r[c.sql])),
        { v: exp === null ? null : rubCell(exp), s: STYLE.money },
        run ? (failed.length ? `Есть ошибки ${failed.join(', ')}` : 'Без ошибок') : 'Не проверен',
        ...cells, notes.join('; '), r.status, r.decision_reason,
      ];
    }
    // under «№ п/п» the number of rows; under the declared subsidy its sum
    yield [
      { v: 'Итого', s: STYLE.bold },
      ...REGISTRY_COLUMNS.map((c): Cell => (c.key === 'n' ? { v: rows.length, s: STYLE.bold } : c === SUBSIDY ? { v: rubCell(declared), s: STYLE.boldMoney } : c.kind === 'decimal' ? null : '')),
      { v: rubCell(expected), s: STYLE.boldMoney },
    ];
  }
  const content = Buffer.from(writeSheet({ name: 'Реестр', widths: columns.map((c) => c.width), rows: lines(), headerRow, filterTo, headerHeight: 75 }));
  return { fileName: `Реестр ${f.id} ${f.rsoName} ${f.period}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), content };
}
