import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Who a connection is, as its presence must say: the session's user, a watcher when it only reads. */
export interface PresenceOwner {
  login: string;
  name: string;
  role: string;
  watcher: boolean;
}

/** The largest presence state a client may announce (ours is ~150 bytes). */
export const MAX_PRESENCE_BYTES = 4096;

const COLOUR = /^(#[0-9a-f]{3,8}|hsl\(\s*\d{1,3}(\.\d+)?(deg)?\s*,?\s*\d{1,3}(\.\d+)?%\s*,?\s*\d{1,3}(\.\d+)?%\s*\))$/i;

/** A presence state in the layout's shape (formulas/collab/shared-doc.ts `Presence`), its person the session's. */
function bound(state: unknown, owner: PresenceOwner): unknown {
  const s = state as { user?: { color?: unknown }; row?: unknown } | null;
  const color = typeof s?.user?.color === 'string' && COLOUR.test(s.user.color) ? s.user.color : '#6b6b6b';
  const row = typeof s?.row === 'number' && Number.isSafeInteger(s.row) && s.row > 0 ? s.row : null;
  return { user: { login: owner.login, name: owner.name, color, role: owner.role }, row, watcher: owner.watcher };
}

/**
 * Presence is bound to the session: whatever a client announces, the server writes the session's login, full
 * name and role into it, and whether the person only watches; only the colour and the selected row are the
 * client's. A client may announce or withdraw only its own awareness ids (`mayTouch`: ids nobody else holds);
 * entries for another connection's ids (`foreign`), larger than `MAX_PRESENCE_BYTES` or unreadable (`malformed`)
 * are dropped. Returns the update to apply, null when nothing is left.
 */
export function bindAwareness(update: Uint8Array, owner: PresenceOwner, mayTouch: (clientId: number) => boolean): { update: Uint8Array | null; foreign: number; malformed: number } {
  const entries: { clientId: number; clock: number; state: string }[] = [];
  let foreign = 0;
  let malformed = 0;
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      if (!mayTouch(clientId)) {
        foreign++;
        continue;
      }
      const state: unknown = json.length > MAX_PRESENCE_BYTES ? undefined : JSON.parse(json);
      if (state === undefined || (state !== null && typeof state !== 'object')) {
        malformed++;
        continue;
      }
      entries.push({ clientId, clock, state: state === null ? 'null' : JSON.stringify(bound(state, owner)) });
    }
  } catch {
    return { update: null, foreign, malformed: malformed + 1 };
  }
  if (entries.length === 0) return { update: null, foreign, malformed };
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.state);
  }
  return { update: encoding.toUint8Array(e), foreign, malformed };
}
