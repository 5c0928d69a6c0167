import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLabel, flagOfRow, labelsOfRow, listThreads, reply, setFlag, setResolved, startThread } from '../../formulas/collab/shared-doc.ts';
import { clocksOf, revertForgedAuthorship } from './authorship.ts';

const alice = { login: 'alice', name: 'Алисова Анна' };
const bob = { login: 'bobov', name: 'Бобов Борис' };
const clock = (at: string) => ({ now: () => at, id: () => Math.random().toString(16).slice(2) });

/** Applies what `client` has and `server` lacks as if `author` sent it, taking back forged authorship. */
function receive(server: Y.Doc, client: Y.Doc, author: typeof alice): string[] {
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  const before = clocksOf(server);
  let taken: string[] = [];
  server.transact((tx) => {
    Y.applyUpdate(server, update);
    taken = revertForgedAuthorship(server, tx, before, author);
  });
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
