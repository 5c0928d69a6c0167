/**
 * How the HTTP edge behaves where a deployment decides: behind which proxy, how long a session lives. Read once
 * from the environment (`config.ts`); tests pass their own.
 */
export interface HttpSettings {
  /**
   * The server sits behind one reverse proxy that terminates TLS: its X-Forwarded-Proto (the session cookie is
   * Secure when it says https, the page's origin is https), X-Forwarded-Host and the last address of
   * X-Forwarded-For (the client, for login throttling) are believed. Off, those headers are ignored: anyone
   * could send them.
   */
  trustProxy: boolean;
  /** The session cookie always carries Secure, whatever the request says (TLS in front, no forwarded headers). */
  secureCookie: boolean;
  /** A session unused this long ends (ASVS 3.3.2: re-authentication after an idle period). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in however much it is used. */
  sessionHours: number;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = { trustProxy: false, secureCookie: false, sessionIdleMinutes: 30, sessionHours: 12 };
