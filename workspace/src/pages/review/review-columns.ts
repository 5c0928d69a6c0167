import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
import { formatDate } from '../../format.ts';
import { ROW_STATUS_NAMES, scaled4, type ReviewRow, type RowsModel } from './review-rows.ts';

// `type: 'rightAligned'` sets the header; the cell class must repeat ag-grid's own, which ours would replace.
const numeric: Partial<ColDef<ReviewRow>> = { type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'cell--number'] };

const scaled =
  (min: number) =>
  (p: ValueFormatterParams<ReviewRow, number>): string =>
    p.value === undefined || p.value === null || Number.isNaN(p.value) ? '' : fmtScaled4(p.value, min);

/** A commissioning date as written, ISO shown as ДД.ММ.ГГГГ. */
const dateText = (s: string): string => (/^\d{4}-\d{2}-\d{2}/.test(s) ? formatDate(s) : s);

/** NaN sorts as the smallest value, so empty cells gather at one end. */
const byNumber = (a: number, b: number): number => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b);

/**
 * The registry's columns as the seed lists them, then the check result and the row status. Every cell reads
 * the payload's columns through the row's index: the grid's row objects stay three fields small.
 */
export function reviewColumns(model: RowsModel, unit: string): ColDef<ReviewRow>[] {
  const p = model.payload;
  const at =
    <T,>(col: T[]) =>
    (row: ReviewRow | undefined): T | undefined =>
      row ? col[row.i] : undefined;
  const text = (col: string[]) => {
    const get = at(col);
    return (x: { data?: ReviewRow }) => get(x.data) ?? '';
  };
  const decimal = (col: (string | null)[]) => {
    const get = at(col);
    return (x: { data?: ReviewRow }) => scaled4(get(x.data) ?? null);
  };
  return [
    {
      colId: 'n',
      headerName: '№',
      width: 58,
      ...numeric,
      valueGetter: (x) => (x.data ? (p.n[x.data.i] ?? p.rowNo[x.data.i] ?? null) : null),
    },
    { colId: 'address', headerName: 'Адрес дома', valueGetter: text(p.address), flex: 1, minWidth: 160, tooltipValueGetter: (x) => (x.data ? p.address[x.data.i] : '') },
    { colId: 'eot', headerName: 'ЭОТ, руб.', headerTooltip: 'ЭОТ, руб. (без НДС)', valueGetter: decimal(p.eot), valueFormatter: scaled(2), comparator: byNumber, width: 96, ...numeric },
    { colId: 'lt', headerName: 'ЛТ, руб.', headerTooltip: 'Тариф, применяемый для начисления (без НДС)', valueGetter: decimal(p.lt), valueFormatter: scaled(2), comparator: byNumber, width: 96, ...numeric },
    { colId: 'vLiving', headerName: `В жилых, ${unit}`, headerTooltip: 'Потребление КУ в жилых помещениях', valueGetter: decimal(p.vLiving), valueFormatter: scaled(4), comparator: byNumber, width: 96, ...numeric },
    { colId: 'vOdn', headerName: `На ОДН, ${unit}`, headerTooltip: 'Потребление КУ на ОДН', valueGetter: decimal(p.vOdn), valueFormatter: scaled(4), comparator: byNumber, width: 96, ...numeric },
    {
      colId: 'subsidy',
      headerName: 'Субсидия, руб.',
      headerTooltip: 'Размер итоговой субсидии, руб.',
      valueGetter: (x) => (x.data ? (p.subsidy[x.data.i] ?? Number.NaN) : Number.NaN),
      valueFormatter: (x: ValueFormatterParams<ReviewRow, number>) => (x.value === null || x.value === undefined || Number.isNaN(x.value) ? '' : fmtKopecks(x.value)),
      comparator: byNumber,
      width: 104,
      ...numeric,
    },
    { colId: 'diffAttr', headerName: 'Признак дифф. тарифов', headerTooltip: 'Дом, признак дифференциации тарифов', valueGetter: text(p.diffAttr), width: 110 },
    { colId: 'territory', headerName: 'Территория', headerTooltip: 'Территория оказания услуги', valueGetter: text(p.territory), width: 170 },
    { colId: 'supplySystem', headerName: 'Система снабжения', headerTooltip: 'Система снабжения коммунальным ресурсом', valueGetter: text(p.supplySystem), width: 110 },
    { colId: 'commissioned', headerName: 'Дата ввода', headerTooltip: 'Дата ввода в эксплуатацию', valueGetter: (x) => dateText(text(p.commissioned)(x)), width: 100 },
    { colId: 'tariffKind', headerName: 'Вид тарифа', valueGetter: text(p.tariffKind), width: 180, tooltipValueGetter: (x) => (x.data ? p.tariffKind[x.data.i] : '') },
    {
      colId: 'verdict',
      headerName: 'Автопроверка',
      headerTooltip: 'Результаты автопроверки',
      valueGetter: (x) => (x.data ? model.verdict(x.data.i) : ''),
      tooltipValueGetter: (x) => (x.data ? model.verdict(x.data.i) : ''),
      width: 150,
      pinned: 'right',
      cellClassRules: { 'cell--failed': (x) => (x.data ? !model.clean(x.data.i) : false), 'cell--passed': (x) => (x.data ? model.verdict(x.data.i) === 'Без ошибок' : false) },
    },
    {
      colId: 'status',
      headerName: 'Статус',
      field: 'status',
      valueFormatter: (x: ValueFormatterParams<ReviewRow, number>) => ROW_STATUS_NAMES[x.value ?? 0] ?? '',
      width: 150,
      pinned: 'right',
      cellClassRules: { 'review-status--agreed': (x) => x.value === 1, 'review-status--rejected': (x) => x.value === 2 },
    },
  ];
}
