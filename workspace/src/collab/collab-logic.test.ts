import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listThreads, mentionsIn, startThread, setFlag, flagOfRow } from '../../../formulas/collab/shared-doc.ts';
import type { Colleague } from '../../../server/contract/users.ts';
import { connectionState } from './connection-state.ts';
import { activeMention, insertMention, mentionName, namedMentions, storedMentions, suggestColleagues } from './mentions.ts';
import { colourOf, initialsOf, PRESENCE_COLOURS, shortName } from './people.ts';
import { persistDoc, STORE_ORIGIN, type UpdateStore } from './y-persistence.ts';

describe('people', () => {
  it('gives a login the same colour every time, whatever its case, from the palette, and spreads logins', () => {
    expect(colourOf('reviewer')).toBe(colourOf('Reviewer'));
    expect(PRESENCE_COLOURS).toContain(colourOf('reviewer'));
    const logins = ['admin', 'analyst', 'reviewer', 'reviewer2', 'manager', 'ivanova', 'petrov', 'sidorova'];
    expect(new Set(logins.map(colourOf)).size).toBeGreaterThanOrEqual(5);
  });

  it('writes initials and short names as documents do', () => {
    expect(initialsOf('Проверкин Иван Петрович')).toBe('ПИ');
    expect(initialsOf('администратор')).toBe('АД');
    expect(initialsOf('  ')).toBe('?');
    expect(shortName('Иванова Ирина Ивановна')).toBe('Иванова И.И.');
    expect(shortName('Иванова')).toBe('Иванова');
    expect(shortName('')).toBe('');
  });
});

describe('@mentions', () => {
  const people: Colleague[] = [
    { login: 'reviewer', fullName: 'Проверкин Иван Петрович', role: 'reviewer' },
    { login: 'reviewer2', fullName: 'Сверкина Мария Олеговна', role: 'reviewer' },
    { login: 'manager', fullName: 'Руководов Олег Николаевич', role: 'manager' },
    { login: 'analyst', fullName: 'Аналитикова Анна Сергеевна', role: 'analyst' },
  ];

  it('finds the mention being typed before the caret, not an e-mail address, not a finished one', () => {
    expect(activeMention('Посмотрите, @rev', 16)).toEqual({ start: 12, query: 'rev' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('mail a@b.ru', 11)).toBeNull();
    expect(activeMention('@reviewer готово', 16)).toBeNull();
    expect(activeMention('(@Man', 5)).toEqual({ start: 1, query: 'man' });
  });

  it('suggests logins starting with the query first, then names, never the author', () => {
    expect(suggestColleagues(people, 'rev', 'reviewer').map((c) => c.login)).toEqual(['reviewer2']);
    expect(suggestColleagues(people, '', 'reviewer').map((c) => c.login)).toEqual(['reviewer2', 'manager', 'analyst']);
    expect(suggestColleagues(people, 'свер', 'reviewer').map((c) => c.login)).toEqual(['reviewer2']);
    expect(suggestColleagues(people, 'мар', 'x').map((c) => c.login)).toEqual(['reviewer2']);
    expect(suggestColleagues(people, 'zzz', 'x')).toEqual([]);
  });

  it('puts the chosen name in place of what was typed, with the caret after it, and stores it as the login', () => {
    const text = 'Проверьте, @сверк пожалуйста';
    const m = activeMention(text, 17)!;
    const name = mentionName('Сверкина Мария Олеговна');
    expect(name).toBe('Мария Сверкина');
    const typed = insertMention(text, 17, m, name);
    expect(typed).toEqual({ text: 'Проверьте, @Мария Сверкина пожалуйста', caret: 27 });
    expect(insertMention('@', 1, { start: 0, query: '' }, 'Олег Руководов')).toEqual({ text: '@Олег Руководов ', caret: 16 });
    const chosen = new Map([[name, 'reviewer2'], ['Олег Руководов', 'manager']]);
    const stored = storedMentions(`${typed.text}, @Олег Руководов.`, chosen);
    expect(stored).toBe('Проверьте, @reviewer2 пожалуйста, @manager.');
    expect(mentionsIn(stored)).toEqual(['reviewer2', 'manager']);
    // a name edited after choosing is text, not a mention; a longer name is not taken for a shorter one
    expect(storedMentions('@Мария Сверкин, @Мария Сверкина2', chosen)).toBe('@Мария Сверкин, @Мария Сверкина2');
    expect(storedMentions('@Иван Петровский и @Иван Петров', new Map([['Иван Петров', 'a'], ['Иван Петровский', 'b']]))).toBe('@b и @a');
    expect(mentionName('Администратор')).toBe('Администратор');
    // and read back by name wherever the comment is shown
    expect(namedMentions(stored, mentionsIn(stored), people)).toBe('Проверьте, @Мария Сверкина пожалуйста, @Олег Руководов.');
    expect(namedMentions('@reviewer2 и @nobody1', ['reviewer2'], people)).toBe('@Мария Сверкина и @nobody1');
  });
});

describe('connection state', () => {
  const f = { browserOnline: true, connected: false, synced: false, everSynced: false };
  it('is offline when the browser says so, online once synced, connecting until the first sync, offline after losing it', () => {
    expect(connectionState(f)).toBe('connecting');
    expect(connectionState({ ...f, connected: true })).toBe('connecting');
    expect(connectionState({ ...f, connected: true, synced: true, everSynced: true })).toBe('online');
    expect(connectionState({ ...f, connected: true, synced: true, everSynced: true, browserOnline: false })).toBe('offline');
    expect(connectionState({ ...f, everSynced: true })).toBe('offline');
  });
});

/** The update store as IndexedDB keeps it: records in insertion order with increasing keys. */
function memoryStore(): UpdateStore & { records: { key: number; doc: string; update: Uint8Array }[] } {
  let next = 1;
  const records: { key: number; doc: string; update: Uint8Array }[] = [];
  return {
    records,
    async load(doc) {
      const mine = records.filter((r) => r.doc === doc);
      return { keys: mine.map((r) => r.key), updates: mine.map((r) => r.update) };
    },
    async append(doc, updates) {
      for (const update of updates) records.push({ key: next++, doc, update });
    },
    async replace(doc, keys, merged) {
      for (let i = records.length - 1; i >= 0; i--) if (keys.includes(records[i]!.key)) records.splice(i, 1);
      records.push({ key: next++, doc, update: merged });
    },
  };
}

describe('keeping a shared document between visits', () => {
  const me = { login: 'reviewer', name: 'Проверкин Иван Петрович' };

  it('stores local and received updates, loads them into a new document, and never stores what it loaded', async () => {
    const store = memoryStore();
    const a = new Y.Doc();
    const p = await persistDoc(a, 'registry:1', store, { batchMs: 1 });
    startThread(a, 7, 'Проверьте объем, @reviewer2', me);
    // an update from the server, as the provider applies it
    const server = new Y.Doc();
    setFlag(server, 7, 'red', me);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server), 'provider');
    await p.destroy();
    expect(store.records.length).toBeGreaterThanOrEqual(1);
    expect(store.records.every((r) => r.doc === 'registry:1')).toBe(true);

    const b = new Y.Doc();
    const seen: unknown[] = [];
    b.on('update', (_u: Uint8Array, origin: unknown) => seen.push(origin));
    const before = store.records.length;
    const q = await persistDoc(b, 'registry:1', store, { batchMs: 1 });
    expect(q.loaded).toBe(true);
    expect(listThreads(b, { row: 7 })[0]?.comments[0]?.mentions).toEqual(['reviewer2']);
    expect(flagOfRow(b, 7)?.flag).toBe('red');
    expect(seen.every((o) => o === STORE_ORIGIN)).toBe(true);
    await q.flush();
    expect(store.records.length).toBe(before);
    // another document's updates stay apart
    const c = new Y.Doc();
    await persistDoc(c, 'registry:2', store);
    expect(listThreads(c)).toEqual([]);
  });

  it('merges many stored records into one at load, with the same content', async () => {
    const store = memoryStore();
    const a = new Y.Doc();
    const p = await persistDoc(a, 'registry:3', store, { batchMs: 0 });
    for (let k = 0; k < 12; k++) {
      startThread(a, k, `комментарий ${k}`, me);
      await p.flush();
    }
    expect(store.records.length).toBe(12);
    const b = new Y.Doc();
    await persistDoc(b, 'registry:3', store, { compactAfter: 10 });
    expect(store.records.length).toBe(1);
    const c = new Y.Doc();
    await persistDoc(c, 'registry:3', store);
    expect(listThreads(c).map((t) => t.comments[0]?.text)).toEqual(listThreads(a).map((t) => t.comments[0]?.text));
    expect(listThreads(c)).toHaveLength(12);
  });

  it('starts empty and keeps working when the store refuses', async () => {
    const refusing: UpdateStore = {
      load: () => Promise.reject(new Error('no IndexedDB')),
      append: () => Promise.reject(new Error('no IndexedDB')),
      replace: () => Promise.reject(new Error('no IndexedDB')),
    };
    const d = new Y.Doc();
    const p = await persistDoc(d, 'registry:4', refusing, { batchMs: 0 });
    expect(p.loaded).toBe(false);
    startThread(d, 1, 'текст', me);
    await expect(p.flush()).resolves.toBeUndefined();
    expect(listThreads(d)).toHaveLength(1);
  });
});
