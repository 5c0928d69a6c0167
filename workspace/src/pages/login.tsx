import { useState } from 'preact/hooks';
import { messageOf } from '../api.ts';
import { login } from '../session.ts';
import { ErrorLine } from '../error-line.tsx';

/** Sign-in form; the server's refusal («Неверный логин или пароль») is shown as it is. */
export function LoginPage() {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(name.trim(), password);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login__form" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title" class="login__product">Сверка</h1>
        <p class="login__subtitle">Проверка реестров и стандартов субсидий ЖКУ</p>
        <label class="field">
          <span class="field__label">Логин</span>
          <input name="login" autocomplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Пароль</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <ErrorLine>{error}</ErrorLine>}
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
        <p class="login__hint">Демо: admin / admin-demo, analyst / analyst-demo, reviewer / reviewer-demo, manager / manager-demo, rso / rso-demo</p>
        <p class="login__hint">
          Гражданам: <a href="/calc">рассчитать субсидию на оплату ЖКУ</a> без входа в систему
        </p>
      </form>
    </main>
  );
}
