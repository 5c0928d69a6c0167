import { describe, expect, it } from 'vitest';
import type { FlagMark, Presence, Thread } from '../../../../formulas/collab/shared-doc.ts';
import { changedRows, decisionText, rowMarks, statusCodeOf } from './collab-marks.ts';

const thread = (id: string, row: number, resolved: boolean): Thread => ({ id, row, createdBy: 'a', createdAt: id, resolved, resolvedBy: null, resolvedAt: null, comments: [] });
const peer = (login: string, row: number | null, watcher = false): Presence => ({ user: { login, name: login, color: '#123456', role: 'reviewer' }, row, watcher });
const flag = (row: number, f: FlagMark['flag']): [number, FlagMark] => [row, { row, flag: f, by: 'a', at: '' }];

describe('grid marks of live co-review', () => {
  it('gathers flags, open and resolved threads and who has each row selected', () => {
    const marks = rowMarks([thread('1', 7, false), thread('2', 7, true), thread('3', 9, true)], new Map([flag(7, 'red'), flag(8, 'blue')]), [peer('b', 7), peer('m', 8, true), peer('c', null)]);
    expect(marks.get(7)).toEqual({ flag: 'red', openThreads: 1, threads: 2, peers: [peer('b', 7)] });
    expect(marks.get(8)).toEqual({ flag: 'blue', openThreads: 0, threads: 0, peers: [peer('m', 8, true)] });
    expect(marks.get(9)).toEqual({ flag: null, openThreads: 0, threads: 1, peers: [] });
    expect([...marks.keys()].sort()).toEqual([7, 8, 9]);
  });

  it('names only the rows whose drawing changed', () => {
    const before = rowMarks([thread('1', 7, false)], new Map([flag(8, 'red')]), [peer('b', 9)]);
    const after = rowMarks([thread('1', 7, true)], new Map([flag(8, 'red')]), [peer('b', 10)]);
    expect(changedRows(before, after).sort()).toEqual([10, 7, 9].sort());
    expect(changedRows(before, rowMarks([thread('1', 7, false)], new Map([flag(8, 'red')]), [peer('b', 9)]))).toEqual([]);
  });

  it('reads mirrored decisions as row status codes and as «Согласовал: …»', () => {
    expect(statusCodeOf(null)).toBe(0);
    expect(statusCodeOf({ status: 'Согласован', reason: null, by: null, at: null })).toBe(1);
    expect(statusCodeOf({ status: 'Не согласован', reason: 'нет', by: null, at: null })).toBe(2);
    const short = (s: string) => s.split(' ')[0] ?? '';
    expect(decisionText({ status: 'Согласован', reason: null, by: 'Иванова Ирина Ивановна', at: null }, short)).toBe('Согласовал: Иванова');
    expect(decisionText({ status: 'Не согласован', reason: 'x', by: 'Петров П П', at: null }, short)).toBe('Не согласовал: Петров');
    expect(decisionText({ status: 'Согласован', reason: null, by: null, at: null }, short)).toBeNull();
  });
});
