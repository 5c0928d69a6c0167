import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { bearerToken } from '../auth/api-tokens.ts';
import { publicOrigin } from './client.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

const SAFE = /^(GET|HEAD|OPTIONS)$/;

const refusal = (): ApiError =>
  new ApiError(403, 'cross_site', 'Запрос отклонён: он отправлен не со страницы «Сверки» (защита от подделки запросов). Обновите страницу и повторите.');

/**
 * Cross-site request forgery (ASVS V13.2.3). The session cookie goes with every request the browser sends to
 * this host, also from a page of another site or of the same host on another port (SameSite=Lax does not tell
 * ports apart), so every state-changing request must show that it comes from the workspace's own pages:
 * - a form-like body (what a page may send anywhere without asking) needs Sec-Fetch-Site: same-origin or our
 *   Origin — Hono's `csrf()`, which also refuses such a request with neither header;
 * - any other request that names its site or origin must name ours (JSON from another origin would first need
 *   a CORS preflight, which this server never grants; the check keeps it so should that ever change).
 * A request without either header is not a browser's and carries no ambient credentials of one.
 *
 * A machine client authenticated by an API token (Authorization: Bearer, for the РСО portal's systems) is not
 * CSRF-able: the token is not sent by the browser on its own. When token authentication comes, a request it
 * authenticated may skip this check — only that one: a request authenticated by the cookie never.
 */
export function sameOriginOnly() {
  const forms = csrf({ origin: (origin, c) => origin === publicOrigin(c, c.var.settings) });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE.test(c.req.method)) return next();
    // authenticated by an API token (requireRole then ignores any cookie): nothing ambient a page could forge
    if (bearerToken(c.req.header('authorization')) !== null) return next();
    let passed = false;
    try {
      await forms(c, async () => {
        passed = true;
      });
    } catch (e) {
      if (!(e instanceof HTTPException)) throw e;
    }
    if (!passed) throw refusal();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ours = origin !== undefined && origin === publicOrigin(c, c.var.settings);
    if (site !== undefined && site !== 'same-origin' && !ours) throw refusal();
    if (site === undefined && origin !== undefined && !ours) throw refusal();
    await next();
  });
}
