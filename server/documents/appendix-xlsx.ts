import { dateText, periodText, rubCell } from './format.ts';
import type { Stamp } from './docx.ts';
import type { RegistryFacts, RejectedRow } from './registry-facts.ts';
import { rowCell, STYLE, writeSheet, type Cell } from './sheet-writer.ts';

const COLUMNS: { title: string; width: number }[] = [
  { title: '№ строки', width: 14 },
  { title: 'Адрес дома', width: 55 },
  { title: 'Код дома по ФИАС', width: 38 },
  { title: 'Заявленная сумма субсидии, руб.', width: 18 },
  { title: 'Расчетная сумма субсидии, руб.', width: 18 },
  { title: 'Причина отказа в согласовании', width: 70 },
];

const money = (kopecks: number | null): Cell => ({ v: kopecks === null ? null : rubCell(kopecks), s: STYLE.money });
const wrapped = (text: string): Cell => ({ v: text, s: STYLE.wrap });

/**
 * Приложение к письму: the rejected rows with their reasons and the registry's totals. Sums are numbers of
 * roubles (kopecks / 100, exact to the kopeck) with a money format, so the sheet can be summed and filtered.
 * «№ строки» is the one row number of the letter and the grid (`rowLabel`: the file's № п/п, its line in brackets
 * where they differ). Printed on landscape A4, fitted to the width, the table's header on every page; the summary's
 * labels span the first two columns and its values sit in the wide third one, so no sum is ever «###»; rows are
 * as tall as their wrapped reasons. Written by the sheet writer, not exceljs: 3,000 rejected rows took exceljs
 * about a second.
 */
export function renderAppendix(f: RegistryFacts, rejected: RejectedRow[], stamp: Stamp): Buffer {
  const merges: string[] = [];
  const top: Cell[][] = [];
  const line = (cells: Cell[], merge?: string): void => {
    top.push(cells);
    if (merge) merges.push(merge.replace(/#/g, String(top.length)));
  };
  line([{ v: `Приложение № ${stamp.number} от ${dateText(stamp.date)}`, s: STYLE.title }], 'A#:F#');
  line([{ v: `Несогласованные строки реестра № ${f.id} за ${periodText(f.period)}`, s: STYLE.bold }], 'A#:F#');
  const label = (text: string, value: Cell, more: Cell[] = []): void => {
    line([{ v: text, s: STYLE.bold }, null, value, ...more]);
    merges.push(`A${top.length}:B${top.length}`);
    if (more.length === 0) merges.push(`C${top.length}:F${top.length}`);
  };
  label('РСО', `${f.rsoName}, ИНН ${f.rsoInn}`);
  label('Услуга', f.service);
  label('Письмо РСО', `№ ${f.letterOutNo ?? 'б/н'} от ${dateText(f.letterOutDate)}`);
  for (const [text, kopecks, rows] of [
    ['Заявлено, руб.', f.declaredSum, f.rowsTotal],
    ['Согласовано, руб.', f.agreedSum, f.rowsAgreed],
    ['Не согласовано, руб.', f.rejectedSum, f.rowsRejected],
    ['Требует решения, руб.', f.pendingSum, f.rowsPending],
  ] as const) {
    label(text, { v: rubCell(kopecks), s: STYLE.boldMoney }, [`строк: ${rows}`]);
  }
  top.push([]);
  top.push(COLUMNS.map((c) => ({ v: c.title, s: STYLE.header })));
  const headerRow = top.length;

  function* lines(): Generator<Cell[]> {
    yield* top;
    for (const r of rejected) yield [rowCell(r.n, r.rowNo), wrapped(r.address), r.fiasId, money(r.subsidy), money(r.expected), wrapped(r.reason)];
    const total = rejected.reduce((s, r) => s + (r.subsidy ?? 0), 0);
    yield [{ v: 'Итого', s: STYLE.bold }, { v: `строк: ${rejected.length}`, s: STYLE.bold }, '', { v: rubCell(total), s: STYLE.boldMoney }, null, ''];
  }
  return writeSheet({ name: 'Приложение', widths: COLUMNS.map((c) => c.width), rows: lines(), headerRow, filterTo: headerRow + rejected.length, headerHeight: 32, landscapeFitToWidth: true, merges });
}

