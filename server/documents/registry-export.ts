import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Sql } from '../db/database.ts';
import { dateText, MONEY_FORMAT, periodText, rubCell } from './format.ts';
import { loadRegistryFacts } from './registry-facts.ts';

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
  check_status: number[] | null;
  check_reasons: number[] | null;
  status: string;
  decision_reason: string | null;
}

const ruleLabel = (id: string): string => (/^\d+$/.test(id) ? `#${id}` : id);
const num = (s: string | null): number | null => (s === null ? null : Number(s));

/** Streams a workbook into memory: the streaming writer keeps a 30,000-row sheet from holding every cell object. */
async function writeStreamed(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Сверка';
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

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
           v_living::text, v_odn::text, subsidy::text, expected_subsidy::text, check_status, check_reasons, status, decision_reason
    from registry_rows where registry_id = ${registryId} order by row_no`;

  const base: { title: string; width: number; numFmt?: string }[] = [
    { title: '№ строки', width: 8 },
    { title: '№ п/п', width: 7 },
    { title: 'Адрес дома', width: 50 },
    { title: 'Код дома по ФИАС', width: 38 },
    { title: 'Дом, признак дифференциации тарифов', width: 22 },
    { title: 'Территория оказания услуги', width: 28 },
    { title: 'Система снабжения ком. ресурсом', width: 18 },
    { title: 'Дата ввода в эксплуатацию', width: 13 },
    { title: 'Вид тарифа', width: 30 },
    { title: 'ЭОТ, руб. (без НДС)', width: 12, numFmt: '#,##0.0000' },
    { title: 'Тариф, применяемый для начисления (без НДС)', width: 14, numFmt: '#,##0.0000' },
    { title: 'Потребление КУ в жилых помещениях', width: 14, numFmt: '#,##0.0000' },
    { title: 'Потребление КУ на ОДН', width: 14, numFmt: '#,##0.0000' },
    { title: 'Размер итоговой субсидии, руб.', width: 16, numFmt: MONEY_FORMAT },
    { title: 'Расчетная сумма субсидии, руб.', width: 16, numFmt: MONEY_FORMAT },
    { title: 'Результат авто-проверки', width: 22 },
  ];
  const columns = [
    ...base,
    ...ruleIds.map((id, r) => ({ title: `${ruleLabel(id)} ${run?.ruleTitles[r] ?? ''}`.trim(), width: 14 })),
    { title: 'Причины', width: 70 },
    { title: 'Решение', width: 16 },
    { title: 'Причина решения', width: 50 },
  ];

  const content = await writeStreamed(async (wb) => {
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
    // title, heading, sums, a blank line, then the table's header: the streaming writer takes the frozen view up front
    const headerNo = 1 + heading.length + sums.length + 1 + 1;
    const ws = wb.addWorksheet('Реестр', { views: [{ state: 'frozen', xSplit: 0, ySplit: headerNo }] });
    ws.columns = columns.map((c) => ({ width: c.width }));
    const title = ws.addRow([`Реестр № ${f.id}: результаты проверки`]);
    title.font = { bold: true, size: 14 };
    title.commit();
    for (const [label, value] of heading) {
      const row = ws.addRow([label, value]);
      row.getCell(1).font = { bold: true };
      row.commit();
    }
    for (const [label, kopecks] of sums) {
      const row = ws.addRow([label, rubCell(kopecks)]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).numFmt = MONEY_FORMAT;
      row.commit();
    }
    ws.addRow([]).commit();

    const header = ws.addRow(columns.map((c) => c.title));
    if (header.number !== headerNo) throw new Error(`registry export: header on row ${header.number}, expected ${headerNo}`);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
    ws.autoFilter = { from: { row: headerNo, column: 1 }, to: { row: headerNo + rows.length, column: columns.length } };
    header.commit();

    let declared = 0;
    let expected = 0;
    for (const r of rows) {
      const status = r.check_status ?? [];
      const reasonIdx = r.check_reasons ?? [];
      const failed: string[] = [];
      const notes: string[] = [];
      const cells = ruleIds.map((id, k) => {
        const s = status[k] ?? 0;
        if (s === 2) failed.push(ruleLabel(id));
        const reason = reasons[reasonIdx[k] ?? 0] ?? '';
        if (s !== 1 && reason) notes.push(`${ruleLabel(id)}${s === 3 ? ' (пропущена)' : ''}: ${reason}`);
        return STATUS_TEXT[s as 1 | 2 | 3] ?? '';
      });
      const subsidy = num(r.subsidy);
      const exp = num(r.expected_subsidy);
      declared += subsidy ?? 0;
      expected += exp ?? 0;
      const row = ws.addRow([
        r.row_no, r.n, r.address, r.fias_id, r.diff_attr, r.territory, r.supply_system, r.commissioned, r.tariff_kind,
        num(r.eot), num(r.lt), num(r.v_living), num(r.v_odn),
        subsidy === null ? null : rubCell(subsidy), exp === null ? null : rubCell(exp),
        run ? (failed.length ? `Есть ошибки ${failed.join(', ')}` : 'Без ошибок') : 'Не проверен',
        ...cells, notes.join('; '), r.status, r.decision_reason,
      ]);
      for (let k = 0; k < base.length; k++) {
        const fmt = base[k]?.numFmt;
        if (fmt) row.getCell(k + 1).numFmt = fmt;
      }
      row.commit();
    }
    const total = ws.addRow(['Итого', rows.length, '', '', '', '', '', '', '', null, null, null, null, rubCell(declared), rubCell(expected)]);
    total.font = { bold: true };
    total.getCell(14).numFmt = MONEY_FORMAT;
    total.getCell(15).numFmt = MONEY_FORMAT;
    total.commit();
    ws.commit();
  });
  return { fileName: `Реестр ${f.id} ${f.rsoName} ${f.period}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), content };
}
