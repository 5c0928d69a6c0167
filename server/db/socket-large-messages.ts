import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

/** The socket handler's private parts this file relies on (pglite-socket 0.2.17). */
interface HandlerInternals {
  messageBuffer: Buffer;
  handleData(data: Buffer): Promise<number>;
}

/** Messages above this size are gathered packet by packet; smaller ones are cheap to concatenate as the library does. */
const LARGE = 256 * 1024;

const gathering = new WeakMap<object, { parts: Buffer[]; have: number; need: number }>();
let installed = false;

/**
 * pglite-socket appends every packet it receives (64 KB at most) to the unparsed bytes with `Buffer.concat`, so a
 * message of n packets is copied n times: a 30,000-row registry's 17 MB file took seconds to arrive, 10 MB rows
 * payloads likewise. Here the packets of a large message are kept aside until it is whole and handed over in one
 * piece; what the library does with it is unchanged. Installed once per process, for every embedded database.
 */
export function gatherLargeMessages(): void {
  if (installed) return;
  installed = true;
  const proto = PGLiteSocketHandler.prototype as unknown as HandlerInternals;
  const original = proto.handleData;
  proto.handleData = function handleData(this: HandlerInternals, data: Buffer): Promise<number> {
    const g = gathering.get(this);
    if (g) {
      g.parts.push(data);
      g.have += data.length;
      if (g.have < g.need) return Promise.resolve(0);
      gathering.delete(this);
      return original.call(this, Buffer.concat(g.parts, g.have));
    }
    // unparsed bytes that start a large message not yet whole: from here on its packets are gathered. The bytes
    // before a message's type byte is set (the startup message, first byte 0) are left to the library.
    const held = this.messageBuffer;
    const head = held.length >= 5 ? held : Buffer.concat([held, data.subarray(0, 5)]);
    const have = held.length + data.length;
    if (head.length >= 5 && head[0] !== 0) {
      const need = 1 + head.readInt32BE(1);
      if (need > LARGE && need > have) {
        this.messageBuffer = Buffer.alloc(0);
        gathering.set(this, { parts: held.length > 0 ? [held, data] : [data], have, need });
        return Promise.resolve(0);
      }
    }
    return original.call(this, data);
  };
}
