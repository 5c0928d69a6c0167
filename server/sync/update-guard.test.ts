import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLabel, listThreads, mentionsIn, mirrorRowsOf, SERVER_ONLY_ROOTS, startThread } from '../../formulas/collab/shared-doc.ts';
import { guardUpdate } from './update-guard.ts';

const isProtected = (root: string): boolean => SERVER_ONLY_ROOTS.has(root);
const who = { login: 'reviewer', name: 'Проверкин' };

/** A server document with a mirror entry, and a client that has synced it. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  mirrorRowsOf(server).set('1', { status: 'Согласован', reason: null, by: 'Сверкина', at: null });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** The client's change since `sv`, as it would send it. */
const changeOf = (client: Y.Doc, write: () => void): Uint8Array => {
  const sv = Y.encodeStateVector(client);
  write();
  return Y.encodeStateAsUpdate(client, sv);
};

describe('guardUpdate', () => {
  it('passes an update that touches only collaborative roots unchanged', () => {
    const { server, client } = setup();
    const u = changeOf(client, () => startThread(client, 2, 'текст', who));
    const g = guardUpdate(server, u, isProtected);
    expect(g.update).toBe(u);
    expect(g.droppedInserts + g.droppedDeletes).toBe(0);
  });

  it('drops inserts and deletes under server-only roots and keeps the rest of the same update', () => {
    const { server, client } = setup();
    const u = changeOf(client, () =>
      client.transact(() => {
        mirrorRowsOf(client).set('2', { status: 'Согласован', reason: null, by: 'x', at: null });
        mirrorRowsOf(client).delete('1');
        addLabel(client, 3, 'проверить', who);
        startThread(client, 3, 'остаётся', who);
      }),
    );
    const g = guardUpdate(server, u, isProtected);
    expect(g.roots).toEqual(['mirrorRows']);
    expect(g.droppedInserts).toBeGreaterThan(0);
    expect(g.droppedDeletes).toBe(1);
    Y.applyUpdate(server, g.update as Uint8Array);
    expect(mirrorRowsOf(server).toJSON()).toEqual({ '1': { status: 'Согласован', reason: null, by: 'Сверкина', at: null } });
    expect(listThreads(server).map((t) => t.comments[0]?.text)).toEqual(['остаётся']);
    expect(server.getMap('labels').size).toBe(1);

    // the client's clock advanced on the server: its next change applies, nothing is left pending
    const next = changeOf(client, () => startThread(client, 4, 'следующий', who));
    Y.applyUpdate(server, guardUpdate(server, next, isProtected).update as Uint8Array);
    expect(server.store.pendingStructs).toBeNull();
    expect(listThreads(server)).toHaveLength(2);
  });

  it('keeps out content nested inside a dropped protected type that arrives in a later update', () => {
    const { server, client } = setup();
    const nested = new Y.Map<unknown>();
    const first = changeOf(client, () => client.getMap('mirrorRegistry').set('extra', nested));
    const second = changeOf(client, () => nested.set('agreedSum', 1));
    Y.applyUpdate(server, guardUpdate(server, first, isProtected).update as Uint8Array);
    // its parent is a tombstone on the server now: Yjs turns the child into one as well
    Y.applyUpdate(server, guardUpdate(server, second, isProtected).update as Uint8Array);
    expect(server.getMap('mirrorRegistry').toJSON()).toEqual({});
    expect(server.store.pendingStructs).toBeNull();
  });
});

describe('mentionsIn', () => {
  it('finds distinct logins after @, not e-mail addresses', () => {
    expect(mentionsIn('@reviewer2 и @analyst, посмотрите; копия @reviewer2. mail@example.ru')).toEqual(['reviewer2', 'analyst']);
  });
});
