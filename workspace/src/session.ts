import type { SessionUser } from '../../server/contract/auth.ts';
import { ApiFailure, api, onUnauthenticated, unwrap } from './api.ts';
import { forgetLocalCopies } from './local-copies.ts';
import { createStore } from './store.ts';

/** Who is using the workspace: not yet known (first request in flight), nobody, or a signed-in user. */
export type Session = { status: 'checking' } | { status: 'anonymous' } | { status: 'signed-in'; user: SessionUser };

export const session = createStore<Session>({ status: 'checking' });

/**
 * Who signed in last in this browser, so that a workspace opened without a connection (the service worker keeps
 * the shell) still knows its user and shows what IndexedDB keeps. Only ever taken when the server cannot be
 * reached: any answer of the server decides, and a 401 or a sign-out forgets it.
 */
const LAST_USER = 'sverka:last-user';

function rememberUser(user: SessionUser): void {
  try {
    localStorage.setItem(LAST_USER, JSON.stringify(user));
  } catch {
    // storage refused: an offline start shows the sign-in form instead
  }
}

function forgetUser(): void {
  try {
    localStorage.removeItem(LAST_USER);
  } catch {
    // nothing kept
  }
}

function lastUser(): SessionUser | null {
  try {
    const u = JSON.parse(localStorage.getItem(LAST_USER) ?? 'null') as SessionUser | null;
    return u && typeof u.login === 'string' && typeof u.fullName === 'string' && typeof u.role === 'string' ? u : null;
  } catch {
    return null;
  }
}

onUnauthenticated(() => {
  forgetUser();
  session.set({ status: 'anonymous' });
});

/** Asks the server whose session cookie this is; without a connection, the last user of this browser. */
export async function restoreSession(): Promise<void> {
  try {
    const { user } = await unwrap(api.auth.me.$get());
    rememberUser(user);
    session.set({ status: 'signed-in', user });
  } catch (e) {
    // status 0: no connection; 502–504: a proxy in front of a server that is down
    const unreachable = e instanceof ApiFailure && (e.status === 0 || (e.status >= 502 && e.status <= 504));
    const user = unreachable ? lastUser() : null;
    if (!unreachable) forgetUser();
    session.set(user ? { status: 'signed-in', user } : { status: 'anonymous' });
  }
}

/** Signs in; a refusal is thrown as `ApiFailure` with the server's message. */
export async function login(login: string, password: string): Promise<void> {
  const { user } = await unwrap(api.auth.login.$post({ json: { login, password } }));
  rememberUser(user);
  session.set({ status: 'signed-in', user });
}

export async function logout(): Promise<void> {
  // Leave the workspace even if the server cannot be reached: the cookie expires on its own.
  await unwrap(api.auth.logout.$post()).catch(() => undefined);
  // the pages close their documents first, so nothing is written into the copies after they are deleted
  forgetUser();
  session.set({ status: 'anonymous' });
  await forgetLocalCopies();
}
