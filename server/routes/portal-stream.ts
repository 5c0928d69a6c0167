import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/env.ts';
import { subscribeMessages } from '../registries/portal-live.ts';

/**
 * A registry's «Переписка с РСО» as Server-Sent Events (`event: message`, data = PortalMessage): every message
 * stored after the stream opened. A comment line every 25 s keeps proxies from closing an idle stream.
 */
export function messageStream(c: Context<AppEnv>, registryId: number): Response {
  const userId = c.var.user.id;
  return streamSSE(c, async (stream) => {
    let done = false;
    let wake: (() => void) | null = null;
    const unsubscribe = subscribeMessages(registryId, {
      userId,
      send: (m) => void stream.writeSSE({ event: 'message', data: JSON.stringify(m), id: String(m.id) }),
      close: () => {
        done = true;
        wake?.();
        void stream.close();
      },
    });
    stream.onAbort(() => {
      done = true;
      wake?.();
    });
    await stream.writeSSE({ event: 'ready', data: '' });
    while (!done && !stream.aborted) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 25_000).unref?.();
      });
      if (!done && !stream.aborted) await stream.write(': keep-alive\n\n');
    }
    unsubscribe();
  });
}
