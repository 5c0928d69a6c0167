import { CONNECTION_TEXT, type ConnectionState } from '../../collab/connection-state.ts';
import { initialsOf, shortName } from '../../collab/people.ts';
import type { Peer } from '../../collab/use-collab.ts';
import './co-review.css';

interface Props {
  connection: ConnectionState;
  /** the server's reason for not taking this person's last change */
  refusal?: string | null;
  peers: readonly Peer[];
  /** «строка 12» for a selected row number */
  rowText: (rowNo: number) => string;
  onOpenRow: (rowNo: number) => void;
}

/** The header card's line of live co-review: the connection, and who else is in the registry on which row. */
export function PresenceBar({ connection, refusal = null, peers, rowText, onOpenRow }: Props) {
  return (
    <div class="co-presence" aria-label="Совместная работа">
      <span class={`co-conn co-conn--${connection}`} role="status" data-connection={connection}>
        <span class="co-conn__dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
      </span>
      {refusal && (
        <span class="co-refusal message message--error" role="alert">
          {refusal}
        </span>
      )}
      <ul class="co-people" aria-label="Кто в реестре">
        {peers.length === 0 && connection === 'online' && <li class="co-people__none muted">Больше никого в реестре нет</li>}
        {peers.map(({ clientId, presence: p }) => (
          <li key={clientId} class="co-person" data-login={p.user.login} title={p.user.name}>
            <span class="co-avatar" style={{ background: p.user.color }} aria-hidden="true">
              {initialsOf(p.user.name)}
            </span>
            <span class="co-person__name">{shortName(p.user.name)}</span>
            {p.watcher ? (
              <span class="co-person__what muted">наблюдает{p.row !== null ? ` · ${rowText(p.row)}` : ''}</span>
            ) : p.row !== null ? (
              <button type="button" class="co-person__row" onClick={() => onOpenRow(p.row as number)}>
                {rowText(p.row)}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
