import { useEffect, useState } from 'preact/hooks';
import type { PortalMessage } from '../../../../server/contract/portal.ts';
import { userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDateTime } from '../../format.ts';

export interface ThreadSource {
  load(): Promise<PortalMessage[]>;
  post(body: string, rowNo: number | null): Promise<PortalMessage>;
  /** the Server-Sent Events address of the thread */
  liveUrl: string;
}

/**
 * «Переписка с РСО» of one registry, the same component on both sides: messages oldest first (a row's number
 * where one house is asked about), new ones pushed by the server (EventSource), a reply box when `canWrite`.
 */
export function MessagesThread({ source, canWrite, rowNo, onRowNo }: { source: ThreadSource; canWrite: boolean; rowNo?: number | null; onRowNo?: (n: number | null) => void }) {
  const [messages, setMessages] = useState<PortalMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const add = (m: PortalMessage): void => setMessages((list) => (list === null || list.some((x) => x.id === m.id) ? list : [...list, m]));
    source.load().then((list) => live && setMessages(list), (e: unknown) => live && setError(userMessage(e)));
    const events = new EventSource(source.liveUrl);
    events.addEventListener('message', (e) => add(JSON.parse((e as MessageEvent<string>).data) as PortalMessage));
    // a reconnect may have missed messages: the thread is read again
    events.addEventListener('ready', () => void source.load().then((list) => live && setMessages(list), () => undefined));
    return () => {
      live = false;
      events.close();
    };
  }, [source]);

  async function send(e: Event): Promise<void> {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const m = await source.post(text, rowNo ?? null);
      setMessages((list) => (list && !list.some((x) => x.id === m.id) ? [...list, m] : list));
      setText('');
      onRowNo?.(null);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel thread" aria-label="Переписка с РСО">
      <h2>Переписка с РСО</h2>
      {messages !== null && messages.length === 0 && <p class="muted">Сообщений пока нет.</p>}
      <ol class="thread__list">
        {(messages ?? []).map((m) => (
          <li key={m.id} class={m.fromRso ? 'thread__message thread__message--rso' : 'thread__message'} data-message={m.id}>
            <div class="thread__meta">
              <strong>{m.author}</strong>
              {m.rowNo !== null && <span class="tag">строка {m.rowNo}</span>}
              <span class="muted">{formatDateTime(m.createdAt)}</span>
            </div>
            <p class="thread__body">{m.body}</p>
          </li>
        ))}
      </ol>
      {error && <ErrorLine>{error}</ErrorLine>}
      {canWrite && (
        <form class="thread__form" onSubmit={(e) => void send(e)}>
          {rowNo !== null && rowNo !== undefined && (
            <span class="tag">
              по строке {rowNo}{' '}
              <button type="button" class="button button--small" onClick={() => onRowNo?.(null)} aria-label="Не по строке">
                ×
              </button>
            </span>
          )}
          <textarea name="message" rows={3} maxLength={4000} aria-label="Сообщение" value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="button button--primary" disabled={busy || !text.trim()}>
            Отправить сообщение
          </button>
        </form>
      )}
    </section>
  );
}
