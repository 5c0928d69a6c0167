import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Author, Presence } from '../../../formulas/collab/shared-doc.ts';
import type { SessionUser } from '../../../server/contract/auth.ts';
import { createStore, type Store } from '../store.ts';
import { connectionState, type ConnectionFacts, type ConnectionState } from './connection-state.ts';
import { dexieUpdateStore } from './dexie-update-store.ts';
import { colourOf } from './people.ts';
import { persistDoc, type Persistence, type UpdateStore } from './y-persistence.ts';

/** Who may comment, label and flag (the server's `rights.ts` says the same and drops a manager's updates). */
export const canAnnotate = (role: SessionUser['role']): boolean => role !== 'manager';

/** One open shared document: the Y.Doc, presence, the connection's state, and who is working in it. */
export interface CollabSession {
  docName: string;
  doc: Y.Doc;
  awareness: Awareness;
  connection: Store<ConnectionState>;
  /** why the server did not take this person's last change (a quota), in Russian; null when it took everything */
  refusal: Store<string | null>;
  /** false for watchers: the page shows no comment or flag controls */
  writable: boolean;
  me: Author & { role: SessionUser['role'] };
  /** Tells the others which row this person has selected (null: none). */
  selectRow(row: number | null): void;
  close(): void;
}

export interface CollabOptions {
  store?: UpdateStore;
  /** the sync endpoint; by default `/api/sync` on this page's host */
  serverUrl?: string;
  /** whether this person edits the document (default: may annotate a registry); the server decides the same */
  writable?: boolean;
}

/** Sessions closed but still writing their last updates into IndexedDB. */
const closing = new Set<Promise<void>>();

/** Resolves once every session closed so far has written its last updates (sign-out deletes the store after). */
export const sessionsClosed = async (): Promise<void> => {
  await Promise.all(closing);
};

// the y-websocket protocol's permission-denied message: the server's reason for not taking a change
const MESSAGE_AUTH = 2;
/** A message past the server's socket limit is cut before it is read: the socket closes with 1009 and no reason. */
const TOO_BIG = 'Изменение не принято: оно слишком большое.';

const syncUrl = (): string => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/sync`;

/**
 * Opens a shared document: its stored updates are loaded from IndexedDB first, then the stock y-websocket
 * provider connects (the session cookie goes along). The browser's offline event closes the socket at once (an
 * emulated or real loss of network does not always close an open WebSocket), its online event reconnects;
 * Yjs then exchanges what each side lacks, so comments written offline reach the others.
 */
export function openCollab(docName: string, user: SessionUser, opts: CollabOptions = {}): CollabSession {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const writable = opts.writable ?? canAnnotate(user.role);
  const presence: Presence = {
    user: { login: user.login, name: user.fullName, color: colourOf(user.login), role: user.role },
    row: null,
    watcher: !writable,
  };
  awareness.setLocalState(presence);

  const facts: ConnectionFacts = { browserOnline: navigator.onLine, connected: false, synced: false, everSynced: false };
  const connection = createStore<ConnectionState>(connectionState(facts));
  const refusal = createStore<string | null>(null);
  const update = (patch: Partial<ConnectionFacts>): void => {
    Object.assign(facts, patch);
    connection.set(connectionState(facts));
  };

  let provider: WebsocketProvider | null = null;
  let closed = false;

  const onOffline = (): void => {
    update({ browserOnline: false });
    provider?.disconnect();
  };
  const onOnline = (): void => {
    update({ browserOnline: true });
    provider?.connect();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);

  const persisting: Promise<Persistence> = persistDoc(doc, docName, opts.store ?? dexieUpdateStore).then((p) => {
    if (closed) return p;
    // a resync every 10 s keeps messages coming, so the provider never takes a quiet document for a dead socket
    provider = new WebsocketProvider(opts.serverUrl ?? syncUrl(), docName, doc, { awareness, connect: false, disableBc: true, resyncInterval: 10_000, maxBackoffTime: 5_000 });
    provider.on('status', ({ status }) => update({ connected: status === 'connected', ...(status === 'connected' ? {} : { synced: false }) }));
    provider.on('sync', (synced: boolean) => {
      update(synced ? { synced, everSynced: true } : { synced });
      // a refusal for going too fast passes once the reconnected socket synced; one for size stays
      if (synced && refusal.get() !== TOO_BIG) refusal.set(null);
    });
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      refusal.set(decoding.readVarString(decoder));
    };
    provider.on('connection-close', (event) => {
      if (event?.code === 1009) refusal.set(TOO_BIG);
    });
    if (navigator.onLine) provider.connect();
    return p;
  });

  return {
    docName,
    doc,
    awareness,
    connection,
    refusal,
    writable,
    me: { login: user.login, name: user.fullName, role: user.role },
    selectRow(row) {
      const current = awareness.getLocalState() as Presence | null;
      if (current && current.row !== row) awareness.setLocalState({ ...current, row });
    },
    close() {
      if (closed) return;
      closed = true;
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      // the others see this person leave now, not when the server notices the socket is gone
      awareness.setLocalState(null);
      provider?.destroy();
      awareness.destroy();
      const done = persisting
        .then((p) => p.destroy())
        .catch(() => undefined)
        .then(() => doc.destroy());
      closing.add(done);
      void done.finally(() => closing.delete(done));
    },
  };
}
