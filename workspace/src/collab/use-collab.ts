import { useEffect, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { flagsOf, labelsOf, listThreads, mirrorRowsOf, registryDocName, threadsOf, type FlagMark, type LabelMark, type Presence, type RowMirror, type Thread } from '../../../formulas/collab/shared-doc.ts';
import type { SessionUser } from '../../../server/contract/auth.ts';
import type { Colleague } from '../../../server/contract/users.ts';
import { api, unwrap } from '../api.ts';
import { useStore } from '../store.ts';
import { openCollab, type CollabSession } from './collab-session.ts';
import type { ConnectionState } from './connection-state.ts';

/** The registry's shared document while the page is open. */
export function useRegistryCollab(registryId: number, user: SessionUser): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const s = openCollab(registryDocName(registryId), user);
    setSession(s);
    return () => {
      setSession(null);
      s.close();
    };
    // the same person on the same registry: one session, whatever object the user arrives in
  }, [registryId, user.login, user.role]);
  return session;
}

const CONNECTING = { get: () => 'connecting' as const, set: () => undefined, subscribe: () => () => undefined };

export function useConnection(session: CollabSession | null): ConnectionState {
  return useStore(session?.connection ?? CONNECTING);
}

const NO_REFUSAL = { get: () => null, set: () => undefined, subscribe: () => () => undefined };

/** The server's reason for not taking this person's last change, null when there is none. */
export function useRefusal(session: CollabSession | null): string | null {
  return useStore<string | null>(session?.refusal ?? NO_REFUSAL);
}

/** A colleague in the registry now, as his browser announced himself. */
export interface Peer {
  clientId: number;
  presence: Presence;
}

const isPresence = (x: unknown): x is Presence => {
  const p = x as Presence | null;
  return !!p && typeof p.user?.login === 'string' && typeof p.user.name === 'string' && typeof p.user.color === 'string' && (p.row === null || typeof p.row === 'number');
};

/**
 * Everyone else in the registry, one entry per person (two tabs of one login show once, with the row of the
 * tab that has one), by name.
 */
export function usePeers(session: CollabSession | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    if (!session) return setPeers([]);
    const { awareness } = session;
    const read = (): void => {
      const byLogin = new Map<string, Peer>();
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID || !isPresence(state) || state.user.login === session.me.login) return;
        const seen = byLogin.get(state.user.login);
        if (!seen || (seen.presence.row === null && state.row !== null)) byLogin.set(state.user.login, { clientId, presence: state });
      });
      setPeers([...byLogin.values()].sort((a, b) => a.presence.user.name.localeCompare(b.presence.user.name, 'ru')));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [session]);
  return peers;
}

/** A value read from the document again after every change under `root` (deep). */
/** What `useDocValue` watches: a root type of the document. */
interface Observable {
  observeDeep(f: () => void): void;
  unobserveDeep(f: () => void): void;
}

function useDocValue<T>(session: CollabSession | null, root: (doc: Y.Doc) => Observable, read: (doc: Y.Doc) => T, empty: T): T {
  const [value, setValue] = useState<T>(empty);
  useEffect(() => {
    if (!session) return setValue(empty);
    const target = root(session.doc);
    const again = (): void => setValue(read(session.doc));
    again();
    target.observeDeep(again);
    return () => target.unobserveDeep(again);
    // root, read and empty are module-level functions and constants of the callers
  }, [session]);
  return value;
}

const NO_THREADS: Thread[] = [];
const NO_FLAGS: ReadonlyMap<number, FlagMark> = new Map();
const NO_LABELS: LabelMark[] = [];

/** Every thread of the document, oldest first. */
export const useThreads = (session: CollabSession | null): Thread[] => useDocValue(session, threadsOf, (doc) => listThreads(doc), NO_THREADS);

/** The flag of each flagged row, by row number. */
export const useFlags = (session: CollabSession | null): ReadonlyMap<number, FlagMark> =>
  useDocValue(session, flagsOf, (doc) => new Map(Array.from(flagsOf(doc).values(), (f) => [f.row, f])), NO_FLAGS);

/** Every label of every row. */
export const useLabels = (session: CollabSession | null): LabelMark[] => useDocValue(session, labelsOf, (doc) => Array.from(labelsOf(doc).values()), NO_LABELS);

let colleagues: Promise<Colleague[]> | null = null;

/** The people one may @mention (fetched once per page load; none when the server cannot be reached). */
export function useColleagues(): Colleague[] {
  const [list, setList] = useState<Colleague[]>([]);
  useEffect(() => {
    let live = true;
    colleagues ??= unwrap(api.users.$get()).catch(() => {
      colleagues = null;
      return [];
    });
    void colleagues.then((c) => live && setList(c));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** One row's mirrored decision (status, reason, who), read again whenever the server rewrites it. */
export function useRowMirror(session: CollabSession | null, rowNo: number | null): RowMirror | null {
  const [value, setValue] = useState<RowMirror | null>(null);
  useEffect(() => {
    if (!session || rowNo === null) return setValue(null);
    const rows = mirrorRowsOf(session.doc);
    const key = String(rowNo);
    const read = (): void => setValue(rows.get(key) ?? null);
    read();
    const onChange = (e: Y.YMapEvent<RowMirror>): void => {
      if (e.keysChanged.has(key)) read();
    };
    rows.observe(onChange);
    return () => rows.unobserve(onChange);
  }, [session, rowNo]);
  return value;
}
