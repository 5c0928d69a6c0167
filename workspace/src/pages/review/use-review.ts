import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { mirrorRegistryOf, mirrorRowsOf, readRegistryMirror, type RegistryMirror, type RowMirror } from '../../../../formulas/collab/shared-doc.ts';
import type { RegistryCard, RegistryRowsPayload, RegistryStatus, RowStates } from '../../../../server/contract/registries.ts';
import { userMessage } from '../../api.ts';
import type { CollabSession } from '../../collab/collab-session.ts';
import { STORE_ORIGIN } from '../../collab/y-persistence.ts';
import { statusCodeOf } from './collab-marks.ts';
import { agreeClean, completeRegistry, decideRows, fetchCard, fetchRows, fetchRowStates, takeRegistry } from './review-api.ts';
import { gridRows, rowsModel, type ReviewRow, type RowsModel } from './review-rows.ts';
import { cachedCard, cachedRows, storeCard, storeRows } from './rows-cache.ts';

/**
 * The grid's rows and what changed in them last: a new `all` array replaces the grid's data, the same array
 * with `changed` is applied to it as a transaction (the rows a command decided, not a reload).
 */
export interface GridRowsState {
  all: ReviewRow[];
  /** 'all': the first decisions arrived, written into the rows in place: only the status cells are redrawn */
  changed: ReviewRow[] | 'all' | null;
  seq: number;
}

export type Command =
  | { kind: 'take' }
  | { kind: 'decide'; rows: number[]; decision: 'Согласован' | 'Не согласован'; reason?: string }
  | { kind: 'agree-clean'; reason: string }
  | { kind: 'complete'; status: 'Согласован' | 'Не согласован'; reason?: string };

export interface Review {
  card: RegistryCard | null;
  model: RowsModel | null;
  rows: GridRowsState | null;
  /** Where the rows came from this time (the page says so; the benchmark reads it). */
  source: 'cache' | 'network' | null;
  /** The card is the browser's copy: the server could not be reached. */
  cardFromCache: boolean;
  error: string | null;
  /** A command is on its way. */
  busy: boolean;
  /** Bumped after every command: panels that show history and documents fetch again. */
  revision: number;
  run(command: Command): Promise<boolean>;
  setSeverities(of: (ruleId: string) => 'error' | 'warning'): void;
}

/** IndexedDB copies the value synchronously when it is put: after the rows are on screen, not before. */
const storeLater = (payload: RegistryRowsPayload): Promise<void> =>
  new Promise((resolve) => setTimeout(() => resolve(storeRows(payload)), 500));

/** The card with the registry's status, sums and counters as the server's mirror has them now. */
function withMirror(card: RegistryCard, m: RegistryMirror): RegistryCard {
  return {
    ...card,
    status: m.status as RegistryStatus,
    declaredSum: m.declaredSum,
    agreedSum: m.agreedSum,
    rejectedSum: m.rejectedSum,
    rowsAgreed: m.rowsAgreed,
    rowsRejected: m.rowsRejected,
    rowsPending: m.rowsPending,
  };
}

/**
 * One registry under review: its card, its rows (immutable per check run, from IndexedDB when cached) and
 * their decisions (fetched every time), and the commands that change them. After a command the card comes
 * from the server and only the rows whose status moved are handed to the grid.
 */
export function useReview(registryId: number, collab: CollabSession | null = null): Review {
  const [card, setCard] = useState<RegistryCard | null>(null);
  const [model, setModel] = useState<RowsModel | null>(null);
  const [rows, setRows] = useState<GridRowsState | null>(null);
  const [source, setSource] = useState<'cache' | 'network' | null>(null);
  const [cardFromCache, setCardFromCache] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revision, setRevision] = useState(0);
  const payloadRef = useRef<RegistryRowsPayload | null>(null);
  const mirrorStatesRef = useRef<() => boolean>(() => false);
  const rowsRef = useRef<GridRowsState | null>(null);
  const severityRef = useRef<(ruleId: string) => 'error' | 'warning'>(() => 'error');
  /** row index by rowNo of the rows on screen */
  const indexRef = useRef<Map<number, number>>(new Map());
  /** the server's decisions could not be fetched: the statuses come from the shared document's mirror */
  const statesFromMirrorRef = useRef(false);
  const collabRef = useRef(collab);
  collabRef.current = collab;

  useEffect(() => {
    let live = true;
    setCard(null);
    setModel(null);
    setRows(null);
    setError(null);
    setSource(null);
    payloadRef.current = null;
    rowsRef.current = null;
    statesFromMirrorRef.current = false;
    setCardFromCache(false);

    const show = (payload: RegistryRowsPayload, from: 'cache' | 'network'): void => {
      // marks on the page's timeline: the benchmark reads where the time of an open went
      performance.mark(`review:rows-from-${from}`);
      payloadRef.current = payload;
      indexRef.current = new Map(payload.rowNo.map((no, i) => [no, i]));
      const state = { all: gridRows(payload, null), changed: null, seq: 0 };
      rowsRef.current = state;
      setModel(rowsModel(payload, severityRef.current));
      setRows(state);
      setSource(from);
    };
    const applyStates = (s: RowStates): void => {
      const current = rowsRef.current;
      if (!current || current.all.length !== s.status.length) return;
      // 30,000 new row objects would make the grid diff them all: the statuses go into the rows it holds
      current.all.forEach((r, i) => (r.status = s.status[i] ?? 0));
      const state: GridRowsState = { all: current.all, changed: 'all', seq: current.seq + 1 };
      rowsRef.current = state;
      setRows(state);
    };

    /** Offline: the statuses as the shared document (kept in IndexedDB) last mirrored them; false without one. */
    const statesFromMirror = (): boolean => {
      const doc = collabRef.current?.doc;
      const payload = payloadRef.current;
      if (!doc || !payload || !readRegistryMirror(doc)) return false;
      const rows = mirrorRowsOf(doc);
      applyStates({ registryId, version: 'mirror', status: payload.rowNo.map((no) => statusCodeOf(rows.get(String(no)))), reasons: {} });
      return true;
    };
    mirrorStatesRef.current = statesFromMirror;

    // Everything starts at once. Cached rows are shown as soon as IndexedDB answers, their statuses when the
    // decisions arrive; the card then confirms the check run (a newer one replaces the rows). Without a cache
    // the rows are downloaded beside the card, and cached only after they are on screen.
    const cached = cachedRows(registryId);
    const card = fetchCard(registryId);
    const states = fetchRowStates(registryId);
    const downloaded = cached.then((hit) => (hit ? null : fetchRows(registryId)));
    card.catch(() => {});
    states.catch(() => {});
    downloaded.catch(() => {});

    void (async () => {
      try {
        const hit = await cached;
        if (live && hit) show(hit, 'cache');
        const net = await downloaded.catch(() => null);
        if (live && net) show(net, 'network');
        const s = await states.catch(() => null);
        if (live && s) applyStates(s);
        // without a connection the card last seen here is shown (the page says so and allows no decision)
        const fresh = await card.catch(async (e: unknown) => {
          const kept = await cachedCard(registryId);
          if (!kept) throw e;
          return null;
        });
        const c = fresh ?? (await cachedCard(registryId));
        if (!live || !c) return;
        setCard(c);
        setCardFromCache(fresh === null);
        const run = c.checkRun?.id;
        let payload = payloadRef.current;
        if (run !== undefined && payload?.checkRunId !== run) {
          // the cache held an older run (or the download failed): the rows of the card's run
          payload = await fetchRows(registryId, run);
          if (!live) return;
          show(payload, 'network');
          const again = await fetchRowStates(registryId);
          if (live) applyStates(again);
          void storeLater(payload);
        } else if (net) void storeLater(net);
        if (!s) {
          statesFromMirrorRef.current = true;
          if (!statesFromMirror()) setError('Не удалось получить решения по строкам. Обновите страницу.');
        }
      } catch (e) {
        if (live) setError(userMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [registryId]);

  // Live decisions: the server rewrites the shared document's mirror after every command, whoever gave it.
  // Decided rows are patched into the grid at once, the card's counters and sums follow the mirror, and the
  // card (what one may do now) and the panels are fetched again.
  useEffect(() => {
    if (!collab) return;
    const rowsMirror = mirrorRowsOf(collab.doc);
    const registryMirror = mirrorRegistryOf(collab.doc);
    let refetch: ReturnType<typeof setTimeout> | null = null;
    const onRows = (e: Y.YMapEvent<RowMirror>): void => {
      // what IndexedDB held is older than the statuses fetched from the server, unless those failed
      if (statesFromMirrorRef.current) {
        // the statuses could not be fetched: the mirror (from IndexedDB, then the server) stands in for them
        if (mirrorStatesRef.current()) setError(null);
        return;
      }
      if (e.transaction.origin === STORE_ORIGIN) return;
      const current = rowsRef.current;
      if (!current || (current.changed === null && current.all.every((r) => r.status < 0))) return;
      const changed: ReviewRow[] = [];
      for (const key of e.changes.keys.keys()) {
        const i = indexRef.current.get(Number(key));
        const row = i === undefined ? undefined : current.all[i];
        const status = statusCodeOf(rowsMirror.get(key));
        if (!row || row.status === status) continue;
        const next = { ...row, status };
        current.all[i as number] = next;
        changed.push(next);
      }
      if (changed.length === 0) return;
      const state: GridRowsState = { all: current.all, changed, seq: current.seq + 1 };
      rowsRef.current = state;
      setRows(state);
    };
    const onRegistry = (e: Y.YMapEvent<unknown>): void => {
      const m = readRegistryMirror(collab.doc);
      if (!m || (e.transaction.origin === STORE_ORIGIN && !statesFromMirrorRef.current)) return;
      setCard((c) => (c ? withMirror(c, m) : c));
      if (e.transaction.origin === STORE_ORIGIN) return;
      if (refetch !== null) clearTimeout(refetch);
      refetch = setTimeout(() => {
        refetch = null;
        fetchCard(registryId).then(
          (c) => {
            setCard(c);
            setCardFromCache(false);
          },
          () => undefined,
        );
        setRevision((r) => r + 1);
      }, 150);
    };
    rowsMirror.observe(onRows);
    registryMirror.observe(onRegistry);
    return () => {
      rowsMirror.unobserve(onRows);
      registryMirror.unobserve(onRegistry);
      if (refetch !== null) clearTimeout(refetch);
    };
  }, [collab, registryId]);

  /** Fetches the decisions again and hands the grid only the rows whose status changed. */
  const refreshStates = useCallback(async (): Promise<void> => {
    const current = rowsRef.current;
    if (!current) return;
    const s = await fetchRowStates(registryId);
    const changed: ReviewRow[] = [];
    for (let i = 0; i < current.all.length; i++) {
      const row = current.all[i] as ReviewRow;
      const status = s.status[i] ?? 0;
      if (row.status === status) continue;
      const next = { ...row, status };
      current.all[i] = next;
      changed.push(next);
    }
    const state = { all: current.all, changed, seq: current.seq + 1 };
    rowsRef.current = state;
    setRows(state);
  }, [registryId]);

  const run = useCallback(
    async (command: Command): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        switch (command.kind) {
          case 'take':
            setCard(await takeRegistry(registryId));
            break;
          case 'decide': {
            const body = { rows: command.rows, decision: command.decision, ...(command.reason ? { reason: command.reason } : {}) };
            setCard((await decideRows(registryId, body)).card);
            await refreshStates();
            break;
          }
          case 'agree-clean':
            setCard((await agreeClean(registryId, command.reason)).card);
            await refreshStates();
            break;
          case 'complete':
            setCard(await completeRegistry(registryId, command.status, command.reason));
            break;
          default:
            return command satisfies never;
        }
        setRevision((r) => r + 1);
        return true;
      } catch (e) {
        setError(userMessage(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [registryId, refreshStates],
  );

  const setSeverities = useCallback((of: (ruleId: string) => 'error' | 'warning') => {
    severityRef.current = of;
    const payload = payloadRef.current;
    if (payload) setModel(rowsModel(payload, of));
  }, []);

  // the card last seen is what an offline visit shows
  useEffect(() => {
    if (card && !cardFromCache) void storeCard(card);
  }, [card, cardFromCache]);

  return { card, model, rows, source, cardFromCache, error, busy, revision, run, setSeverities };
}
