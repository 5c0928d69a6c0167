import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The socket server's private query queue, as far as this file relies on it (pglite-socket 0.2.17). */
interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(e: unknown): void;
  onData(data: Uint8Array): void;
}
interface QueueInternals {
  queue: QueueItem[];
  processing: boolean;
  db: PGlite;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const SYNC = 0x53; // 'S' ends an extended-protocol sequence
const QUERY = 0x51; // 'Q' a simple query is whole in one message

/**
 * pglite-socket serialises protocol MESSAGES, not statements: outside a transaction the Parse/Bind/Execute of one
 * pooled connection interleave with another's, and a transaction begun in between then overwrites the other's
 * unnamed portal («portal "" does not exist»). This keeps each connection's extended-protocol sequence together up
 * to its Sync, as the queue already keeps a transaction together. The queue also stopped for good after a failed
 * message (it returned with `processing` still set); here it goes on with the next one.
 */
export function keepProtocolSequencesTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  let midSequence: number | null = null;

  q.processQueue = async function processQueue(): Promise<void> {
    if (q.processing || q.queue.length === 0) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const owner = midSequence ?? (q.db.isInTransaction() ? q.lastHandlerId : null);
        let item: QueueItem | undefined;
        if (owner !== null) {
          const k = q.queue.findIndex((x) => x.handlerId === owner);
          if (k === -1) break; // the owner's next message is not here yet; its enqueue() starts the queue again
          item = q.queue.splice(k, 1)[0];
        } else {
          item = q.queue.shift();
        }
        if (!item) break;
        const current = item;
        const type = current.message[0];
        midSequence = type === SYNC || type === QUERY || type === 0 ? null : current.handlerId;
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(current.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                current.onData(d);
              },
            }),
          );
        } catch (e) {
          midSequence = null;
          current.reject(e);
          continue;
        }
        q.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      q.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number): void => {
    if (midSequence === handlerId) midSequence = null;
    clear(handlerId);
    void q.processQueue();
  };
}
