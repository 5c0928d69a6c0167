import { useEffect, useState } from 'preact/hooks';
import type { ApiTokenItem } from '../../../../server/contract/portal.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDateTime } from '../../format.ts';

/**
 * «Ключи API» for the organisation's billing system: name one, copy its secret (shown once), revoke it. The
 * system sends `Authorization: Bearer <ключ>` to the same /api/portal routes.
 */
export function TokensPanel() {
  const [tokens, setTokens] = useState<ApiTokenItem[] | null>(null);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    unwrap(api.portal.tokens.$get()).then((t) => live && setTokens(t), (e: unknown) => live && setError(userMessage(e)));
    return () => {
      live = false;
    };
  }, [revision]);

  async function create(e: Event): Promise<void> {
    e.preventDefault();
    setError(null);
    try {
      const t = await unwrap(api.portal.tokens.$post({ json: { name } }));
      setSecret(t.token);
      setName('');
      setRevision((r) => r + 1);
    } catch (err) {
      setError(userMessage(err));
    }
  }

  async function revoke(id: number): Promise<void> {
    setError(null);
    try {
      await unwrap(api.portal.tokens[':id{[0-9]+}'].revoke.$post({ param: { id: String(id) } }));
      setRevision((r) => r + 1);
    } catch (err) {
      setError(userMessage(err));
    }
  }

  return (
    <details class="panel portal-tokens">
      <summary>Ключи API для учётной системы</summary>
      <form class="portal-submit__fields" onSubmit={(e) => void create(e)}>
        <label class="field">
          <span class="field__label">Название ключа</span>
          <input name="tokenName" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button">
          Создать ключ
        </button>
      </form>
      {secret && (
        <p class="message message--info" role="status">
          Ключ (показывается один раз, сохраните его): <code data-token>{secret}</code>
        </p>
      )}
      {error && <ErrorLine>{error}</ErrorLine>}
      <ul class="portal__documents">
        {(tokens ?? []).map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> <span class="muted">создан {formatDateTime(t.createdAt)}{t.lastUsedAt ? `, использован ${formatDateTime(t.lastUsedAt)}` : ''}</span>{' '}
            {t.revokedAt ? (
              <span class="tag">отозван</span>
            ) : (
              <button type="button" class="button button--small" onClick={() => void revoke(t.id)}>
                Отозвать
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
