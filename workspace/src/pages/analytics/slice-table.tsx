import type { ColDef } from 'ag-grid-community';
import { useEffect, useState } from 'preact/hooks';
import type { SliceDimension, SliceTable as Table } from '../../../../server/contract/analytics.ts';
import { sliceKeyText } from '../../../../formulas/analytics/slice-keys.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { filterQuery, type Filter } from './analytics-filter.ts';
import { ErrorLine } from '../../error-line.tsx';
import { navigate } from '../../router.ts';

/** The grouping dimensions in the order the selects offer them; typed against the server's union, so they cannot drift. */
const DIMENSION_TITLES: Record<SliceDimension, string> = {
  year: 'Год',
  month: 'Месяц',
  rso: 'РСО',
  district: 'Муниципальный район',
  settlement: 'Населённый пункт',
  service: 'Услуга',
  status: 'Статус реестра',
};
const SLICE_DIMENSIONS = Object.keys(DIMENSION_TITLES) as SliceDimension[];

/** A grid line: the keys of its group under k0..k2, the money in kopecks. */
interface Line {
  id: string;
  k0?: string;
  k1?: string;
  k2?: string;
  declared: number;
  agreed: number;
  rejected: number;
  pending: number;
  rows: number;
  registries: number;
}


const moneyColumn = (field: keyof Line, headerName: string): ColDef<Line> => ({
  field,
  headerName,
  type: 'rightAligned',
  width: 150,
  valueFormatter: (p) => (typeof p.value === 'number' ? formatRubles(p.value) : ''),
});
const countColumn = (field: keyof Line, headerName: string): ColDef<Line> => ({
  field,
  headerName,
  type: 'rightAligned',
  width: 90,
  valueFormatter: (p) => (typeof p.value === 'number' ? formatInteger(p.value) : ''),
});

/** The РСО's name as a link to its analytics page (the key of an `rso` slice is the ИНН). */
function rsoLink(p: { value?: unknown; valueFormatted?: string | null; node?: { rowPinned?: unknown } | null }): HTMLElement | string {
  const inn = String(p.value ?? '');
  const name = p.valueFormatted ?? inn;
  if (p.node?.rowPinned || !/^\d{10}(\d{2})?$/.test(inn)) return name;
  const a = document.createElement('a');
  a.href = `/analytics/rso/${inn}`;
  a.textContent = name;
  a.title = `Аналитика по РСО: ${name}`;
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(a.pathname);
  });
  return a;
}

function columnsOf(group: SliceDimension[]): ColDef<Line>[] {
  return [
    ...group.map((d, i): ColDef<Line> => ({
      field: `k${i}` as 'k0',
      headerName: DIMENSION_TITLES[d],
      flex: 1,
      minWidth: d === 'rso' ? 260 : 110,
      tooltipValueGetter: (p) => (p.node?.rowPinned ? null : sliceKeyText(d, String(p.value ?? ''))),
      // months sort by their key (2026-01), not by their Russian name
      comparator: (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '', 'ru'),
      valueFormatter: (p) => (p.node?.rowPinned ? (i === 0 ? 'Итого' : '') : sliceKeyText(d, String(p.value ?? ''))),
      // a РСО leads to its own page, from the table as from every chart's drill-down
      ...(d === 'rso' ? { cellRenderer: rsoLink } : {}),
    })),
    moneyColumn('declared', 'Заявлено'),
    moneyColumn('agreed', 'Согласовано'),
    moneyColumn('rejected', 'Не согласовано'),
    moneyColumn('pending', 'Требует решения'),
    countColumn('rows', 'Строк'),
    countColumn('registries', 'Реестров'),
  ];
}

/** The detailed table: the filtered money grouped by up to three dimensions, totalled; exported to .xlsx as shown. */
export function SliceTable({ filter }: { filter: Filter }) {
  const [group, setGroup] = useState<(SliceDimension | '')[]>(['year', 'rso', '']);
  const [table, setTable] = useState<Table | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = group.filter((d): d is SliceDimension => d !== '');
  const query = { ...filterQuery(filter), group: chosen.join(',') };

  const { host, grid } = useAgGrid<Line>(() => ({
    columnDefs: [],
    rowData: [],
    getRowId: (p) => p.data.id,
    defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true },
    enableCellTextSelection: true,
  }));

  useEffect(() => {
    let live = true;
    oneAtATime(() => unwrap(api.analytics.table.$get({ query }))).then(
      (t) => {
        if (!live) return;
        setTable(t);
        setError(null);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [JSON.stringify(query)]);

  useEffect(() => {
    const g = grid.current;
    if (!g || !table) return;
    g.setGridOption('columnDefs', columnsOf(table.group));
    g.setGridOption(
      'rowData',
      table.rows.map((r) => ({ id: r.keys.join('\u0001'), k0: r.keys[0], k1: r.keys[1], k2: r.keys[2], declared: r.declared, agreed: r.agreed, rejected: r.rejected, pending: r.pending, rows: r.rows, registries: r.registries })),
    );
    g.setGridOption('pinnedBottomRowData', [{ id: 'total', ...table.totals }]);
  }, [table]);

  const setLevel = (i: number, d: SliceDimension | '') => {
    const next = [...group];
    next[i] = d;
    // no dimension twice, and no gap before a chosen one
    setGroup(next.map((x, k) => (x !== '' && next.indexOf(x) !== k ? '' : x)));
  };
  const exportHref = `/api/analytics/export.xlsx?${new URLSearchParams(query).toString()}`;

  return (
    <section class="analytics-slices" aria-labelledby="analytics-slices-title">
      <header class="analytics-slices__header">
        <h2 id="analytics-slices-title">Детальная таблица</h2>
        <div class="analytics-slices__group">
          {[0, 1, 2].map((i) => (
            <label key={i} class="field field--inline">
              <span class="field__label">{i === 0 ? 'Группировать по' : 'затем'}</span>
              <select value={group[i] ?? ''} onChange={(e) => setLevel(i, e.currentTarget.value as SliceDimension | '')}>
                {i > 0 && <option value="">—</option>}
                {SLICE_DIMENSIONS.map((d) => (
                  <option key={d} value={d} disabled={group.includes(d) && group[i] !== d}>
                    {DIMENSION_TITLES[d]}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <a class="button analytics-slices__export" href={exportHref} download>
            Выгрузить в Excel
          </a>
        </div>
      </header>
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="analytics-slices__grid" ref={host} />
    </section>
  );
}
