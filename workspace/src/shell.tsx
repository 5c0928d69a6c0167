import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SessionUser } from '../../server/contract/auth.ts';
import { ROLE_TITLES } from './roles.ts';
import { followLink } from './router.ts';
import { sectionsOf } from './sections.ts';
import { logout } from './session.ts';

/** Whether the user keeps the navigation folded away (the grids get its width): remembered per user in this browser. */
const navKey = (login: string): string => `sverka:nav-collapsed:${login}`;
function readCollapsed(login: string): boolean {
  try {
    return localStorage.getItem(navKey(login)) === '1';
  } catch {
    return false;
  }
}

/** The frame around every page of a signed-in user: header with who is working, navigation on the left (foldable). */
export function Shell({ user, path, children }: { user: SessionUser; path: string; children: ComponentChildren }) {
  const [collapsed, setCollapsed] = useState(() => readCollapsed(user.login));
  const toggle = (): void => {
    setCollapsed(!collapsed);
    try {
      localStorage.setItem(navKey(user.login), collapsed ? '0' : '1');
    } catch {
      // storage refused: the choice lasts for this page only
    }
  };
  return (
    <div class={collapsed ? 'shell shell--nav-collapsed' : 'shell'}>
      <header class="shell__header">
        <div class="shell__brand">
          <button type="button" class="shell__nav-toggle" aria-controls="shell-nav" aria-expanded={!collapsed} aria-label={collapsed ? 'Показать разделы' : 'Скрыть разделы'} title={collapsed ? 'Показать разделы' : 'Скрыть разделы'} onClick={toggle}>
            ☰
          </button>
          <a class="shell__product" href="/" onClick={followLink}>
            Сверка
          </a>
        </div>
        <div class="shell__user">
          <span class="shell__name">{user.fullName}</span>
          <span class="shell__role">{ROLE_TITLES[user.role]}</span>
          <button type="button" class="button button--quiet" onClick={() => void logout()}>
            Выйти
          </button>
        </div>
      </header>
      <nav id="shell-nav" class="shell__nav" aria-label="Разделы" hidden={collapsed}>
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
