import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RegistryList } from '../../../../server/contract/registries.ts';
import { ApiFailure, api, messageOf, unwrap } from '../../api.ts';
import { listQuery, type ListFilters } from './list-filters.ts';

export interface RegistryListState {
  list: RegistryList | null;
  loading: boolean;
  error: string | null;
  /** Ask again with the same filters (after a registration, on return of focus). */
  reload(): void;
}

/**
 * The registries list for the filters, from `GET /registries`: asked again whenever the filters change and
 * whenever the tab regains focus (someone else may have registered, taken or decided a registry meanwhile).
 * Answers of older requests are dropped; the last list stays on screen while a new one loads.
 */
export function useRegistryList(filters: ListFilters): RegistryListState {
  const [list, setList] = useState<RegistryList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    setLoading(true);
    unwrap(api.registries.$get({ query: listQuery(filters) })).then(
      (r) => {
        if (seq.current !== my) return;
        setList(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (seq.current !== my) return;
        if (!(e instanceof ApiFailure)) console.error(e);
        setError(messageOf(e));
        setLoading(false);
      },
    );
  }, [filters, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const onFocus = (): void => {
      if (document.visibilityState === 'visible') reload();
    };
    addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [reload]);

  // leaving the page: late answers are dropped
  useEffect(
    () => () => {
      seq.current++;
    },
    [],
  );

  return { list, loading, error, reload };
}
