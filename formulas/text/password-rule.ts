/** The password rule of Sverka's accounts, checked in the browser as typed and by the server that decides. */
export const PASSWORD_MIN_LENGTH = 10;

/** Why a password is refused (Russian), or null: at least 10 characters, at most 256, and not the login. */
export function passwordProblem(password: string, login: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `Пароль короче ${PASSWORD_MIN_LENGTH} символов`;
  if (password.length > 256) return 'Пароль длиннее 256 символов';
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) return 'Пароль не может совпадать с логином';
  return null;
}
