import { useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import { passwordProblem } from '../../../../formulas/text/password-rule.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import './users.css';

/** «Смена пароля»: one's own password, the current one first; the server ends one's other sessions. */
export function PasswordPage({ user }: { user: SessionUser }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const local = (next ? passwordProblem(next, user.login) : null) ?? (repeat && repeat !== next ? 'Повтор не совпадает с новым паролем' : null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (local || next !== repeat) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await unwrap(api.auth.password.$post({ json: { current, next } }));
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page page--password" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Смена пароля</h1>
      </header>
      <form class="panel users__password" onSubmit={(e) => void submit(e)}>
        <label class="field">
          <span class="field__label">Текущий пароль</span>
          <input name="current" type="password" required autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Новый пароль (не короче 10 символов, не логин)</span>
          <input name="next" type="password" required autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Новый пароль ещё раз</span>
          <input name="repeat" type="password" required autocomplete="new-password" value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        </label>
        {local && <span class="field__error">{local}</span>}
        {error && <ErrorLine>{error}</ErrorLine>}
        {done && (
          <p class="message message--success" role="status">
            Пароль изменён. Другие сеансы этой учётной записи завершены.
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={busy || local !== null}>
          {busy ? 'Сохранение…' : 'Сменить пароль'}
        </button>
      </form>
    </section>
  );
}
