import type { SessionUser } from '../../server/auth/roles.ts';
import { api, onUnauthenticated, unwrap } from './api.ts';
import { forgetLocalCopies } from './local-copies.ts';
import { createStore } from './store.ts';

/** Who is using the workspace: not yet known (first request in flight), nobody, or a signed-in user. */
export type Session = { status: 'checking' } | { status: 'anonymous' } | { status: 'signed-in'; user: SessionUser };

export const session = createStore<Session>({ status: 'checking' });

onUnauthenticated(() => session.set({ status: 'anonymous' }));

/** Asks the server whose session cookie this is; anything but a user means "sign in". */
export async function restoreSession(): Promise<void> {
  try {
    const { user } = await unwrap(api.auth.me.$get());
    session.set({ status: 'signed-in', user });
  } catch {
    session.set({ status: 'anonymous' });
  }
}

/** Signs in; a refusal is thrown as `ApiFailure` with the server's message. */
export async function login(login: string, password: string): Promise<void> {
  const { user } = await unwrap(api.auth.login.$post({ json: { login, password } }));
  session.set({ status: 'signed-in', user });
}

export async function logout(): Promise<void> {
  // Leave the workspace even if the server cannot be reached: the cookie expires on its own.
  await unwrap(api.auth.logout.$post()).catch(() => undefined);
  // the pages close their documents first, so nothing is written into the copies after they are deleted
  session.set({ status: 'anonymous' });
  await forgetLocalCopies();
}
