import type { HistoryEntry } from '../../../../server/registries/api-types.ts';
import { formatDateTime } from '../../format.ts';

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
          <span class="review-history__what">{e.summary}</span>
        </li>
      ))}
    </ol>
  );
}
