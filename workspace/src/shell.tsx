import type { ComponentChildren } from 'preact';
import type { SessionUser } from '../../server/contract/auth.ts';
import { ROLE_TITLES } from './roles.ts';
import { followLink } from './router.ts';
import { sectionsOf } from './sections.ts';
import { logout } from './session.ts';

/** The frame around every page of a signed-in user: header with who is working, navigation on the left. */
export function Shell({ user, path, children }: { user: SessionUser; path: string; children: ComponentChildren }) {
  return (
    <div class="shell">
      <header class="shell__header">
        <a class="shell__product" href="/" onClick={followLink}>
          Сверка
        </a>
        <div class="shell__user">
          <span class="shell__name">{user.fullName}</span>
          <span class="shell__role">{ROLE_TITLES[user.role]}</span>
          <button type="button" class="button button--quiet" onClick={() => void logout()}>
            Выйти
          </button>
        </div>
      </header>
      <nav class="shell__nav" aria-label="Разделы">
        <ul>
          {sectionsOf(user.role).map((s) => (
            <li key={s.path}>
              <a href={s.path} onClick={followLink} aria-current={path === s.path || path.startsWith(`${s.path}/`) ? 'page' : undefined}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="shell__main">{children}</main>
    </div>
  );
}
