import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
import type { RegistryGridRow } from './registry-rows.ts';

// `type: 'rightAligned'` sets the header; the cell class must repeat ag-grid's own, which ours would replace.
const numeric: Partial<ColDef<RegistryGridRow>> = { type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'cell--number'] };

/** 10⁻⁴ units → «48,80», «0,0000» for volumes; empty cells stay empty. */
const scaled =
  (min: number) =>
  (p: ValueFormatterParams<RegistryGridRow, number | null>): string =>
    p.value === null || p.value === undefined ? '' : fmtScaled4(p.value, min);

/** The registry grid's columns; `unit` is the service's unit of volume (куб. м, Гкал…). */
export function registryColumns(unit: string): ColDef<RegistryGridRow>[] {
  return [
    { field: 'n', headerName: '№', width: 56, ...numeric, valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)) },
    { field: 'address', headerName: 'Адрес дома', flex: 1, minWidth: 140, tooltipField: 'address' },
    { field: 'eot', headerName: 'ЭОТ, руб.', width: 92, ...numeric, valueFormatter: scaled(2) },
    { field: 'lt', headerName: 'ЛТ, руб.', width: 92, ...numeric, valueFormatter: scaled(2) },
    { field: 'vLiving', headerName: `Объем в жилых, ${unit}`, headerTooltip: 'Потребление КУ в жилых помещениях', width: 100, ...numeric, valueFormatter: scaled(4) },
    { field: 'vOdn', headerName: `Объем на ОДН, ${unit}`, headerTooltip: 'Потребление КУ на ОДН', width: 100, ...numeric, valueFormatter: scaled(4) },
    { field: 'subsidy', headerName: 'Заявлено, руб.', headerTooltip: 'Размер итоговой субсидии из файла', width: 100, ...numeric, valueFormatter: scaled(2) },
    {
      field: 'expected',
      headerName: 'Расчет, руб.',
      headerTooltip: '(ЭОТ − ЛТ) × (объем в жилых + ОДН), с округлением до копеек',
      width: 100,
      ...numeric,
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : fmtKopecks(p.value)),
    },
    // the house code is what a reviewer copies when check 1 fails; the money columns matter more on screen
    { field: 'fias', headerName: 'Код ФИАС', width: 290, cellClass: 'cell--code' },
    {
      field: 'verdict',
      headerName: 'Результаты автопроверки',
      width: 180,
      tooltipField: 'verdict',
      pinned: 'right',
      cellClassRules: { 'cell--failed': (p) => Boolean(p.data?.hasErrors), 'cell--passed': (p) => p.data?.verdict === 'Пройдены' },
    },
  ];
}
