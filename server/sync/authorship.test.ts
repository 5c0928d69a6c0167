import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLabel, flagOfRow, flagsOf, labelsOf, labelsOfRow, listThreads, removeLabel, reply, setFlag, setResolved, startThread, threadsOf } from '../../formulas/collab/shared-doc.ts';
import { clocksOf, revertForgedAuthorship } from './authorship.ts';

const alice = { login: 'alice', name: 'Алисова Анна' };
const bob = { login: 'bobov', name: 'Бобов Борис' };
const clock = (at: string) => ({ now: () => at, id: () => Math.random().toString(16).slice(2) });

/**
 * Applies what `client` has and `server` lacks as if `author` sent it, taking back forged authorship, and sends
 * the server's answer back to the client (as the host echoes a corrected update), so both end in one state.
 */
function receive(server: Y.Doc, client: Y.Doc, author: typeof alice, restored = new WeakSet<object>()): string[] {
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  const before = clocksOf(server);
  let taken: string[] = [];
  server.transact((tx) => {
    Y.applyUpdate(server, update);
    taken = revertForgedAuthorship(server, tx, before, author, restored);
  });
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
  expect(listThreads(client)).toEqual(listThreads(server));
  expect(labelsOf(client).toJSON()).toEqual(labelsOf(server).toJSON());
  return taken;
}

const replica = (server: Y.Doc): Y.Doc => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
  return d;
};

describe('authorship of what a connection inserts', () => {
  it('keeps what is signed with the sender\'s name', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const t = startThread(a, 1, 'моё', alice);
    reply(a, t, 'и ещё', alice);
    setResolved(a, t, true, alice);
    addLabel(a, 1, 'проверить', alice);
    setFlag(a, 1, 'red', alice);
    expect(receive(server, a, alice)).toEqual([]);
    expect(listThreads(server)[0]).toMatchObject({ resolved: true, resolvedBy: 'alice', comments: [{ text: 'моё' }, { text: 'и ещё' }] });
    expect(labelsOfRow(server, 1)).toHaveLength(1);
    expect(flagOfRow(server, 1)).toMatchObject({ flag: 'red', by: 'alice' });
  });

  it('takes back a forged thread whole, a forged reply alone, and puts back an overwritten label, flag and resolution', () => {
    const server = new Y.Doc();
    const b = new Y.Doc();
    const t = startThread(b, 1, 'от Бобова', bob, clock('2026-12-01T10:00:00.000Z'));
    addLabel(b, 1, 'проверить', bob, clock('2026-12-01T10:00:00.000Z'));
    setFlag(b, 1, 'green', bob, clock('2026-12-01T10:00:00.000Z'));
    expect(receive(server, b, bob)).toEqual([]);

    const a = replica(server);
    startThread(a, 2, 'чужое обсуждение', bob);
    reply(a, t, 'чужой ответ', bob);
    reply(a, t, 'своё имя, чужое ФИО', { login: 'alice', name: bob.name });
    addLabel(a, 1, 'проверить', bob, clock('2026-12-01T11:00:00.000Z'));
    setFlag(a, 1, 'red', bob);
    setResolved(a, t, true, bob);
    const taken = receive(server, a, alice);
    // the new thread (its forged author and first comment together), the two replies (pushed one after the
    // other by one client they travel as one item, taken back together), the label, the flag, the resolution
    expect(taken).toHaveLength(5);
    expect(listThreads(server)).toHaveLength(1);
    expect(listThreads(server)[0]).toMatchObject({ resolved: false, resolvedBy: null, comments: [{ text: 'от Бобова' }] });
    expect(labelsOfRow(server, 1)).toEqual([{ row: 1, label: 'проверить', by: 'bobov', at: '2026-12-01T10:00:00.000Z' }]);
    expect(flagOfRow(server, 1)).toMatchObject({ flag: 'green', by: 'bobov' });
  });
});

describe('what a connection deletes or rewrites', () => {
  /** A server document with Bob's thread (and Alice's reply in it), Bob's label and Alice's own thread and label. */
  function shared(): { server: Y.Doc; bobThread: string; aliceThread: string } {
    const server = new Y.Doc();
    const b = new Y.Doc();
    const bobThread = startThread(b, 1, 'от Бобова', bob, clock('2026-12-01T10:00:00.000Z'));
    addLabel(b, 1, 'проверить', bob, clock('2026-12-01T10:00:00.000Z'));
    receive(server, b, bob);
    const a = replica(server);
    reply(a, bobThread, 'ответ Алисовой', alice, clock('2026-12-01T10:05:00.000Z'));
    const aliceThread = startThread(a, 2, 'от Алисовой', alice, clock('2026-12-01T10:06:00.000Z'));
    addLabel(a, 2, 'моя', alice, clock('2026-12-01T10:06:00.000Z'));
    receive(server, a, alice);
    return { server, bobThread, aliceThread };
  }

  it('puts back another person\'s thread with its comments, and marks them as put back, not new', () => {
    const { server, bobThread } = shared();
    const before = listThreads(server);
    const a = replica(server);
    threadsOf(a).delete(bobThread);
    const restored = new WeakSet<object>();
    expect(receive(server, a, alice, restored)).toEqual(['удаление обсуждения bobov']);
    expect(listThreads(server)).toEqual(before);
    for (const c of listThreads(server).find((t) => t.id === bobThread)?.comments ?? []) expect(restored.has(c)).toBe(true);
  });

  it('lets an author delete a thread that holds only his own comments, not one others answered', () => {
    const { server, bobThread, aliceThread } = shared();
    const a = replica(server);
    threadsOf(a).delete(aliceThread);
    expect(receive(server, a, alice)).toEqual([]);
    expect(listThreads(server).map((t) => t.id)).toEqual([bobThread]);
    const b = replica(server);
    threadsOf(b).delete(bobThread);
    expect(receive(server, b, bob)).toEqual(['удаление обсуждения bobov']);
    expect(listThreads(server)).toHaveLength(1);
  });

  it('puts back another person\'s comment where it was, lets one delete his own', () => {
    const { server, bobThread } = shared();
    const b = replica(server);
    const comments = threadsOf(b).get(bobThread)?.get('comments') as Y.Array<unknown>;
    comments.delete(1, 1);
    expect(receive(server, b, bob)).toEqual(['удаление комментария alice']);
    expect(listThreads(server)[0]?.comments.map((c) => c.text)).toEqual(['от Бобова', 'ответ Алисовой']);
    const a = replica(server);
    (threadsOf(a).get(bobThread)?.get('comments') as Y.Array<unknown>).delete(1, 1);
    expect(receive(server, a, alice)).toEqual([]);
    expect(listThreads(server)[0]?.comments.map((c) => c.text)).toEqual(['от Бобова']);
  });

  it('keeps a thread\'s row, author, time and comments as they were; lets anyone resolve and reopen it under his name', () => {
    const { server, bobThread } = shared();
    const before = listThreads(server).find((t) => t.id === bobThread);
    const a = replica(server);
    const t = threadsOf(a).get(bobThread) as Y.Map<unknown>;
    a.transact(() => {
      t.set('row', 99);
      t.set('createdBy', 'alice');
      t.set('comments', new Y.Array());
      t.set('extra', 'x');
    });
    expect(receive(server, a, alice).sort()).toEqual(['изменение обсуждения (comments)', 'изменение обсуждения (createdBy)', 'изменение обсуждения (row)', 'лишнее поле обсуждения (extra)']);
    expect(listThreads(server).find((x) => x.id === bobThread)).toEqual(before);
    const c = replica(server);
    setResolved(c, bobThread, true, alice);
    expect(receive(server, c, alice)).toEqual([]);
    const d = replica(server);
    setResolved(d, bobThread, false, bob);
    expect(receive(server, d, bob)).toEqual([]);
    const e = replica(server);
    (threadsOf(e).get(bobThread) as Y.Map<unknown>).delete('resolvedAt');
    expect(receive(server, e, alice)).toEqual(['удаление поля обсуждения (resolvedAt)']);
  });

  it('puts back another person\'s label, removed or rewritten; lets one remove his own', () => {
    const { server } = shared();
    const a = replica(server);
    removeLabel(a, 1, 'проверить');
    expect(receive(server, a, alice)).toEqual(['метка строки bobov изменена или удалена']);
    const b = replica(server);
    addLabel(b, 1, 'проверить', alice);
    expect(receive(server, b, alice)).toEqual(['метка строки bobov изменена или удалена']);
    expect(labelsOfRow(server, 1)).toEqual([{ row: 1, label: 'проверить', by: 'bobov', at: '2026-12-01T10:00:00.000Z' }]);
    const c = replica(server);
    removeLabel(c, 2, 'моя');
    expect(receive(server, c, alice)).toEqual([]);
    expect(labelsOfRow(server, 2)).toEqual([]);
  });

  it('refuses a null or missing author and marks that are not marks', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.transact(() => {
      labelsOf(a).set('1|x', { row: 1, label: 'x', by: null, at: '' } as never);
      labelsOf(a).set('1|y', null as never);
      flagsOf(a).set('1', { row: 1, flag: 'red', at: '' } as never);
      const thread = new Y.Map<unknown>();
      thread.set('row', 1);
      thread.set('createdBy', null);
      thread.set('comments', new Y.Array());
      threadsOf(a).set('t1', thread);
      (threadsOf(a) as Y.Map<unknown>).set('t2', 'не обсуждение');
    });
    expect(receive(server, a, alice)).toHaveLength(5);
    expect(labelsOf(server).size).toBe(0);
    expect(flagsOf(server).size).toBe(0);
    expect(threadsOf(server).size).toBe(0);
  });

  it('lets anyone set or clear a row\'s flag under his own name', () => {
    const { server } = shared();
    const b = replica(server);
    setFlag(b, 1, 'red', bob);
    receive(server, b, bob);
    const a = replica(server);
    setFlag(a, 1, 'green', alice);
    expect(receive(server, a, alice)).toEqual([]);
    const c = replica(server);
    setFlag(c, 1, null, alice);
    expect(receive(server, c, alice)).toEqual([]);
    expect(flagOfRow(server, 1)).toBeNull();
  });
});
