import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
import { columnOf, type ColumnKey, type RegistryColumn } from '../../../../formulas/registry/columns.ts';
import { rowLabel } from '../../../../formulas/registry/row-number.ts';
import { withoutPrefix } from '../../grid/address-prefix.ts';
import { SetFilter, SetFloatingFilter } from '../../grid/set-filter.ts';
import { formatDate } from '../../format.ts';
import { initialsOf } from '../../collab/people.ts';
import { FLAG_TITLES, NO_GRID_COLLAB, type GridCollab } from './collab-marks.ts';
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

/** How the grid shows one of the row's columns: a short header (the template's title is its tooltip) and its size. */
interface GridColumn {
  header: (unit: string) => string;
  /** the header's tooltip when not the template's title; null for none */
  tooltip?: string | null;
  width?: number;
  flex?: number;
  minWidth?: number;
  /** the cell's whole text as its tooltip (long texts) */
  cellTooltip?: boolean;
  /** decimals: places shown at least */
  places?: number;
}

/** Every column of the row, in the grid's order; null: not shown (the house's GUID is in the row panel). */
const GRID: Record<ColumnKey, GridColumn | null> = {
  n: { header: () => '№', tooltip: '№ п/п в файле РСО; в скобках строка файла, где она другая', width: 110 },
  address: { header: () => 'Адрес дома', flex: 1, minWidth: 180, cellTooltip: true },
  eot: { header: () => 'ЭОТ, руб.', places: 2, width: 84 },
  lt: { header: () => 'ЛТ, руб.', places: 2, width: 84 },
  vLiving: { header: (unit) => `В жилых, ${unit}`, places: 4, width: 96 },
  vOdn: { header: (unit) => `На ОДН, ${unit}`, places: 4, width: 92 },
  subsidy: { header: () => 'Субсидия, руб.', width: 104 },
  diffAttr: { header: () => 'Признак дифф. тарифов', width: 130 },
  territory: { header: () => 'Территория', width: 170 },
  supplySystem: { header: () => 'Система снабжения', tooltip: 'Система снабжения коммунальным ресурсом', width: 110 },
  commissioned: { header: () => 'Дата ввода', width: 100 },
  tariffKind: { header: () => 'Вид тарифа', width: 180, cellTooltip: true },
  fiasId: null,
};

/**
 * The registry's columns as the seed lists them, then the check result and the row status. Every cell reads
 * the payload's columns through the row's index: the grid's row objects stay three fields small.
 */
export function reviewColumns(model: RowsModel, unit: string, collab: () => GridCollab = () => NO_GRID_COLLAB): ColDef<ReviewRow>[] {
  const p = model.payload;
  const rowNoOf = (row: ReviewRow | undefined): number => (row ? (p.rowNo[row.i] ?? 0) : 0);
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
  /** A column of the row as its kind shows it. */
  const rowColumn = (c: RegistryColumn, g: GridColumn): ColDef<ReviewRow> => {
    const header = g.header(unit);
    const tooltip = g.tooltip === undefined ? (header === c.title ? undefined : c.title) : (g.tooltip ?? undefined);
    const base: ColDef<ReviewRow> = {
      colId: c.key,
      headerName: header,
      ...(tooltip ? { headerTooltip: tooltip } : {}),
      ...(g.width ? { width: g.width } : {}),
      ...(g.flex ? { flex: g.flex } : {}),
      ...(g.minWidth ? { minWidth: g.minWidth } : {}),
    };
    switch (c.kind) {
      case 'text': {
        const get = text(p[c.key]);
        // the address without what every row shares; the whole one in the tooltip (and the row card)
        const shown = c.key === 'address' && model.addressPrefix ? (x: { data?: ReviewRow }) => withoutPrefix(get(x), model.addressPrefix) : get;
        return { ...base, valueGetter: shown, filter: 'agTextColumnFilter', ...(g.cellTooltip ? { tooltipValueGetter: (x) => (x.data ? p[c.key][x.data.i] : '') } : {}) };
      }
      case 'date': {
        const get = text(p[c.key]);
        return { ...base, valueGetter: (x) => dateText(get(x)) };
      }
      case 'integer':
        // the one row number (formulas/registry/row-number.ts): «№ п/п», the file line in brackets where it differs
        return {
          ...base,
          ...numeric,
          valueGetter: (x) => (x.data ? (p[c.key][x.data.i] ?? p.rowNo[x.data.i] ?? null) : null),
          valueFormatter: (x: ValueFormatterParams<ReviewRow, number>) => (x.data ? rowLabel(p[c.key][x.data.i], p.rowNo[x.data.i] ?? 0) : ''),
          filter: 'agNumberColumnFilter',
        };
      case 'decimal':
        // the filter takes roubles and units as typed, not the stored 10⁻⁴
        return { ...base, valueGetter: decimal(p[c.key]), valueFormatter: scaled(g.places ?? 4), comparator: byNumber, filter: 'agNumberColumnFilter', filterValueGetter: (x) => decimal(p[c.key])(x) / 10_000, ...numeric };
      case 'money':
        return {
          ...base,
          valueGetter: (x) => (x.data ? (p[c.key][x.data.i] ?? Number.NaN) : Number.NaN),
          valueFormatter: (x: ValueFormatterParams<ReviewRow, number>) => (x.value === null || x.value === undefined || Number.isNaN(x.value) ? '' : fmtKopecks(x.value)),
          comparator: byNumber,
          filter: 'agNumberColumnFilter',
          filterValueGetter: (x) => (x.data ? (p[c.key][x.data.i] ?? Number.NaN) / 100 : Number.NaN),
          ...numeric,
        };
      default:
        return c satisfies never;
    }
  };
  return [
    {
      colId: 'marks',
      headerName: '',
      headerTooltip: 'Флаг, открытые обсуждения и кто из коллег выбрал строку',
      width: 64,
      pinned: 'left',
      sortable: false,
      resizable: false,
      filter: false,
      valueGetter: (x) => {
        const m = collab().marks.get(rowNoOf(x.data));
        // sorting and the tooltip read this: flagged and discussed rows first
        return m ? `${m.flag ? FLAG_TITLES[m.flag] : ''} ${m.openThreads}` : '';
      },
      tooltipValueGetter: (x) => {
        const m = collab().marks.get(rowNoOf(x.data));
        if (!m) return '';
        return [
          m.flag ? `Флаг: ${FLAG_TITLES[m.flag].toLowerCase()}` : '',
          m.threads > 0 ? `Обсуждений: ${m.threads}, открытых ${m.openThreads}` : '',
          ...m.peers.map((pr) => `${pr.user.name}${pr.watcher ? ' (наблюдает)' : ''}`),
        ].filter(Boolean).join('\n');
      },
      cellRenderer: (x: { data?: ReviewRow }) => marksCell(collab(), rowNoOf(x.data)),
    },
    ...(Object.entries(GRID) as [ColumnKey, GridColumn | null][]).flatMap(([key, g]) => (g ? [rowColumn(columnOf(key), g)] : [])),
    {
      colId: 'verdict',
      headerName: 'Автопроверка',
      headerTooltip: 'Результаты автопроверки',
      valueGetter: (x) => (x.data ? model.verdict(x.data.i) : ''),
      tooltipValueGetter: (x) => (x.data ? model.verdict(x.data.i) : ''),
      width: 132,
      pinned: 'right',
      filter: SetFilter,
      floatingFilterComponent: SetFloatingFilter,
      cellClassRules: { 'cell--failed': (x) => (x.data ? !model.clean(x.data.i) : false), 'cell--passed': (x) => (x.data ? model.verdict(x.data.i) === 'Без ошибок' : false) },
    },
    {
      colId: 'status',
      headerName: 'Статус',
      field: 'status',
      valueFormatter: (x: ValueFormatterParams<ReviewRow, number>) => ROW_STATUS_NAMES[x.value ?? 0] ?? '',
      filter: SetFilter,
      floatingFilterComponent: SetFloatingFilter,
      filterValueGetter: (x) => ROW_STATUS_NAMES[x.data?.status ?? 0] ?? '',
      width: 128,
      pinned: 'right',
      tooltipValueGetter: (x) => (x.data && x.data.status > 0 ? collab().decisionOf(rowNoOf(x.data)) : null),
      cellClassRules: { 'review-status--agreed': (x) => x.value === 1, 'review-status--rejected': (x) => x.value === 2 },
    },
  ];
}

/** The marker cell: the flag's square, the number of open threads, the initials of whoever has the row selected. */
function marksCell(collab: GridCollab, rowNo: number): HTMLElement {
  const cell = document.createElement('span');
  cell.className = 'co-cell';
  const m = collab.marks.get(rowNo);
  if (!m) return cell;
  if (m.flag) {
    const f = document.createElement('span');
    f.className = `co-flag-dot co-flag--${m.flag}`;
    f.dataset.flag = m.flag;
    cell.append(f);
  }
  if (m.threads > 0) {
    const t = document.createElement('span');
    t.className = m.openThreads > 0 ? 'co-cell__threads' : 'co-cell__threads co-cell__threads--resolved';
    t.dataset.open = String(m.openThreads);
    t.textContent = m.openThreads > 0 ? String(m.openThreads) : '✓';
    cell.append(t);
  }
  // one colleague's initials fit; the tooltip names them all
  for (const pr of m.peers.slice(0, 1)) {
    const a = document.createElement('span');
    a.className = 'co-avatar';
    a.style.background = pr.user.color;
    a.dataset.login = pr.user.login;
    a.textContent = initialsOf(pr.user.name);
    cell.append(a);
  }
  return cell;
}
