import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { HouseRow, HouseRowSort } from '../../../../server/contract/reference.ts';
import { formatDate, formatDecimal, formatInteger } from '../../format.ts';
import { withoutPrefix } from '../../grid/address-prefix.ts';
import { prefixOfContext } from '../../grid/paged-prefix.ts';

/** Sort keys GET /api/houses accepts; a column whose id is one of them is sortable on the server. */
export const HOUSE_SORT_KEYS = ['address', 'municipality', 'settlement', 'house_type', 'commissioned', 'area', 'residents', 'fias_id', 'oktmo', 'version'] as const satisfies readonly HouseRowSort[];
export type HouseSortKey = (typeof HOUSE_SORT_KEYS)[number];

export const isHouseSortKey = (colId: string): colId is HouseSortKey => (HOUSE_SORT_KEYS as readonly string[]).includes(colId);

// `type: 'rightAligned'` sets the header; the cell class must repeat ag-grid's own, which ours would replace.
const numeric: Partial<ColDef<HouseRow>> = { type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'cell--number'] };

/**
 * The address cell, without the part every row shares (the whole address is in the tooltip). Rows the infinite
 * model is still fetching have no data and would show as blank lines while the user scrolls; they say
 * «Загрузка…» instead. Always an element: a string returned here would be parsed as HTML.
 */
function addressCell(p: ICellRendererParams<HouseRow, string>): HTMLElement {
  const span = document.createElement('span');
  const prefix = prefixOfContext(p.context);
  if (p.data) span.textContent = withoutPrefix(p.value ?? '', prefix);
  else {
    span.className = 'cell--loading';
    span.textContent = 'Загрузка…';
  }
  return span;
}

export const HOUSE_COLUMNS: ColDef<HouseRow>[] = [
  { field: 'address', headerName: 'Адрес', flex: 3, minWidth: 400, tooltipField: 'address', cellRenderer: addressCell },
  { field: 'municipality', headerName: 'Муниципальный район', flex: 1.4, minWidth: 200 },
  { field: 'settlement', headerName: 'Населенный пункт', flex: 1, minWidth: 170 },
  { field: 'house_type', headerName: 'Тип', width: 80 },
  { field: 'commissioned', headerName: 'Дата ввода', width: 120, valueFormatter: (p) => formatDate(p.value) },
  { field: 'area', headerName: 'Площадь, м²', width: 145, ...numeric, valueFormatter: (p) => formatDecimal(p.value) },
  { field: 'residents', headerName: 'Проживающих', width: 150, ...numeric, valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : formatInteger(p.value)) },
  { field: 'heating_type', headerName: 'Отопление', width: 140, sortable: false },
  { field: 'oktmo', headerName: 'ОКТМО', width: 130, cellClass: 'cell--code' },
  { field: 'fias_id', headerName: 'Код ФИАС', width: 300, cellClass: 'cell--code' },
  { field: 'version', headerName: 'Версия', width: 95, ...numeric },
];
