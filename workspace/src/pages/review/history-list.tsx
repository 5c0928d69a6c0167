import type { HistoryEntry } from '../../../../server/contract/registries.ts';
import { formatDateTime } from '../../format.ts';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The server's sentence; an action it has no sentence for yet (it sends the action's code) is named here. */
function summaryOf(e: HistoryEntry): string {
  if (e.summary !== e.action) return e.summary;
  switch (e.action) {
    case 'registry.document':
      return `Сформирован документ: ${text(e.payload.title) || text(e.payload.kind)}${e.payload.number ? ` № ${text(e.payload.number)}` : ''}`;
    default:
      return e.summary;
  }
}

/** Who did what and when, newest first. */
export function HistoryList({ entries, empty }: { entries: HistoryEntry[] | null; empty: string }) {
  if (entries === null) return <p class="muted">Загрузка истории…</p>;
  if (entries.length === 0) return <p class="muted">{empty}</p>;
  const newestFirst = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <ol class="review-history">
      {newestFirst.map((e) => (
        <li key={e.id} class="review-history__item" data-action={e.action}>
          <span class="review-history__when">{formatDateTime(e.at)}</span>
          <span class="review-history__who">{e.actor ?? 'Система'}</span>
          <span class="review-history__what">{summaryOf(e)}</span>
        </li>
      ))}
    </ol>
  );
}
