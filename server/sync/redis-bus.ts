import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What one server process tells the others about a document: an update it stored, an awareness change, or
 * `mirror` — a command changed the registry in Postgres, whoever holds the document refreshes its mirror.
 */
export type BusMessageKind = 'update' | 'awareness' | 'mirror';
export interface BusMessage {
  kind: BusMessageKind;
  /** the publishing process; a process ignores its own messages */
  processId: string;
  payload: Uint8Array;
}

const KIND_CODE: Record<BusMessageKind, number> = { update: 0, awareness: 1, mirror: 2 };
const channelOf = (docName: string): string => `sverka:sync:${docName}`;

export function encodeBusMessage(m: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND_CODE[m.kind]);
  encoding.writeVarString(e, m.processId);
  encoding.writeVarUint8Array(e, m.payload);
  return encoding.toUint8Array(e);
}

export function decodeBusMessage(bytes: Uint8Array): BusMessage | null {
  try {
    const d = decoding.createDecoder(bytes);
    const code = decoding.readVarUint(d);
    const kind = (Object.keys(KIND_CODE) as BusMessageKind[]).find((k) => KIND_CODE[k] === code);
    if (!kind) return null;
    return { kind, processId: decoding.readVarString(d), payload: decoding.readVarUint8Array(d) };
  } catch {
    return null;
  }
}

/**
 * Redis pub/sub between server processes: one channel per document, subscribed while the process holds the
 * document. Postgres stays the durable log; Redis only carries what was already stored.
 */
export class RedisBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (m: BusMessage) => void>();

  constructor(
    url: string,
    readonly processId: string,
    private readonly log: (msg: string) => void,
  ) {
    const opts = { maxRetriesPerRequest: 3, lazyConnect: false };
    this.pub = new Redis(url, opts);
    this.sub = new Redis(url, opts);
    for (const c of [this.pub, this.sub]) c.on('error', (e: Error) => this.log(`Redis: ${e.message}`));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const name = channel.toString().slice('sverka:sync:'.length);
      const handler = this.handlers.get(name);
      const m = handler ? decodeBusMessage(new Uint8Array(message)) : null;
      if (handler && m && m.processId !== this.processId) handler(m);
    });
  }

  /** Subscribes the document's channel; the returned function unsubscribes it unless someone re-subscribed since. */
  async subscribe(docName: string, handler: (m: BusMessage) => void): Promise<() => Promise<void>> {
    this.handlers.set(docName, handler);
    await this.sub.subscribe(channelOf(docName));
    return async () => {
      if (this.handlers.get(docName) !== handler) return;
      this.handlers.delete(docName);
      await this.sub.unsubscribe(channelOf(docName));
    };
  }

  publish(docName: string, kind: BusMessageKind, payload: Uint8Array): void {
    const bytes = encodeBusMessage({ kind, processId: this.processId, payload });
    this.pub.publish(channelOf(docName), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((e: unknown) => {
      this.log(`Redis: публикация ${docName} не удалась: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

/** The Redis URL of the environment, if any: SVERKA_REDIS_URL, then REDIS_URL. */
export const redisUrlFromEnv = (env: NodeJS.ProcessEnv = process.env): string | undefined => env.SVERKA_REDIS_URL || env.REDIS_URL || undefined;
