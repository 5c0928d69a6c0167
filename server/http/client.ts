import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { HttpSettings } from './settings.ts';

/**
 * What the request says about the browser that sent it: its protocol, the origin its pages have, its address.
 * Forwarded headers count only from a trusted proxy (`trustProxy`); with one proxy in front, its own entry is
 * the last of a forwarded list (the ones before it are whatever the client wrote).
 */

type Header = (name: string) => string | undefined;

const lastOf = (header: string | undefined): string | undefined => header?.split(',').at(-1)?.trim() || undefined;

function protocolOf(header: Header, own: 'http' | 'https', settings: HttpSettings): 'http' | 'https' {
  const forwarded = settings.trustProxy ? lastOf(header('x-forwarded-proto'))?.toLowerCase() : undefined;
  return forwarded === 'https' || forwarded === 'http' ? forwarded : own;
}

/** The origin the workspace's pages have, as a browser writes it into Origin, from the request's headers. */
export function originOf(header: Header, own: { protocol: 'http' | 'https'; host: string }, settings: HttpSettings): string {
  const host = (settings.trustProxy ? lastOf(header('x-forwarded-host')) : undefined) ?? own.host;
  return `${protocolOf(header, own.protocol, settings)}://${host}`;
}

const ownOf = (c: Context): { protocol: 'http' | 'https'; host: string } => {
  const url = new URL(c.req.url);
  return { protocol: url.protocol === 'https:' ? 'https' : 'http', host: url.host };
};

export const requestProtocol = (c: Context, settings: HttpSettings): 'http' | 'https' => protocolOf((n) => c.req.header(n), ownOf(c).protocol, settings);

export const publicOrigin = (c: Context, settings: HttpSettings): string => originOf((n) => c.req.header(n), ownOf(c), settings);

/** The client's address; '' when the request did not come through a socket (in-process tests). */
export function clientAddress(c: Context, settings: HttpSettings): string {
  const forwarded = settings.trustProxy ? lastOf(c.req.header('x-forwarded-for')) : undefined;
  if (forwarded) return forwarded;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? '';
}
