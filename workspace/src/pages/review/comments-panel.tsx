import type { Thread } from '../../../../formulas/collab/shared-doc.ts';
import type { Colleague } from '../../../../server/contract/users.ts';
import { namedMentions } from '../../collab/mentions.ts';
import { shortName } from '../../collab/people.ts';
import { formatDateTime } from '../../format.ts';
import './co-review.css';

interface Props {
  /** open threads, oldest first */
  threads: readonly Thread[];
  /** address of a row number (for the list), empty when the row is unknown */
  addressOf: (rowNo: number) => string;
  onOpenRow: (rowNo: number) => void;
  /** the reader's login: threads that mention him say so */
  me: string;
  /** to show @mentions by name */
  colleagues: readonly Colleague[];
}

/** Обсуждения: every open thread of the registry; a click opens its row. */
export function CommentsPanel({ threads, addressOf, onOpenRow, me, colleagues }: Props) {
  return (
    <aside class="panel review-side co-threads-panel" aria-label="Открытые обсуждения">
      <h2 class="co-threads-panel__title">Открытые обсуждения: {threads.length}</h2>
      {threads.length === 0 && <p class="muted">Открытых обсуждений нет. Комментарий к строке пишется в ее карточке.</p>}
      <ul class="co-thread-list">
        {threads.map((t) => {
          const first = t.comments[0];
          const last = t.comments[t.comments.length - 1];
          const mentioned = t.comments.some((c) => c.mentions.includes(me));
          return (
            <li key={t.id}>
              <button type="button" class="co-thread-item" data-row={t.row} onClick={() => onOpenRow(t.row)}>
                <span class="co-thread-item__where">
                  Строка {t.row}
                  {addressOf(t.row) ? ` · ${addressOf(t.row)}` : ''}
                  {mentioned && <span class="co-thread-item__mention">вас упомянули</span>}
                </span>
                <span class="co-thread-item__text">{first ? namedMentions(first.text, first.mentions, colleagues) : ''}</span>
                <span class="co-thread-item__meta muted">
                  {first ? shortName(first.authorName) : ''}
                  {t.comments.length > 1 ? ` · ответов ${t.comments.length - 1}, последний — ${shortName(last?.authorName ?? '')}` : ''}
                  {last ? ` · ${formatDateTime(last.at)}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
