import type { FlagKind, FlagMark, Presence, RowMirror, Thread } from '../../../../formulas/collab/shared-doc.ts';

/** What the grid's marker column shows for one row: its flag, its threads, who has it selected. */
export interface RowMark {
  flag: FlagKind | null;
  openThreads: number;
  threads: number;
  /** colleagues with this row selected */
  peers: Presence[];
}

/** Marks by row number; rows without any are absent. */
export type RowMarks = ReadonlyMap<number, RowMark>;

export const NO_MARKS: RowMarks = new Map();

/** Gathers flags, threads and presence by row. */
export function rowMarks(threads: readonly Thread[], flags: ReadonlyMap<number, FlagMark>, peers: readonly Presence[]): RowMarks {
  const out = new Map<number, RowMark>();
  const at = (row: number): RowMark => {
    let m = out.get(row);
    if (!m) out.set(row, (m = { flag: null, openThreads: 0, threads: 0, peers: [] }));
    return m;
  };
  for (const [row, f] of flags) at(row).flag = f.flag;
  for (const t of threads) {
    const m = at(t.row);
    m.threads++;
    if (!t.resolved) m.openThreads++;
  }
  for (const p of peers) if (p.row !== null) at(p.row).peers.push(p);
  return out;
}

/** The rows whose drawing differs between two sets of marks (a row's outline and markers are redrawn). */
export function changedRows(before: RowMarks, after: RowMarks): number[] {
  const key = (m: RowMark | undefined): string => (m ? `${m.flag}|${m.openThreads}|${m.threads}|${m.peers.map((p) => `${p.user.login}:${p.user.color}`).join(',')}` : '');
  const out: number[] = [];
  for (const row of new Set([...before.keys(), ...after.keys()])) if (key(before.get(row)) !== key(after.get(row))) out.push(row);
  return out;
}

/** RowStates code of a mirrored decision: 0 Требует решения (no entry), 1 Согласован, 2 Не согласован. */
export const statusCodeOf = (m: RowMirror | null | undefined): number => (!m ? 0 : m.status === 'Согласован' ? 1 : 2);

export const FLAG_TITLES: Record<FlagKind, string> = { red: 'Красный', yellow: 'Жёлтый', green: 'Зелёный', blue: 'Синий' };

/** What the grid reads of live co-review when it draws a row (through a ref: the grid is built once). */
export interface GridCollab {
  marks: RowMarks;
  /** «Согласовал: Проверкин И.П.» for a decided row, null otherwise */
  decisionOf(rowNo: number): string | null;
}

export const NO_GRID_COLLAB: GridCollab = { marks: NO_MARKS, decisionOf: () => null };

/** «Согласовал: Проверкин И.П.» / «Не согласовал: …» from a mirrored decision and a short-name function. */
export function decisionText(m: RowMirror | null | undefined, short: (fullName: string) => string): string | null {
  if (!m?.by) return null;
  return `${m.status === 'Согласован' ? 'Согласовал' : 'Не согласовал'}: ${short(m.by)}`;
}
