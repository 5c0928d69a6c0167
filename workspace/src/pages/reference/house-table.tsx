import type { IDatasource } from 'ag-grid-community';
import { useEffect, useState } from 'preact/hooks';
import type { HouseRow, Municipality } from '../../../../server/contract/reference.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatInteger } from '../../format.ts';
import { serverPagedHouseGrid } from '../../grid/ag-grid.ts';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { useDebounced } from '../../use-debounced.ts';
import { pagedAddressPrefix } from '../../grid/paged-prefix.ts';
import { HOUSE_COLUMNS, isHouseSortKey } from './house-columns.ts';
import { ErrorLine } from '../../error-line.tsx';

interface HouseFilter {
  q: string;
  municipality: string;
  houseType: '' | 'МКД' | 'ЖД';
}

/** Rows per request: a screen is ~40 rows, so one block covers several screens of scrolling. */
const BLOCK_SIZE = 300;

interface DatasourceEvents {
  /** Every answer: the number of houses matching the filter, and the block's rows. */
  onLoaded(total: number, rows: readonly HouseRow[]): void;
  onFailed(message: string): void;
}

/**
 * Reads the house registry page by page from GET /api/houses as the grid scrolls: sorting, search and
 * filters are applied by the server, so 200,000 houses never travel to the browser at once.
 */
function houseDatasource(filter: HouseFilter, events: DatasourceEvents): IDatasource {
  return {
    getRows(params) {
      const order = params.sortModel[0];
      const sort = order && isHouseSortKey(order.colId) ? order.colId : 'address';
      const query = {
        offset: String(params.startRow),
        limit: String(params.endRow - params.startRow),
        sort,
        dir: order?.sort === 'desc' ? ('desc' as const) : ('asc' as const),
        ...(filter.q ? { q: filter.q } : {}),
        ...(filter.municipality ? { municipality: filter.municipality } : {}),
        ...(filter.houseType ? { houseType: filter.houseType } : {}),
      };
      unwrap(api.houses.$get({ query })).then(
        ({ rows, total }) => {
          params.successCallback(rows, total);
          events.onLoaded(total, rows);
        },
        (e: unknown) => {
          params.failCallback();
          events.onFailed(messageOf(e));
        },
      );
    },
  };
}

/** The house registry: search, district and type filters, and a grid over the whole table. */
export function HouseTable({ refreshKey }: { refreshKey: number }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [municipality, setMunicipality] = useState('');
  const [houseType, setHouseType] = useState<HouseFilter['houseType']>('');
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { host, grid } = useAgGrid<HouseRow>(() => ({
    ...serverPagedHouseGrid(HOUSE_COLUMNS, BLOCK_SIZE),
    infiniteInitialRowCount: 50,
    tooltipShowDelay: 600,
  }));

  useEffect(() => {
    let live = true;
    unwrap(api.houses.municipalities.$get()).then(
      (r) => live && setMunicipalities(r.municipalities),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [refreshKey]);

  useEffect(() => {
    const g = grid.current;
    if (!g) return;
    const filtered = Boolean(q || municipality || houseType);
    const ends = (dir: 'asc' | 'desc') =>
      unwrap(api.houses.$get({ query: { offset: '0', limit: '1', sort: 'address', dir, ...(q ? { q } : {}), ...(municipality ? { municipality } : {}), ...(houseType ? { houseType } : {}) } })).then((r) => r.rows[0]?.address);
    const prefix = pagedAddressPrefix(g, 'address', () => Promise.all([ends('asc'), ends('desc')]));
    setTotal(null);
    g.setGridOption('activeOverlay', undefined);
    g.setGridOption('loading', true);
    g.setGridOption(
      'datasource',
      houseDatasource(
        { q, municipality, houseType },
        {
          onLoaded(n, rows) {
            prefix.blockLoaded(rows.map((r) => r.address));
            setTotal(n);
            setError(null);
            g.setGridOption('loading', false);
            // The infinite row model shows no overlay of its own for an empty answer.
            g.setGridOption('activeOverlay', n > 0 ? undefined : filtered ? 'agNoMatchingRowsOverlay' : 'agNoRowsOverlay');
          },
          onFailed(message) {
            setError(message);
            g.setGridOption('loading', false);
          },
        },
      ),
    );
    return () => prefix.stop();
  }, [q, municipality, houseType, refreshKey]);

  return (
    <section class="houses" aria-labelledby="houses-title">
      <div class="houses__toolbar">
        <div class="houses__title">
          <h2 id="houses-title">Реестр домов</h2>
          <p class="houses__total" aria-live="polite">
            Найдено домов: {total === null ? '…' : formatInteger(total)}
          </p>
        </div>
        <div class="field field--inline field--search">
          <label class="field__label" for="houses-search">
            Поиск
          </label>
          <input
            id="houses-search"
            type="search"
            placeholder="Адрес или код ФИАС"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <div class="field field--inline">
          <label class="field__label" for="houses-municipality">
            Район
          </label>
          <select id="houses-municipality" value={municipality} onChange={(e) => setMunicipality(e.currentTarget.value)}>
            <option value="">Все районы</option>
            {municipalities.map((m) => (
              <option key={m.id} value={String(m.id)}>
                {m.name} ({formatInteger(m.houses)})
              </option>
            ))}
          </select>
        </div>
        <div class="field field--inline">
          <label class="field__label" for="houses-type">
            Тип
          </label>
          <select id="houses-type" value={houseType} onChange={(e) => setHouseType(e.currentTarget.value as HouseFilter['houseType'])}>
            <option value="">Все</option>
            <option value="МКД">МКД</option>
            <option value="ЖД">ЖД</option>
          </select>
        </div>
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="houses__grid" ref={host} />
    </section>
  );
}
