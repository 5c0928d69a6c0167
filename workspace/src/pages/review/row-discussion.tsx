import { useState } from 'preact/hooks';
import { addLabel, FLAG_KINDS, removeLabel, reply, setFlag, setResolved, startThread, type Comment, type FlagKind, type FlagMark, type LabelMark, type Thread } from '../../../../formulas/collab/shared-doc.ts';
import type { Colleague } from '../../../../server/contract/users.ts';
import type { CollabSession } from '../../collab/collab-session.ts';
import { colourOf, initialsOf, shortName } from '../../collab/people.ts';
import { formatDateTime } from '../../format.ts';
import { FLAG_TITLES } from './collab-marks.ts';
import { mentionName } from '../../collab/mentions.ts';
import { MentionInput, useMentionText } from './mention-input.tsx';
import './co-review.css';

interface Props {
  session: CollabSession;
  rowNo: number;
  threads: readonly Thread[];
  flag: FlagMark | null;
  labels: readonly LabelMark[];
  colleagues: readonly Colleague[];
}

const nameOf = (colleagues: readonly Colleague[], login: string | null): string => {
  const c = login ? colleagues.find((x) => x.login === login) : undefined;
  return c ? shortName(c.fullName) : (login ?? '');
};

const mentionOf = (colleagues: readonly Colleague[], login: string): string => {
  const c = colleagues.find((x) => x.login === login);
  return c ? mentionName(c.fullName) : login;
};

/** A comment's text with its @mentions marked and named as the box wrote them (the login in the tooltip). */
function CommentText({ c, colleagues }: { c: Comment; colleagues: readonly Colleague[] }) {
  const parts = c.text.split(/(@[a-z0-9._-]{3,64})/g);
  return (
    <p class="co-comment__text">
      {parts.map((part, k) =>
        part.startsWith('@') && c.mentions.includes(part.slice(1).replace(/[.]+$/, '')) ? (
          <span key={k} class="co-mention" title={part.replace(/[.]+$/, '')}>
            @{mentionOf(colleagues, part.slice(1).replace(/[.]+$/, ''))}
            {part.match(/[.]+$/)?.[0] ?? ''}
          </span>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/**
 * The row's discussion in its panel: the flag, free labels, the comment threads with replies, resolution and
 * @mentions. Everything is written into the shared document and reaches the others at once (or when the
 * connection returns). Watchers read it all without a single control.
 */
export function RowDiscussion({ session, rowNo, threads, flag, labels, colleagues }: Props) {
  const { doc, me, writable } = session;
  const box = useMentionText();
  const [label, setLabel] = useState('');

  const start = (e: Event): void => {
    e.preventDefault();
    if (!box.text.trim()) return;
    startThread(doc, rowNo, box.stored(), me);
    box.clear();
  };
  const add = (e: Event): void => {
    e.preventDefault();
    const l = label.trim().slice(0, 40);
    if (!l) return;
    addLabel(doc, rowNo, l, me);
    setLabel('');
  };

  return (
    <section class="review-panel__section co-discussion" aria-label="Обсуждение строки">
      <h3>Обсуждение</h3>
      <div class="co-marks-line">
        {writable ? (
          <div class="co-flags" role="group" aria-label="Флаг строки">
            <span class="co-flags__label muted">Флаг</span>
            {FLAG_KINDS.map((k: FlagKind) => (
              <button
                key={k}
                type="button"
                class={`co-flag-button co-flag--${k}`}
                aria-pressed={flag?.flag === k}
                title={`Флаг: ${FLAG_TITLES[k].toLowerCase()}`}
                aria-label={`Флаг: ${FLAG_TITLES[k].toLowerCase()}`}
                onClick={() => setFlag(doc, rowNo, flag?.flag === k ? null : k, me)}
              />
            ))}
            {flag && (
              <button type="button" class="button button--small" onClick={() => setFlag(doc, rowNo, null, me)}>
                Снять флаг
              </button>
            )}
          </div>
        ) : (
          flag && (
            <span class="co-flag-note" data-flag={flag.flag}>
              <span class={`co-flag-dot co-flag--${flag.flag}`} aria-hidden="true" /> Флаг: {FLAG_TITLES[flag.flag].toLowerCase()}
            </span>
          )
        )}
        {flag && <span class="muted co-by">{nameOf(colleagues, flag.by)}</span>}
      </div>
      <div class="co-labels" aria-label="Метки строки">
        {labels.map((l) => (
          <span key={l.label} class="tag co-label" data-label={l.label} title={`${nameOf(colleagues, l.by)}, ${formatDateTime(l.at)}`}>
            {l.label}
            {/* a label is its author's: the server puts back another person's label removed */}
            {writable && l.by === me.login && (
              <button type="button" class="co-label__remove" aria-label={`Убрать метку «${l.label}»`} onClick={() => removeLabel(doc, rowNo, l.label)}>
                ×
              </button>
            )}
          </span>
        ))}
        {writable && (
          <form class="co-label-form" onSubmit={add}>
            <input type="text" value={label} maxLength={40} placeholder="Новая метка" aria-label="Новая метка" onInput={(e) => setLabel(e.currentTarget.value)} />
            <button type="submit" class="button button--small" disabled={!label.trim()}>
              Добавить
            </button>
          </form>
        )}
        {!writable && labels.length === 0 && <span class="muted">Меток нет.</span>}
      </div>
      {threads.length === 0 && <p class="muted co-empty">Комментариев к строке нет.</p>}
      {threads.map((t) => (
        <ThreadView key={t.id} thread={t} session={session} colleagues={colleagues} />
      ))}
      {writable && (
        <form class="co-new-thread" onSubmit={start} aria-label="Начать обсуждение">
          <MentionInput label="Новый комментарий" value={box.text} onInput={box.setText} chosen={box.chosen} colleagues={colleagues} self={me.login} placeholder="@ — упомянуть коллегу" />
          <button type="submit" class="button button--small button--primary" disabled={!box.text.trim()}>
            Написать
          </button>
        </form>
      )}
    </section>
  );
}

function ThreadView({ thread: t, session, colleagues }: { thread: Thread; session: CollabSession; colleagues: readonly Colleague[] }) {
  const { doc, me, writable } = session;
  const [replying, setReplying] = useState(false);
  const box = useMentionText();
  const send = (e: Event): void => {
    e.preventDefault();
    if (!box.text.trim()) return;
    reply(doc, t.id, box.stored(), me);
    box.clear();
    setReplying(false);
  };
  return (
    <article class={`co-thread${t.resolved ? ' co-thread--resolved' : ''}`} data-thread={t.id} data-resolved={t.resolved ? 'yes' : 'no'} aria-label="Обсуждение">
      <ul class="co-comments">
        {t.comments.map((c) => (
          <li key={c.id} class="co-comment" data-author={c.author}>
            <span class="co-avatar co-avatar--small" style={{ background: colourOf(c.author) }} aria-hidden="true">
              {initialsOf(c.authorName)}
            </span>
            <div class="co-comment__body">
              <span class="co-comment__who">
                {shortName(c.authorName)} <span class="muted">{formatDateTime(c.at)}</span>
              </span>
              <CommentText c={c} colleagues={colleagues} />
            </div>
          </li>
        ))}
      </ul>
      {t.resolved && (
        <p class="co-thread__resolved muted">
          Решено{t.resolvedBy ? `: ${nameOf(colleagues, t.resolvedBy)}` : ''}
          {t.resolvedAt ? `, ${formatDateTime(t.resolvedAt)}` : ''}
        </p>
      )}
      {writable && !replying && (
        <div class="co-thread__buttons">
          {!t.resolved && (
            <button type="button" class="button button--small" onClick={() => setReplying(true)}>
              Ответить
            </button>
          )}
          <button type="button" class="button button--small" onClick={() => setResolved(doc, t.id, !t.resolved, me)}>
            {t.resolved ? 'Открыть снова' : 'Решено'}
          </button>
        </div>
      )}
      {writable && replying && (
        <form class="co-reply" onSubmit={send} aria-label="Ответ в обсуждении">
          <MentionInput label="Ответ" value={box.text} onInput={box.setText} chosen={box.chosen} colleagues={colleagues} self={me.login} />
          <div class="co-thread__buttons">
            <button type="submit" class="button button--small button--primary" disabled={!box.text.trim()}>
              Ответить
            </button>
            <button type="button" class="button button--small" onClick={() => setReplying(false)}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
