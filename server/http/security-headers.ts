import { secureHeaders } from 'hono/secure-headers';

/**
 * Response headers of the whole site (ASVS V14.4): Hono's `secureHeaders()` defaults (nosniff, no referrer,
 * same-origin opener and resource policy, HSTS over TLS) with framing refused and a Content-Security-Policy the
 * workspace passes, checked in Chromium on every page (`workspace/e2e/csp.test.ts`):
 * - scripts, workers (the check and standards workers, the service worker) and connections (fetch and the
 *   co-review WebSocket, which CSP 3's 'self' covers) only from this origin; no eval, no inline script;
 * - inline styles are allowed: ag-grid injects its theme as <style> elements and Handsontable and ECharts set
 *   style attributes; a style cannot run code;
 * - images and fonts from this origin and data: URLs (the grids' icons).
 */
export const securityHeaders = () =>
  secureHeaders({
    xFrameOptions: 'DENY',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'"],
      connectSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
