import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef, type GridOptions } from 'ag-grid-community';

// Without registration rows still render, but sorting silently does nothing (ag-grid console error #200).
ModuleRegistry.registerModules([AllCommunityModule]);

/** The workspace's grid look (ag-grid Theming API): calm, dense, the page's own font and palette. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  accentColor: '#1f5fa8',
  foregroundColor: '#1d2733',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#f1f3f6',
  headerTextColor: '#2b3643',
  borderColor: '#d5dae1',
  oddRowBackgroundColor: '#fafbfc',
  wrapperBorderRadius: 4,
  borderRadius: 3,
  browserColorScheme: 'light',
});

/** Russian texts for what the grids of the workspace show (the full locale package is not installed). */
export const GRID_LOCALE_RU: Record<string, string> = {
  loadingOoo: 'Загрузка…',
  loadingError: 'Ошибка',
  noRowsToShow: 'Нет строк для отображения',
  noMatchingRows: 'Ничего не найдено',
  thousandSeparator: '\u00a0',
  decimalSeparator: ',',
  more: 'ещё',
  to: '–',
  of: 'из',
  page: 'Страница',
  ariaSkeletonCellLoading: 'Строка загружается',
  ariaSkeletonCellLoadingFailed: 'Строку не удалось загрузить',
  ariaDeferSkeletonCellLoading: 'Ячейка загружается',
  ariaSortableColumn: 'Нажмите ENTER, чтобы отсортировать',
  ariaSortableColumnWithCellSelection: 'Нажмите ALT ENTER, чтобы отсортировать',
  ariaColumnFiltered: 'Столбец отфильтрован',
  ariaLabelColumnMenu: 'Меню столбца',
  ariaMenuColumn: 'Нажмите ALT DOWN, чтобы открыть меню столбца',
  ariaRowSelectAll: 'Нажмите ПРОБЕЛ, чтобы выделить все строки',
  ariaSearch: 'Поиск',
  ariaLabelInputClear: 'Очистить',
  // the filter row under the headers (grid/use-ag-grid.ts)
  filterOoo: 'Фильтр…',
  ariaFilterInput: 'фильтр',
  ariaColumnFilter: 'Фильтр столбца',
  ariaFilteringOperator: 'Условие фильтра',
  ariaFilterValue: 'Значение фильтра',
  ariaFilterFromValue: 'От',
  ariaFilterToValue: 'До',
  equals: 'Равно',
  notEqual: 'Не равно',
  blank: 'Пусто',
  notBlank: 'Не пусто',
  empty: 'Выберите условие',
  lessThan: 'Меньше',
  greaterThan: 'Больше',
  lessThanOrEqual: 'Не больше',
  greaterThanOrEqual: 'Не меньше',
  inRange: 'Между',
  inRangeStart: 'от',
  inRangeEnd: 'до',
  contains: 'Содержит',
  notContains: 'Не содержит',
  startsWith: 'Начинается с',
  endsWith: 'Заканчивается на',
  before: 'До',
  after: 'После',
  andCondition: 'И',
  orCondition: 'ИЛИ',
  applyFilter: 'Применить',
  resetFilter: 'Сбросить',
  clearFilter: 'Очистить',
  cancelFilter: 'Отмена',
  dateFormatOoo: 'дд.мм.гггг',
};

/**
 * A grid paged from the server (infinite row model) over rows keyed by a ФИАС GUID: the house tables of
 * Справочники and Стандарты. ~20 blocks are kept; older ones are dropped and re-read when the user scrolls back,
 * and dragging the scrollbar across 200,000 rows does not ask for every block it passes.
 */
export function serverPagedHouseGrid<T extends { fias_id: string }>(columnDefs: ColDef<T>[], blockSize: number): GridOptions<T> {
  return {
    theme: gridTheme,
    localeText: GRID_LOCALE_RU,
    columnDefs,
    // headers wrap between words instead of being cut at 1366 px
    defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true, wrapHeaderText: true, autoHeaderHeight: true },
    rowModelType: 'infinite',
    getRowId: (p) => p.data.fias_id,
    cacheBlockSize: blockSize,
    maxBlocksInCache: 20,
    maxConcurrentDatasourceRequests: 2,
    blockLoadDebounceMillis: 120,
    suppressMultiSort: true,
    enableCellTextSelection: true,
  };
}
