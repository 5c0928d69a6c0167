import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { RegistryListItem, RegistryStatus } from '../../../../server/contract/registries.ts';
import { formatDate, formatInteger, formatPeriod, formatRubles } from '../../format.ts';
import { STATUS_SLUGS } from './list-filters.ts';
import { SetFilter, SetFloatingFilter } from '../../grid/set-filter.ts';

/** «осталось 3 раб. дн.», «срок сегодня», «просрочен на 2 раб. дн.»; '' once the registry is finished. */
export function daysLeftText(days: number | null): string {
  if (days === null) return '';
  if (days > 0) return `осталось ${formatInteger(days)} раб. дн.`;
  if (days === 0) return 'срок сегодня';
  return `просрочен на ${formatInteger(-days)} раб. дн.`;
}

/** Statuses whose agreed sum means something: decided rows exist or the registry is finished. */
const AGREED_SHOWN: ReadonlySet<RegistryStatus> = new Set(['В работе', 'Согласован', 'Не согласован']);

/** The agreed sum as the list shows it: «—» while nothing can have been agreed. */
export const agreedText = (r: RegistryListItem): string => (AGREED_SHOWN.has(r.status) ? formatRubles(r.agreedSum) : '—');

/** A cell of two lines, the second one smaller and muted. Always elements: a string would be parsed as HTML. */
function twoLines(main: string, sub: string, subClass = ''): HTMLElement {
  const cell = document.createElement('div');
  cell.className = 'registries-cell';
  const a = document.createElement('span');
  a.className = 'registries-cell__main';
  a.textContent = main;
  cell.append(a);
  if (sub) {
    const b = document.createElement('span');
    b.className = `registries-cell__sub ${subClass}`.trim();
    b.textContent = sub;
    cell.append(b);
  }
  return cell;
}

type Cell = ICellRendererParams<RegistryListItem>;

/** A long text (district, comment, mark, executor): up to two lines, then an ellipsis; the tooltip has the rest. */
function clamped(p: ICellRendererParams<RegistryListItem, string | null>): HTMLElement {
  const cell = document.createElement('div');
  cell.className = 'registries-cell';
  const t = document.createElement('span');
  t.className = 'registries-cell__clamp';
  t.textContent = p.valueFormatted ?? p.value ?? '';
  cell.append(t);
  return cell;
}

const text = (p: Cell, pick: (r: RegistryListItem) => [string, string, string?]): HTMLElement => {
  if (!p.data) return twoLines('', '');
  const [main, sub, subClass] = pick(p.data);
  return twoLines(main, sub, subClass);
};

const deadlineClass = (r: RegistryListItem): string =>
  r.deadlineState === 'overdue' ? 'registries-cell__sub--overdue' : r.deadlineState === 'due-soon' ? 'registries-cell__sub--due-soon' : '';

// `type: 'rightAligned'` sets the header; the cell class must repeat ag-grid's own, which ours would replace.
const numeric: Partial<ColDef<RegistryListItem>> = { type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'cell--number'] };

/**
 * The seed's columns of «Администрирование и контроль реестров»; what a reviewer works with (period, service,
 * deadline, sums, executor) comes right after the РСО, so it is on screen at 1366 px; the letters, the district and
 * the comment follow.
 */
export const LIST_COLUMNS: ColDef<RegistryListItem>[] = [
  { field: 'id', headerName: '№', width: 60, pinned: 'left', ...numeric, sort: 'desc' },
  {
    colId: 'rso',
    headerName: 'РСО',
    width: 200,
    pinned: 'left',
    valueGetter: (p) => p.data?.rsoName ?? '',
    tooltipValueGetter: (p) => (p.data ? `${p.data.rsoName}, ИНН ${p.data.rsoInn}` : ''),
    cellRenderer: (p: Cell) => text(p, (r) => [r.rsoName, `ИНН ${r.rsoInn}`]),
  },
  {
    field: 'period',
    headerName: 'Период',
    width: 112,
    valueFormatter: (p) => (p.value ? formatPeriod(p.value) : ''),
  },
  { field: 'service', headerName: 'Услуга', width: 72 },
  {
    colId: 'deadline',
    headerName: 'Срок проверки',
    width: 140,
    valueGetter: (p) => p.data?.checkDeadline ?? '',
    cellRenderer: (p: Cell) => text(p, (r) => [r.checkDeadline ? formatDate(r.checkDeadline) : '—', daysLeftText(r.daysLeft), deadlineClass(r)]),
  },
  {
    colId: 'sums',
    headerName: 'Заявлено / согласовано',
    width: 150,
    ...numeric,
    valueGetter: (p) => p.data?.declaredSum ?? 0,
    cellRenderer: (p: Cell) => text(p, (r) => [formatRubles(r.declaredSum), agreedText(r)]),
  },
  {
    colId: 'executor',
    headerName: 'Исполнитель',
    width: 130,
    valueGetter: (p) => p.data?.executor?.fullName ?? '',
    valueFormatter: (p) => (p.value as string) || 'Не назначен',
    cellRenderer: clamped,
    cellClassRules: { 'registries-cell--none': (p) => !p.data?.executor },
  },
  { field: 'municipalDistrict', headerName: 'Район', width: 190, tooltipField: 'municipalDistrict', cellRenderer: clamped, valueFormatter: (p) => p.value ?? '—' },
  {
    colId: 'letterOut',
    headerName: 'Исх. № / дата письма РСО',
    width: 130,
    valueGetter: (p) => p.data?.letterOutDate ?? '',
    cellRenderer: (p: Cell) => text(p, (r) => [r.letterOutNo ? `№${r.letterOutNo}` : '—', r.letterOutDate ? `от ${formatDate(r.letterOutDate)}` : '']),
  },
  {
    colId: 'letterIn',
    headerName: 'Вх. № / дата',
    width: 116,
    valueGetter: (p) => p.data?.letterInDate ?? '',
    cellRenderer: (p: Cell) => text(p, (r) => [r.letterInNo ? `№${r.letterInNo}` : '—', r.letterInDate ? `от ${formatDate(r.letterInDate)}` : '']),
  },
  { field: 'comment', headerName: 'Комментарий', width: 130, tooltipField: 'comment', cellRenderer: clamped },
  { field: 'executionMark', headerName: 'Отметка об исполнении', width: 130, tooltipField: 'executionMark', cellRenderer: clamped },
  {
    field: 'status',
    headerName: 'Статус',
    width: 150,
    pinned: 'right',
    tooltipField: 'status',
    filter: SetFilter,
    floatingFilterComponent: SetFloatingFilter,
    cellRenderer: (p: Cell) =>
      p.data?.isCorrection || p.data?.viaPortal
        ? text(p, (r) => [r.status, [r.isCorrection ? 'корректировка' : '', r.viaPortal ? 'через портал' : ''].filter(Boolean).join(', ')])
        : clamped({ ...p, valueFormatted: p.data?.status ?? '' }),
    cellClass: (p) => `registries-status registries-status--${p.data ? STATUS_SLUGS[p.data.status] : 'none'}`,
  },
];
