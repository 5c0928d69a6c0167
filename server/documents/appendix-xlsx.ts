import { dateText, periodText, rubCell } from './format.ts';
import type { Stamp } from './docx.ts';
import type { RegistryFacts, RejectedRow } from './registry-facts.ts';
import { STYLE, writeSheet, type Cell } from './sheet-writer.ts';

const COLUMNS: { title: string; width: number }[] = [
  { title: '№ строки', width: 10 },
  { title: '№ п/п', width: 8 },
  { title: 'Адрес дома', width: 60 },
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
 * Written by the sheet writer, not exceljs: 3,000 rejected rows took exceljs about a second.
 */
export function renderAppendix(f: RegistryFacts, rejected: RejectedRow[], stamp: Stamp): Buffer {
  const label = (text: string, value: Cell): Cell[] => [{ v: text, s: STYLE.bold }, value];
  const top: Cell[][] = [
    [{ v: `Приложение № ${stamp.number} от ${dateText(stamp.date)}`, s: STYLE.title }],
    [{ v: `Несогласованные строки реестра № ${f.id} за ${periodText(f.period)}`, s: STYLE.bold }],
    label('РСО', `${f.rsoName}, ИНН ${f.rsoInn}`),
    label('Услуга', f.service),
    label('Письмо РСО', `№ ${f.letterOutNo ?? 'б/н'} от ${dateText(f.letterOutDate)}`),
  ];
  for (const [text, kopecks, rows] of [
    ['Заявлено', f.declaredSum, f.rowsTotal],
    ['Согласовано', f.agreedSum, f.rowsAgreed],
    ['Не согласовано', f.rejectedSum, f.rowsRejected],
    ['Требует решения', f.pendingSum, f.rowsPending],
  ] as const) {
    top.push([...label(text, money(kopecks)), `строк: ${rows}`]);
  }
  top.push([]);
  top.push(COLUMNS.map((c) => ({ v: c.title, s: STYLE.header })));
  const headerRow = top.length;

  function* lines(): Generator<Cell[]> {
    yield* top;
    for (const r of rejected) yield [r.rowNo, r.n, wrapped(r.address), r.fiasId, money(r.subsidy), money(r.expected), wrapped(r.reason)];
    const total = rejected.reduce((s, r) => s + (r.subsidy ?? 0), 0);
    yield [{ v: 'Итого', s: STYLE.bold }, { v: rejected.length, s: STYLE.bold }, '', '', { v: rubCell(total), s: STYLE.boldMoney }, null, ''];
  }
  return writeSheet({ name: 'Приложение', widths: COLUMNS.map((c) => c.width), rows: lines(), headerRow, filterTo: headerRow + rejected.length, landscapeFitToWidth: true });
}
