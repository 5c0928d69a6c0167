import { columnOf, REGISTRY_COLUMNS, type ColumnKey, type RegistryColumn } from '../../formulas/registry/columns.ts';
import type { Sql } from '../db/database.ts';
import { parseDate } from '../../formulas/parse/date.ts';
import { dateText, rubCell } from './format.ts';
import { loadRegistryFacts } from './registry-facts.ts';
import { dateCell, monthCell, rowCell, STYLE, writeSheet, type Cell } from './sheet-writer.ts';

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
  row_n: number | null;
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
  address: 36,
  fiasId: 37,
  diffAttr: 14,
  territory: 20,
  supplySystem: 12,
  commissioned: 11,
  tariffKind: 16,
  eot: 12,
  lt: 14,
  vLiving: 14,
  vOdn: 14,
  subsidy: 16,
};
/** Text columns that wrap (their rows grow to fit): the sheet prints one page wide, so long texts go down, not right. */
const WRAPPED_COLUMNS = new Set<ColumnKey>(['address', 'diffAttr', 'territory', 'supplySystem', 'tariffKind']);
/** Every column as text, the integer one as a number. */
const SELECTED = REGISTRY_COLUMNS.map((c) => (c.kind === 'integer' ? c.sql : `${c.sql}::text as ${c.sql}`)).join(', ');

const ruleLabel = (id: string): string => (/^\d+$/.test(id) ? `#${id}` : id);
const num = (s: string | null): number | null => (s === null ? null : Number(s));

/**
 * The registry with every check result (`GET /registries/:id/export.xlsx`): its header data on top, then one
 * line per row as received, the expected sum of check 8, one column per rule with its status («Пройдена»,
 * «Не пройдена», «Пропущена»), the reasons of the rules not passed, and the reviewer's decision and reason.
 * The header of the table is frozen and filtered; money is in roubles with two decimals, exact to the kopeck; dates
 * and the period are date cells. Printed on landscape A4 fitted to the width, the table's header on every page.
 */
export async function registryWorkbook(sql: Sql, registryId: number): Promise<{ fileName: string; content: Buffer }> {
  const f = await loadRegistryFacts(sql, registryId);
  const [run] = await sql<RunRow[]>`
    select c.rule_set_id as "ruleSetId", c.rule_set_version as "ruleSetVersion", c.rule_ids as "ruleIds", c.rule_titles as "ruleTitles", c.reasons
    from registries r join check_runs c on c.id = r.check_run_id where r.id = ${registryId}`;
  const ruleIds = run?.ruleIds ?? [];
  const reasons = run?.reasons ?? [];
  const rows = await sql<ExportRow[]>`
    select row_no, n as row_n, ${sql.unsafe(SELECTED)}, expected_subsidy::text, array_to_string(check_status, ',') as st,
           array_to_string(check_reasons, ',') as rs, status, decision_reason
    from registry_rows where registry_id = ${registryId} order by row_no`;

  const base: { title: string; width: number }[] = [
    { title: '№ строки', width: 10 },
    ...REGISTRY_COLUMNS.map((c) => ({ title: c.title, width: WIDTHS[c.key] })),
    { title: 'Расчетная сумма субсидии, руб.', width: 16 },
    { title: 'Результат авто-проверки', width: 22 },
  ];
  const columns = [
    ...base,
    ...ruleIds.map((id, r) => ({ title: `${ruleLabel(id)} ${run?.ruleTitles[r] ?? ''}`.trim(), width: 12 })),
    { title: 'Причины', width: 50 },
    { title: 'Решение', width: 14 },
    { title: 'Причина решения', width: 36 },
  ];

  const heading: [string, Cell][] = [
    ['РСО', `${f.rsoName}, ИНН ${f.rsoInn}`],
    ['Услуга', f.service],
    ['Отчетный период', monthCell(f.period)],
    ['Муниципальный район', f.municipalDistrict ?? '—'],
    ['Статус', f.status],
    ['Исх. № / дата письма РСО', `${f.letterOutNo ?? 'б/н'} от ${dateText(f.letterOutDate)}`],
    ['Вх. № / дата письма РСО', `${f.letterInNo ?? 'б/н'} от ${dateText(f.letterInDate)}`],
    ['Поступил в систему', dateCell(f.registeredAt)],
    ['Исполнитель', f.executor ?? 'не назначен'],
    ['Срок проверки', f.checkDeadline ? dateCell(f.checkDeadline) : '—'],
    ['Срок оформления', f.finishDeadline ? dateCell(f.finishDeadline) : '—'],
    ['Набор правил', run ? `${run.ruleSetId}, версия ${run.ruleSetVersion}` : 'проверки не выполнялись'],
    ['Всего домов', f.rowsTotal],
  ];
  const sums = [['Заявленная сумма, руб.', f.declaredSum], ['Согласованная сумма, руб.', f.agreedSum], ['Не согласовано, руб.', f.rejectedSum], ['Требует решения, руб.', f.pendingSum]] as const;
  // the summary: labels across the first three columns (65 characters), values in the fourth (38) and on across
  // four for text, so no sum is «###» and no label is cut
  const top: Cell[][] = [[{ v: `Реестр № ${f.id}: результаты проверки`, s: STYLE.title }]];
  const merges = ['A1:H1'];
  const summary = (label: string, value: Cell, text: boolean): void => {
    top.push([{ v: label, s: STYLE.bold }, null, null, value]);
    merges.push(`A${top.length}:C${top.length}`);
    if (text) merges.push(`D${top.length}:H${top.length}`);
  };
  for (const [label, value] of heading) summary(label, value, typeof value === 'string');
  for (const [label, kopecks] of sums) summary(label, { v: rubCell(kopecks), s: STYLE.boldMoney }, false);
  top.push([]);
  top.push(columns.map((c) => ({ v: c.title, s: STYLE.header })));
  const headerRow = top.length;
  const filterTo = headerRow + rows.length;

  /** A row's cell of one column, and what it adds to the line of totals. */
  const cellOf = (c: RegistryColumn, v: unknown): Cell => {
    switch (c.kind) {
      case 'text':
        return WRAPPED_COLUMNS.has(c.key) && v ? { v: v as string, s: STYLE.wrap } : (v as string | null);
      case 'date': {
        // a date the file wrote readably is a date cell; a bare year or an unreadable text stays as written
        const text = v as string | null;
        const d = text ? parseDate(text) : null;
        return d?.ok && !d.value.yearOnly ? dateCell(d.value.iso) : text;
      }
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
        rowCell(r.row_n, r.row_no), ...REGISTRY_COLUMNS.map((c) => cellOf(c, r[c.sql])),
        { v: exp === null ? null : rubCell(exp), s: STYLE.money },
        run ? (failed.length ? `Есть ошибки ${failed.join(', ')}` : 'Без ошибок') : 'Не проверен',
        ...cells, { v: notes.join('; '), s: STYLE.wrap }, r.status, r.decision_reason ? { v: r.decision_reason, s: STYLE.wrap } : null,
      ];
    }
    // under «№ п/п» the number of rows; under the declared subsidy its sum
    yield [
      { v: 'Итого', s: STYLE.bold },
      ...REGISTRY_COLUMNS.map((c): Cell => (c.key === 'n' ? { v: rows.length, s: STYLE.bold } : c === SUBSIDY ? { v: rubCell(declared), s: STYLE.boldMoney } : c.kind === 'decimal' ? null : '')),
      { v: rubCell(expected), s: STYLE.boldMoney },
    ];
  }
  const content = Buffer.from(writeSheet({ name: 'Реестр', widths: columns.map((c) => c.width), rows: lines(), headerRow, filterTo, headerHeight: 75, landscapeFitToWidth: true, merges }));
  return { fileName: `Реестр ${f.id} ${f.rsoName} ${f.period}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), content };
}
