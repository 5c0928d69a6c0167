/** What the header says about the live connection; decisions need `online`. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export const CONNECTION_TEXT: Record<ConnectionState, string> = {
  online: 'В сети',
  offline: 'Нет связи — изменения сохранятся и отправятся',
  connecting: 'Подключение…',
};

/** What the browser and the provider report. */
export interface ConnectionFacts {
  /** `navigator.onLine` and its online/offline events */
  browserOnline: boolean;
  /** the provider's socket is open */
  connected: boolean;
  /** the document has synced over this socket */
  synced: boolean;
  /** it synced at least once since the page opened */
  everSynced: boolean;
}

/**
 * The browser says offline → offline. Synced → online. A connection that worked and is gone → offline (the
 * provider keeps retrying); one that has never worked yet → connecting (a server without the sync endpoint
 * stays there, and decisions still go through plain HTTP).
 */
export function connectionState(f: ConnectionFacts): ConnectionState {
  if (!f.browserOnline) return 'offline';
  if (f.connected && f.synced) return 'online';
  return f.everSynced ? 'offline' : 'connecting';
}
