import { useEffect, useState } from 'preact/hooks';
import type { Role, SessionUser } from '../../../../server/contract/auth.ts';
import type { UserAccount } from '../../../../server/contract/users.ts';
import { PASSWORD_MIN_LENGTH } from '../../../../formulas/text/password-rule.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDateTime } from '../../format.ts';
import { ROLE_TITLES } from '../../roles.ts';
import './users.css';

const ROLE_ORDER: Role[] = ['reviewer', 'manager', 'analyst', 'admin', 'rso'];

/**
 * «Пользователи» (admin): every account with its role, organisation and state; add an account, disable or enable
 * one, reset a password. The server validates and audits each change; its refusal is shown as it is.
 */
export function UsersPage({ user }: { user: SessionUser }) {
  const [accounts, setAccounts] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    unwrap(api.users.accounts.$get())
      .then((a) => live && setAccounts(a))
      .catch((e: unknown) => live && setError(userMessage(e)));
    return () => {
      live = false;
    };
  }, [revision]);

  async function act(login: string, what: 'disable' | 'enable'): Promise<void> {
    setError(null);
    setNotice(null);
    try {
      const param = { param: { login } };
      await unwrap(what === 'disable' ? api.users[':login'].disable.$post(param) : api.users[':login'].enable.$post(param));
      setNotice(what === 'disable' ? `Пользователь «${login}» отключён: его сеансы завершены` : `Пользователь «${login}» снова может войти`);
      setRevision((r) => r + 1);
    } catch (e) {
      setError(userMessage(e));
    }
  }

  async function reset(login: string): Promise<void> {
    const password = window.prompt(`Новый пароль для «${login}» (не короче ${PASSWORD_MIN_LENGTH} символов, не логин):`);
    if (!password) return;
    setError(null);
    setNotice(null);
    try {
      await unwrap(api.users[':login'].password.$post({ param: { login }, json: { password } }));
      setNotice(`Пароль пользователя «${login}» изменён, его сеансы завершены`);
      setRevision((r) => r + 1);
    } catch (e) {
      setError(userMessage(e));
    }
  }

  return (
    <section class="page page--users" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Пользователи</h1>
        {accounts && <span class="users__count">{accounts.filter((a) => a.active).length} активных из {accounts.length}</span>}
      </header>
      <AddUserForm
        onAdded={(login) => {
          setNotice(`Пользователь «${login}» добавлен`);
          setRevision((r) => r + 1);
        }}
      />
      {error && <ErrorLine>{error}</ErrorLine>}
      {notice && (
        <p class="message message--success" role="status">
          {notice}
        </p>
      )}
      <div class="table-scroll users__table">
        <table class="table">
          <thead>
            <tr>
              <th>Логин</th>
              <th>ФИО</th>
              <th>Роль</th>
              <th>Организация</th>
              <th>Пароль изменён</th>
              <th>Состояние</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((a) => (
              <tr key={a.login} class={a.active ? undefined : 'users__row--disabled'} data-login={a.login}>
                <td>{a.login}</td>
                <td>{a.fullName}</td>
                <td>{ROLE_TITLES[a.role]}</td>
                <td>{a.rsoInn ? `${a.rsoName ?? ''} (ИНН ${a.rsoInn})` : ''}</td>
                <td>{a.passwordChangedAt ? formatDateTime(a.passwordChangedAt) : '—'}</td>
                <td>{a.active ? 'активен' : `отключён ${a.disabledAt ? formatDateTime(a.disabledAt) : ''}`}</td>
                <td class="users__actions">
                  {a.login !== user.login &&
                    (a.active ? (
                      <button type="button" class="button button--small" onClick={() => void act(a.login, 'disable')}>
                        Отключить
                      </button>
                    ) : (
                      <button type="button" class="button button--small" onClick={() => void act(a.login, 'enable')}>
                        Включить
                      </button>
                    ))}
                  <button type="button" class="button button--small" onClick={() => void reset(a.login)}>
                    Сбросить пароль
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AddUserForm({ onAdded }: { onAdded: (login: string) => void }) {
  const [login, setLogin] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState('');
  const [rsoInn, setRsoInn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const short = password.length > 0 && [...password].length < PASSWORD_MIN_LENGTH;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const added = await unwrap(api.users.$post({ json: { login, fullName, role, password, ...(role === 'rso' ? { rsoInn } : {}) } }));
      setLogin('');
      setFullName('');
      setPassword('');
      setRsoInn('');
      onAdded(added.login);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel users__form" onSubmit={(e) => void submit(e)} aria-label="Новый пользователь">
      <h2>Новый пользователь</h2>
      <div class="users__fields">
        <label class="field">
          <span class="field__label">Логин</span>
          <input name="login" required autocomplete="off" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">ФИО</span>
          <input name="fullName" required value={fullName} onInput={(e) => setFullName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Роль</span>
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {ROLE_TITLES[r]}
              </option>
            ))}
          </select>
        </label>
        {role === 'rso' && (
          <label class="field">
            <span class="field__label">ИНН организации</span>
            <input name="rsoInn" required inputMode="numeric" value={rsoInn} onInput={(e) => setRsoInn(e.currentTarget.value)} />
          </label>
        )}
        <label class="field">
          <span class="field__label">Пароль</span>
          <input name="password" type="password" required autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          {short && <span class="field__error">Не короче {PASSWORD_MIN_LENGTH} символов</span>}
        </label>
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Добавление…' : 'Добавить'}
        </button>
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
    </form>
  );
}
