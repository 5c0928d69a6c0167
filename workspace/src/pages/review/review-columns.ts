import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
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
  return [
    {
      colId: 'marks',
      headerName: '',
      headerTooltip: 'Флаг, открытые обсуждения и кто из коллег выбрал строку',
      width: 64,
      pinned: 'left',
      sortable: false,
      resizable: false,
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
