import type { ColDef, IDatasource } from 'ag-grid-community';
import { useEffect, useRef, useState } from 'preact/hooks';
import { HOUSE_CHECKS, type HouseCheckId } from '../../../../formulas/standards/house-checks.ts';
import type { HouseSort, RegistryHouse } from '../../../../server/contract/standards.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatDecimal, formatInteger } from '../../format.ts';
import { serverPagedHouseGrid } from '../../grid/ag-grid.ts';
import { withoutPrefix } from '../../grid/address-prefix.ts';
import { pagedAddressPrefix, prefixOfContext } from '../../grid/paged-prefix.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { useDebounced } from '../../use-debounced.ts';
import { HouseCard } from './house-card.tsx';
import { ErrorLine } from '../../error-line.tsx';

const SERVICES = ['ХВС', 'ГВС', 'ВО', 'ТС', 'ЭЭ', 'Газ', 'ТКО', 'ЖБО'] as const;
const SORTS = ['address', 'municipal_district', 'settlement', 'house_type', 'area', 'residents', 'group', 'errors'] as const satisfies readonly HouseSort[];
const isSort = (s: string): s is HouseSort => (SORTS as readonly string[]).includes(s);

interface Filter {
  district: string;
  settlement: string;
  street: string;
  service: string;
  tariff: string;
  norm: string;
  error: '' | HouseCheckId | 'any';
}

const EMPTY: Filter = { district: '', settlement: '', street: '', service: '', tariff: '', norm: '', error: '' };
const BLOCK = 200;

/** A failed check as the seed's registry names it in the «Ошибки» column. */
const FAILED: Record<HouseCheckId, string> = {
  house_type: 'Тип дома не совпадает с ГИС ЖКХ',
  area: 'Площадь не совпадает с ГИС ЖКХ',
  residents: 'Количество жильцов не совпадает с ГИС ЖКХ',
  heating: 'Несколько видов отопления',
  bptr: 'В доме есть тарифы без привязки к БПТР',
  duplicates: 'В доме есть дубликаты услуг',
  mo_rates: 'Нет ставок МО',
  vo_norm: 'Норматив ВО не равен сумме нормативов ХВС и ГВС',
};

const numeric = { type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'cell--number'] } as const;
const mismatch = (check: HouseCheckId) => (p: { data?: RegistryHouse }) => (p.data?.failed.includes(check) ? 'standards-mismatch' : '');
const pair = (ours: string, gis: string | null, inGis: boolean): string => `${ours || '—'} / ${inGis ? gis || '—' : 'нет в ГИС'}`;
const num = (t: string): string => Number(t).toLocaleString('ru-RU', { maximumFractionDigits: 4 });

const COLUMNS: ColDef<RegistryHouse>[] = [
  // what an analyst works with first (address, the ГИС comparisons, services, errors) fits 1366 px; the district,
  // the group and the ФИАС code follow
  // without the part every house of the filter shares (grid/paged-prefix.ts); the whole address in the tooltip
  { field: 'address', headerName: 'Адрес', flex: 1, minWidth: 190, tooltipField: 'address', cellRenderer: (p: { data?: RegistryHouse; value?: string; context?: unknown }) => (p.data ? withoutPrefix(p.value ?? '', prefixOfContext(p.context)) : 'Загрузка…') },
  { field: 'settlement', headerName: 'МО / нас. пункт', width: 120, tooltipField: 'settlement' },
  {
    field: 'house_type',
    headerName: 'Тип / ГИС',
    width: 110,
    valueGetter: (p) => (p.data ? pair(p.data.house_type, p.data.gis_house_type, p.data.in_gis) : ''),
    cellClass: mismatch('house_type'),
  },
  {
    field: 'area',
    headerName: 'Площадь / ГИС, м²',
    width: 170,
    ...numeric,
    valueGetter: (p) => (p.data ? pair(formatDecimal(p.data.area), formatDecimal(p.data.gis_area), p.data.in_gis) : ''),
    cellClass: (p) => [...numeric.cellClass, mismatch('area')(p)],
  },
  {
    field: 'residents',
    headerName: 'Жильцов / ГИС',
    width: 120,
    ...numeric,
    valueGetter: (p) => (p.data ? pair(p.data.residents === null ? '' : formatInteger(p.data.residents), p.data.gis_residents === null ? null : formatInteger(p.data.gis_residents), p.data.in_gis) : ''),
    cellClass: (p) => [...numeric.cellClass, mismatch('residents')(p)],
  },
  {
    colId: 'services',
    headerName: 'Услуги: тариф / норматив, БПТР',
    width: 220,
    sortable: false,
    valueGetter: (p) => p.data?.services.map((s) => `${s.bptr} ${s.service} ${num(s.tariff)}/${num(s.norm)} ${s.decision_id ?? '--'}`).join('; '),
    tooltipValueGetter: (p) => p.value as string,
  },
  {
    colId: 'errors',
    headerName: 'Ошибки',
    width: 180,
    valueGetter: (p) => p.data?.failed.map((f) => FAILED[f]).join('; '),
    tooltipValueGetter: (p) => p.value as string,
    cellClass: (p) => (p.data && p.data.failed.length > 0 ? 'standards-errors' : ''),
  },
  { field: 'group_id', colId: 'group', headerName: 'Группа', width: 150, cellClass: 'cell--code' },
  { field: 'municipal_district', headerName: 'Муниципальный район', width: 180, tooltipField: 'municipal_district' },
  { field: 'fias_id', headerName: 'ФИАС', width: 290, sortable: false, cellClass: 'cell--code' },
];

function datasource(f: Filter, onLoaded: (total: number, rows: readonly RegistryHouse[]) => void, onFailed: (m: string) => void): IDatasource {
  return {
    getRows(params) {
      const order = params.sortModel[0];
      const query = {
        offset: String(params.startRow),
        limit: String(params.endRow - params.startRow),
        sort: order && isSort(order.colId) ? order.colId : ('address' as const),
        dir: order?.sort === 'desc' ? ('desc' as const) : ('asc' as const),
        ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')),
      };
      unwrap(api.standards.houses.$get({ query })).then(
        ({ rows, total }) => {
          params.successCallback(rows, total);
          onLoaded(total, rows);
        },
        (e: unknown) => {
          params.failCallback();
          onFailed(messageOf(e));
        },
      );
    },
  };
}

function TextFilter({ id, label, value, onInput, placeholder }: { id: string; label: string; value: string; onInput: (v: string) => void; placeholder?: string }) {
  return (
    <div class="field field--inline">
      <label class="field__label" for={id}>
        {label}
      </label>
      <input id={id} type="search" value={value} placeholder={placeholder} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

/**
 * The house registry of the standards workspace (server-side paging over the region's houses): ours against
 * ГИС ЖКХ with discrepancies marked, the services with БПТР marks, the group and the failed checks; a row
 * opens the house card.
 */
export function HouseRegistry() {
  const [typed, setTyped] = useState<Filter>(EMPTY);
  const filter = useDebounced(typed, 300);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const set = (k: keyof Filter) => (v: string) => setTyped((f) => ({ ...f, [k]: v }));

  const { host, grid } = useAgGrid<RegistryHouse>(() => ({
    ...serverPagedHouseGrid(COLUMNS, BLOCK),
    infiniteInitialRowCount: 30,
    // ten columns: render them all, so a row reads whole (and tests see the errors column)
    suppressColumnVirtualisation: true,
    tooltipShowDelay: 500,
    onRowClicked: (e) => e.data && setOpen(e.data.fias_id),
    // with a card open, the arrow keys move it with the focused row, as in the review grid
    onCellFocused: (e) => {
      if (openRef.current === null || e.rowIndex === null || e.rowIndex === undefined || e.rowPinned) return;
      const house = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
      if (house && house.fias_id !== openRef.current) setOpen(house.fias_id);
    },
  }));

  useEffect(() => {
    const g = grid.current;
    if (!g) return;
    setTotal(null);
    const narrowed = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== ''));
    const ends = (dir: 'asc' | 'desc') =>
      unwrap(api.standards.houses.$get({ query: { offset: '0', limit: '1', sort: 'address', dir, ...narrowed } })).then((r) => r.rows[0]?.address);
    const prefix = pagedAddressPrefix(g, 'address', () => Promise.all([ends('asc'), ends('desc')]));
    g.setGridOption(
      'datasource',
      datasource(
        filter,
        (n, rows) => {
          prefix.blockLoaded(rows.map((r) => r.address));
          setTotal(n);
          setError(null);
          g.setGridOption('activeOverlay', n > 0 ? undefined : 'agNoMatchingRowsOverlay');
        },
        setError,
      ),
    );
    return () => prefix.stop();
  }, [filter]);

  return (
    <section class="standards-houses" aria-labelledby="standards-houses-title" onKeyDown={(e) => e.key === 'Escape' && open !== null && setOpen(null)}>
      <div class="standards-toolbar">
        <div>
          <h2 id="standards-houses-title">Реестр домов</h2>
          <p class="standards-note" aria-live="polite" data-testid="houses-total">
            Найдено домов: {total === null ? '…' : formatInteger(total)}
          </p>
        </div>
        <div class="standards-filters">
          <TextFilter id="sh-district" label="Район" value={typed.district} onInput={set('district')} />
          <TextFilter id="sh-settlement" label="МО" value={typed.settlement} onInput={set('settlement')} />
          <TextFilter id="sh-street" label="Улица" value={typed.street} onInput={set('street')} />
          <div class="field field--inline">
            <label class="field__label" for="sh-service">
              Услуга
            </label>
            <select id="sh-service" value={typed.service} onChange={(e) => set('service')(e.currentTarget.value)}>
              <option value="">Любая</option>
              {SERVICES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <TextFilter id="sh-tariff" label="Тариф" value={typed.tariff} onInput={set('tariff')} placeholder="42,00" />
          <TextFilter id="sh-norm" label="Норматив" value={typed.norm} onInput={set('norm')} placeholder="4,78" />
          <div class="field field--inline">
            <label class="field__label" for="sh-error">
              Ошибка
            </label>
            <select id="sh-error" value={typed.error} onChange={(e) => set('error')(e.currentTarget.value)}>
              <option value="">Все дома</option>
              <option value="any">С любой ошибкой</option>
              {HOUSE_CHECKS.map((c) => (
                <option key={c} value={c}>
                  {FAILED[c]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      {/* the card is a drawer over the grid's right part: the rows it follows with the arrow keys stay in sight */}
      <div class="standards-houses__work">
        <div class="standards-houses__grid" ref={host} />
        {open && <HouseCard fias={open} onClose={() => setOpen(null)} />}
      </div>
    </section>
  );
}
