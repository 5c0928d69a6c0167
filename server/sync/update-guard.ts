import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** What the guard did to one incoming update. */
export interface GuardResult {
  /** the update to apply: the original when nothing was touched; null when nothing is left */
  update: Uint8Array | null;
  /** inserted structs replaced by tombstones (GC) because they land under a protected root */
  droppedInserts: number;
  /** delete ranges removed because they delete protected content */
  droppedDeletes: number;
  /** protected roots the update tried to touch */
  roots: string[];
}

type Struct = Y.Item | Y.GC | Y.Skip;
/** A root name; `null` = the struct is a tombstone (content already gone); `undefined` = cannot be resolved yet. */
type Root = string | null | undefined;

function findIn(structs: Struct[] | Array<Y.Item | Y.GC> | undefined, clock: number): Struct | undefined {
  if (!structs || structs.length === 0) return undefined;
  const last = structs[structs.length - 1] as Struct;
  if (clock < (structs[0] as Struct).id.clock || clock >= last.id.clock + last.length) return undefined;
  let lo = 0;
  let hi = structs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = structs[mid] as Struct;
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function rootOfIntegrated(item: Y.Item): string | null {
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type && type._item) type = type._item.parent as Y.AbstractType<unknown> | null;
  if (!type) return null;
  try {
    return Y.findRootTypeKey(type);
  } catch {
    return null;
  }
}

/**
 * Keeps clients out of protected roots without losing the rest of their update. Each inserted struct whose
 * root is protected (or cannot be resolved against the document, so could end up there once its dependency
 * arrives) becomes a tombstone of the same length, so the client's clock stays contiguous and its later
 * updates still apply; delete ranges that remove protected content are left out.
 */
export function guardUpdate(doc: Y.Doc, update: Uint8Array, isProtected: (root: string) => boolean): GuardResult {
  const { structs, ds } = Y.decodeUpdate(update) as { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const store = doc.store.clients;
  const memo = new Map<Struct, Root>();

  const rootOfId = (id: Y.ID, depth: number): Root => {
    const own = findIn(byClient.get(id.client), id.clock);
    if (own) return rootOfUpdateStruct(own, depth + 1);
    const existing = findIn(store.get(id.client), id.clock);
    if (!existing) return undefined;
    return existing instanceof Y.Item ? rootOfIntegrated(existing) : null;
  };
  const rootOfUpdateStruct = (s: Struct, depth: number): Root => {
    if (!(s instanceof Y.Item)) return null;
    if (memo.has(s)) return memo.get(s);
    if (depth > 10_000) return undefined;
    const parent = s.parent as unknown;
    let root: Root;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.ID) {
      // the parent is the item holding the type: its own root is ours
      root = rootOfId(parent, depth);
    } else if (s.origin) root = rootOfId(s.origin, depth);
    else if (s.rightOrigin) root = rootOfId(s.rightOrigin, depth);
    else root = undefined;
    memo.set(s, root);
    return root;
  };

  const roots = new Set<string>();
  let droppedInserts = 0;
  const kept: Struct[] = structs.map((s) => {
    const root = rootOfUpdateStruct(s, 0);
    if (root === null || (root !== undefined && !isProtected(root))) return s;
    roots.add(root ?? '(unresolved)');
    droppedInserts++;
    return new Y.GC(s.id, s.length);
  });

  let droppedDeletes = 0;
  const keptDs = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of ds.clients) {
    const keep = ranges.filter((r) => {
      const existing = store.get(client);
      const own = byClient.get(client);
      for (let clock = r.clock; clock < r.clock + r.len; ) {
        const s = findIn(own, clock) ?? findIn(existing, clock);
        if (!s) {
          clock++;
          continue;
        }
        const root = s instanceof Y.Item ? (own?.includes(s) ? rootOfUpdateStruct(s, 0) : rootOfIntegrated(s)) : null;
        if (root !== null && root !== undefined && isProtected(root)) {
          roots.add(root);
          return false;
        }
        clock = s.id.clock + s.length;
      }
      return true;
    });
    droppedDeletes += ranges.length - keep.length;
    if (keep.length > 0) keptDs.set(client, keep);
  }

  if (droppedInserts === 0 && droppedDeletes === 0) return { update, droppedInserts, droppedDeletes, roots: [] };
  // tombstones are still applied: they advance the client's clock, so its later updates are not left pending
  if (kept.length === 0 && keptDs.size === 0) return { update: null, droppedInserts, droppedDeletes, roots: [...roots] };
  return { update: encodeUpdate(kept, keptDs), droppedInserts, droppedDeletes, roots: [...roots] };
}

/** Writes structs (grouped by client, contiguous clocks, as decoded) and a delete set as a v1 update. */
function encodeUpdate(structs: Struct[], ds: Map<number, { clock: number; len: number }[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const groups = new Map<number, Struct[]>();
  for (const s of structs) {
    const g = groups.get(s.id.client);
    if (g) g.push(s);
    else groups.set(s.id.client, [s]);
  }
  encoding.writeVarUint(encoder.restEncoder, groups.size);
  for (const [client, list] of groups) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as Struct).id.clock);
    for (const s of list) s.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of [...ds.entries()].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  return encoder.toUint8Array();
}
