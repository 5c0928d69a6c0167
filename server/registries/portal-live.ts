import type { PortalMessage } from '../contract/portal.ts';

/**
 * «Переписка с РСО» pushed live: each open thread (a registry's page, either side) holds a Server-Sent Events
 * stream that subscribes here; a stored message is published to the registry's subscribers. In-process: with
 * several server processes a message reaches the streams of the process that stored it (the page reloads the
 * thread on reconnect and on focus). A disabled user's streams are closed at once (`closeStreamsOf`).
 */
interface Subscriber {
  userId: number;
  send: (m: PortalMessage) => void;
  close: () => void;
}

const byRegistry = new Map<number, Set<Subscriber>>();

export function subscribeMessages(registryId: number, s: Subscriber): () => void {
  let set = byRegistry.get(registryId);
  if (!set) byRegistry.set(registryId, (set = new Set()));
  set.add(s);
  return () => {
    set.delete(s);
    if (set.size === 0) byRegistry.delete(registryId);
  };
}

export function publishMessage(m: PortalMessage): void {
  for (const s of [...(byRegistry.get(m.registryId) ?? [])]) s.send(m);
}

/** Ends every stream of a user (disabled, password reset); returns how many. */
export function closeStreamsOf(userId: number): number {
  let n = 0;
  for (const set of byRegistry.values()) {
    for (const s of [...set]) {
      if (s.userId !== userId) continue;
      s.close();
      n++;
    }
  }
  return n;
}
