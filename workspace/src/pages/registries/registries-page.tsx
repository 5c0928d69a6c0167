import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Role, SessionUser } from '../../../../server/contract/auth.ts';
import type { Executor, RegistryList, RegistryStatus } from '../../../../server/contract/registries.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { navigate } from '../../router.ts';
import { useDebounced } from '../../use-debounced.ts';
import { FilterPanel } from './filter-panel.tsx';
import { ListGrid } from './list-grid.tsx';
import { STATUSES, filtersFromSearch, panelFilterCount, searchOfFilters, type ListFilters } from './list-filters.ts';
import { RegistrationDialog } from './registration-dialog.tsx';
import { useRegistryList } from './use-registry-list.ts';
import './registries.css';
import { ErrorLine } from '../../error-line.tsx';

/** Who may register an incoming registry; the server checks the same on POST /registries. */
export function canRegister(role: Role): boolean {
  switch (role) {
    case 'admin':
    case 'reviewer':
      return true;
    case 'analyst':
    case 'manager':
    case 'rso':
      return false;
    default:
      return role satisfies never;
  }
}

const TABS: readonly (RegistryStatus | 'Все')[] = ['Все', ...STATUSES];

const openRegistry = (id: number): void => navigate(`/registries/${id}`);

/** Реестры: «Администрирование и контроль реестров» — every registry by status, searched, exported, registered. */
export function RegistriesPage({ user }: { user: SessionUser }) {
  const [filters, setFiltersState] = useState<ListFilters>(() => filtersFromSearch(location.search));
  const [search, setSearch] = useState(filters.q);
  const q = useDebounced(search.trim(), 300);
  const [panelOpen, setPanelOpen] = useState(() => panelFilterCount(filters) > 0);
  const [registering, setRegistering] = useState(false);
  const [executors, setExecutors] = useState<Executor[]>([]);
  const [districts, setDistricts] = useState<string[]>([]);
  const [lookupError, setLookupError] = useState<string | null>(null);

  const current = useRef(filters);
  current.current = filters;

  const setFilters = useCallback((next: ListFilters) => {
    setFiltersState(next);
    setSearch((s) => (s.trim() === next.q ? s : next.q));
    // the address bar keeps the view: a reload or a shared link shows the same registries
    history.replaceState(null, '', `/registries${searchOfFilters(next)}`);
  }, []);

  // the search box applies once the typing stops
  useEffect(() => {
    if (q !== current.current.q) setFilters({ ...current.current, q });
  }, [q, setFilters]);

  // back and forward between views of the list
  useEffect(() => {
    const onPop = (): void => {
      if (location.pathname !== '/registries') return;
      const f = filtersFromSearch(location.search);
      setFiltersState(f);
      setSearch(f.q);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    let live = true;
    Promise.all([unwrap(api.registries.executors.$get()), unwrap(api.houses.municipalities.$get())]).then(
      ([e, m]) => {
        if (!live) return;
        setExecutors(e);
        setDistricts(m.municipalities.map((x) => x.name));
      },
      (e: unknown) => live && setLookupError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const { list, loading, error, reload } = useRegistryList(filters);
  const filtered = panelFilterCount(filters);
  const exportHref = `/api/registries/export.xlsx${searchOfFilters(filters)}`;

  return (
    <section class="page registries-page" aria-labelledby="page-title">
      <header class="registries-page__header">
        <h1 id="page-title">Реестры</h1>
        <div class="registries-page__actions">
          <a class="button" href={exportHref} download>
            Экспорт в Excel
          </a>
          {canRegister(user.role) && (
            <button type="button" class="button button--primary" onClick={() => setRegistering(true)}>
              Зарегистрировать реестр
            </button>
          )}
        </div>
      </header>

      <StatusTabs counts={list?.counts ?? null} status={filters.status} onChange={(status) => setFilters({ ...filters, status })} />

      <div class="registries-page__toolbar">
        <div class="field field--inline field--search">
          <label class="field__label" for="registries-search">
            Поиск
          </label>
          <input
            id="registries-search"
            type="search"
            value={search}
            placeholder="№, РСО, ИНН, письмо, исполнитель, сумма"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <button type="button" class="button" aria-expanded={panelOpen} aria-controls="registries-filters" onClick={() => setPanelOpen((o) => !o)}>
          {filtered > 0 ? `Фильтры (${filtered})` : 'Фильтры'}
        </button>
        <Legend />
      </div>

      <DemoLoading onProgress={reload} />

      {panelOpen && (
        <div id="registries-filters">
          <FilterPanel filters={filters} executors={executors} districts={districts} onApply={setFilters} />
        </div>
      )}

      {(error ?? lookupError) && <ErrorLine>{error ?? lookupError}</ErrorLine>}

      <ListGrid rows={list?.rows ?? []} loading={loading} onOpen={openRegistry} />
      <ListFooter list={list} loading={loading} />

      {registering && (
        <RegistrationDialog
          executors={executors}
          onClose={() => setRegistering(false)}
          onRegistered={(card, refused) => {
            reload();
            if (!refused) openRegistry(card.id);
          }}
        />
      )}
    </section>
  );
}

const DEMO_POLL_MS = 4000;

/**
 * While a demo first start registers its registries in the background: how many are in, polled every few
 * seconds; the list reloads as it grows. Nothing is shown once they are all registered, even while the demo's
 * decisions still run (or on a database without a demo).
 */
function DemoLoading({ onProgress }: { onProgress: () => void }) {
  const [status, setStatus] = useState<{ registered: number; total: number } | null>(null);
  const refresh = useRef(onProgress);
  refresh.current = onProgress;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen = -1;
    const poll = (): void => {
      unwrap(api.demo.status.$get()).then(
        (s) => {
          if (!live) return;
          // every registry in: the banner goes (the demo reviewers' decisions that follow change statuses, not the list)
          setStatus(s.loading && (s.total === 0 || s.registered < s.total) ? { registered: s.registered, total: s.total } : null);
          if (seen >= 0 && s.registered !== seen) refresh.current();
          seen = s.registered;
          if (s.loading) timer = setTimeout(poll, DEMO_POLL_MS);
        },
        () => {
          if (live) timer = setTimeout(poll, DEMO_POLL_MS * 3);
        },
      );
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  if (!status) return null;
  return (
    <p class="message message--info" role="status" data-demo-loading>
      {status.total > 0
        ? `Загружаются демо-реестры: ${formatInteger(status.registered)} из ${formatInteger(status.total)} — список пополняется`
        : 'Загружаются демо-реестры — список пополняется'}
    </p>
  );
}

function StatusTabs({ counts, status, onChange }: { counts: RegistryList['counts'] | null; status: RegistryStatus | ''; onChange: (s: RegistryStatus | '') => void }) {
  return (
    <div class="registries-tabs" role="tablist" aria-label="Реестры по статусу">
      {TABS.map((tab) => {
        const value = tab === 'Все' ? '' : tab;
        const selected = status === value;
        return (
          <button key={tab} type="button" role="tab" class="registries-tabs__tab" aria-selected={selected} data-status={tab} onClick={() => onChange(value)}>
            {tab} <span class="registries-tabs__count">({counts ? formatInteger(counts[tab]) : '…'})</span>
          </button>
        );
      })}
    </div>
  );
}

function Legend() {
  return (
    <ul class="registries-legend" aria-label="Обозначения">
      <li class="registries-legend__item registries-legend__item--overdue">срок проверки прошел</li>
      <li class="registries-legend__item registries-legend__item--due-soon">срок истекает (≤ 1 раб. дня)</li>
    </ul>
  );
}

function ListFooter({ list, loading }: { list: RegistryList | null; loading: boolean }) {
  const totals = useMemo(() => {
    if (!list) return null;
    // kopecks are integers: their sum is exact far beyond any region's budget (2⁵³ kopecks ≈ 90 трлн ₽)
    let declared = 0;
    let agreed = 0;
    for (const r of list.rows) {
      declared += r.declaredSum;
      agreed += r.agreedSum;
    }
    return { count: list.rows.length, declared, agreed };
  }, [list]);
  return (
    <footer class="registries-footer" aria-live="polite" aria-busy={loading}>
      {totals ? (
        <>
          <span data-total="count">Показано реестров: {formatInteger(totals.count)}</span>
          <span data-total="declared">Заявлено: {formatRubles(totals.declared)}</span>
          <span data-total="agreed">Согласовано: {formatRubles(totals.agreed)}</span>
        </>
      ) : (
        <span>Загрузка…</span>
      )}
    </footer>
  );
}
