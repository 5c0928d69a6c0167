import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { parseDocName, type Author, type DocRef } from '../../formulas/collab/shared-doc.ts';
import type { SessionUser } from '../contract/auth.ts';
import { SESSION_COOKIE, userOfSession } from '../auth/sessions.ts';
import { originOf } from '../http/client.ts';
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from '../http/settings.ts';
import type { PresenceOwner } from './awareness-guard.ts';
import type { QuotaRefusal } from './quotas.ts';
import { accessFor, type Access } from './rights.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, type Peer, type SharedDocHost } from './shared-doc-host.ts';
import { SyncHub, type SyncHubOptions } from './sync-hub.ts';

/** The path prefix of the sync endpoint: `/api/sync/<docName>`, as `new WebsocketProvider('…/api/sync', docName)` builds it. */
export const SYNC_PATH = '/api/sync/';

const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

function sessionToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function refuse(socket: Duplex, status: number, reason: string, message: string): void {
  const body = Buffer.from(JSON.stringify({ code: reason, message }));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body.toString()}`);
}

async function documentExists(hub: SyncHub, ref: DocRef): Promise<boolean> {
  if (ref.kind === 'workbook') {
    const [w] = await hub.db(() => hub.sql`select 1 from workbooks where id = ${ref.workbookId}`);
    return w !== undefined;
  }
  if (ref.kind !== 'registry') return true;
  const [r] = await hub.db(() => hub.sql`select 1 from registries where id = ${ref.registryId}`);
  return r !== undefined;
}

/** One WebSocket client of one document. */
class Connection implements Peer {
  readonly actorId: number;
  readonly label: string;
  readonly author: Author;
  readonly presence: PresenceOwner;
  private readonly pingTimer: ReturnType<typeof setInterval>;
  private alive = true;
  /** messages are handled one at a time, in order */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly host: SharedDocHost,
    readonly user: SessionUser,
    readonly access: Access,
    private readonly onClose: () => void,
  ) {
    this.actorId = user.id;
    this.label = `${user.login} (${user.role})`;
    this.author = { login: user.login, name: user.fullName };
    this.presence = { login: user.login, name: user.fullName, role: user.role, watcher: access === 'read' };
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      this.chain = this.chain.then(() => this.handle(bytes)).catch((e: unknown) => {
        host.log(`синхронизация ${host.name}: сообщение от ${this.label} не разобрано: ${e instanceof Error ? e.message : String(e)}`);
        this.close();
      });
    });
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.closed());
    ws.on('error', () => this.close());
    this.pingTimer = setInterval(() => {
      if (!this.alive) return this.close();
      this.alive = false;
      try {
        ws.ping();
      } catch {
        this.close();
      }
    }, 30_000);
    host.addPeer(this);
    // Step 1 from the server: the client answers with what the server lacks.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, host.doc);
    this.send(encoding.toUint8Array(e));
    const aw = host.awarenessSnapshot();
    if (aw) this.send(aw);
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    if (this.isClosed) return;
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(d);
        if (sub === syncProtocol.messageYjsSyncStep1) {
          const sv = decoding.readVarUint8Array(d);
          // Answer with stored state only: wait until what was applied is in Postgres.
          await this.host.settled();
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.host.doc, sv));
          this.send(encoding.toUint8Array(e));
        } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
          const refusal = this.host.receiveUpdate(this, decoding.readVarUint8Array(d), this.access === 'write');
          if (refusal) this.refuse(refusal);
        }
        return;
      }
      case MESSAGE_AWARENESS:
        this.host.receiveAwareness(this, decoding.readVarUint8Array(d));
        return;
      case MESSAGE_QUERY_AWARENESS: {
        const aw = this.host.awarenessSnapshot();
        if (aw) this.send(aw);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Tells the client why its update was not taken (the protocol's permission-denied message: a stock provider
   * logs it, the workspace shows it) and closes the connection with the quota's code.
   */
  private refuse(r: QuotaRefusal): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_AUTH);
    authProtocol.writePermissionDenied(e, r.message);
    this.send(encoding.toUint8Array(e));
    this.ws.close(r.code, r.reason);
    this.closed();
  }

  send(bytes: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(bytes, (err) => {
      if (err) this.close();
    });
  }

  close(): void {
    this.ws.close();
    this.closed();
  }

  private isClosed = false;
  private closed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.pingTimer);
    this.host.removePeer(this);
    this.onClose();
  }
}

export interface SyncEndpoint {
  hub: SyncHub;
  /** Closes every connection and the hub (pending writes are finished first). */
  close(): Promise<void>;
}

/**
 * Serves `/api/sync/<docName>` on the HTTP server's `upgrade` event. The session cookie is checked and the
 * document's existence and the user's access are settled before the WebSocket handshake completes: an unknown
 * or expired session gets 401, an unknown document 404, and no message is ever read from them. A browser names
 * the page that opens a WebSocket in Origin, and the cookie goes along whichever page it is (cross-site WebSocket
 * hijacking): a page of another origin gets 403. A client that sends no Origin is not a browser.
 */
export function attachSync(server: Server, opts: SyncHubOptions & { http?: HttpSettings }): SyncEndpoint {
  const hub = new SyncHub(opts);
  const http = opts.http ?? DEFAULT_HTTP_SETTINGS;
  // a message past twice the update quota is cut by the socket itself, before it is read into memory
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * hub.quotas.updateBytes });
  const sockets = new Set<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(SYNC_PATH)) {
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found', 'Нет такого адреса');
      return;
    }
    void (async () => {
      let name: string;
      try {
        name = decodeURIComponent(path.slice(SYNC_PATH.length));
      } catch {
        return refuse(socket, 404, 'Not Found', 'Нет такого документа');
      }
      const origin = req.headers.origin;
      if (origin !== undefined) {
        const header = (n: string): string | undefined => [req.headers[n]].flat()[0];
        const own = { protocol: 'encrypted' in req.socket && req.socket.encrypted ? ('https' as const) : ('http' as const), host: req.headers.host ?? '' };
        if (origin !== originOf(header, own, http)) return refuse(socket, 403, 'Forbidden', 'Подключение отклонено: оно открыто не со страницы «Сверки»');
      }
      const token = sessionToken(req);
      const user = token ? await hub.db(() => userOfSession(hub.sql, token, http.sessionIdleMinutes)) : null;
      if (!user) return refuse(socket, 401, 'Unauthorized', 'Войдите в систему: сессия не найдена или истекла');
      const ref = parseDocName(name);
      const access = ref ? accessFor(user.role, ref) : 'none';
      // an РСО user opens no co-review document (they hold the reviewers' internal discussion), and is not told
      // whether one exists
      if (ref && access === 'none') return refuse(socket, 403, 'Forbidden', 'Нет доступа к этому документу');
      if (!ref || !(await documentExists(hub, ref))) return refuse(socket, 404, 'Not Found', `Нет такого документа: ${name}`);
      if (hub.closed) return refuse(socket, 503, 'Service Unavailable', 'Сервер останавливается');
      const host = await hub.acquire(ref);
      // the client may have gone while we looked things up: then no connection will ever release the hold
      let upgraded = false;
      const gone = (): void => {
        if (!upgraded) hub.release(host);
      };
      if (socket.destroyed) return gone();
      socket.once('close', gone);
      wss.handleUpgrade(req, socket, head, (ws) => {
        upgraded = true;
        socket.off('close', gone);
        sockets.add(ws);
        const conn = new Connection(ws, host, user, access, () => {
          sockets.delete(ws);
          hub.connections.delete(conn);
          hub.release(host);
        });
        hub.connections.add(conn);
      });
    })().catch((e: unknown) => {
      hub.log(`синхронизация: подключение не удалось: ${e instanceof Error ? e.message : String(e)}`);
      refuse(socket, 500, 'Internal Server Error', 'Внутренняя ошибка сервера');
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    hub,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
      wss.close();
      await hub.close();
    },
  };
}
