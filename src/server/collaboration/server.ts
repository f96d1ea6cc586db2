import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Services } from '../context.js';
import { authentication, originAllowed, type ConnectionContext } from './authentication.js';
import { Persistence } from './persistence.js';
import { closeCodes } from './refusal.js';

/** The path the web client opens its WebSocket on (same host and port as the HTTP API). */
export const COLLABORATION_PATH = '/collaboration';

/** Redis connection options for @hocuspocus/extension-redis from a `redis://` or `rediss://` URL. */
export function redisOptionsFrom(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${u.protocol}"`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error('REDIS_URL names no valid database number');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    options: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db,
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

export interface Collaboration {
  hocuspocus: Hocuspocus;
  /** Takes over WebSocket upgrades of `server` (any path but /collaboration is refused). */
  attach(server: HttpServer | Http2Server | Http2SecureServer): void;
  /** Closes every connection whose context matches (e.g. the meetings of an ended series). */
  closeWhere(match: (context: ConnectionContext) => boolean, reason: string): number;
  /** Stops taking connections, waits for writes in flight, and closes every socket. */
  destroy(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: 403 | 404) {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The real-time shared notes: a Hocuspocus server on the HTTP port. Authentication admits only the
 * pair of a series that has not ended; persistence commits every update before it is acknowledged
 * (ADR 0005); with REDIS_URL several processes share live documents.
 */
export async function createCollaboration(services: Services): Promise<Collaboration> {
  const persistence = new Persistence(services.db, services.log);
  const extensions: Extension[] = [authentication(services), persistence];
  if (services.config.redisUrl) {
    const { Redis } = await import('@hocuspocus/extension-redis');
    // Redis only relays live updates here. Its store lock guards onStoreDocument, which Taiwa does
    // not use (every update is committed before it is acknowledged), and a lost lock race is logged
    // as an error by Hocuspocus: skip it.
    class RedisRelay extends Redis {
      override async onStoreDocument() {}
      override async afterStoreDocument() {}
    }
    extensions.push(new RedisRelay({ ...redisOptionsFrom(services.config.redisUrl), prefix: 'taiwa' }));
  }
  const hocuspocus = new Hocuspocus({ name: 'taiwa', quiet: true, extensions });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  let accepting = true;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== COLLABORATION_PATH || !accepting) {
      socket.destroy();
      return;
    }
    // Cross-site WebSocket hijacking: a page elsewhere could open this socket with the user's cookie.
    if (!originAllowed(req.headers.origin, services.config.baseUrl)) {
      refuseUpgrade(socket, 403);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.once('close', () => sockets.delete(ws));
      hocuspocus.handleConnection(ws, req);
    });
  };

  const closeWhere = (match: (context: ConnectionContext) => boolean, reason: string) => {
    let closed = 0;
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if (!match(connection.context as ConnectionContext)) continue;
        // Closing the socket (not only the document) makes the provider reconnect, and a new
        // authentication refuses it.
        connection.webSocket.close(closeCodes.forbidden, reason);
        closed++;
      }
    }
    return closed;
  };

  const onSeriesEnded = (seriesId: string) => {
    const n = closeWhere((c) => c.seriesId === seriesId, 'series-ended');
    if (n) services.log.info({ seriesId, connections: n }, 'closed shared-notes connections of an ended series');
  };
  const onEmployeeDeactivated = (employeeId: string) => {
    closeWhere((c) => c.employeeId === employeeId, 'deactivated');
  };
  const onMinutesShared = (meetingId: string) => {
    closeWhere((c) => c.kind === 'minutes' && c.meetingId === meetingId, 'minutes-shared');
  };
  services.events.on('seriesEnded', onSeriesEnded);
  services.events.on('employeeDeactivated', onEmployeeDeactivated);
  services.events.on('minutesShared', onMinutesShared);

  const attached = new Set<HttpServer | Http2Server | Http2SecureServer>();
  return {
    hocuspocus,
    closeWhere,
    attach(server) {
      attached.add(server);
      server.on('upgrade', onUpgrade);
    },
    async destroy() {
      accepting = false;
      for (const server of attached) server.off('upgrade', onUpgrade);
      services.events.off('seriesEnded', onSeriesEnded);
      services.events.off('employeeDeactivated', onEmployeeDeactivated);
      services.events.off('minutesShared', onMinutesShared);
      // Updates already being committed finish; nothing new is acknowledged after the sockets close.
      await persistence.flush();
      for (const ws of sockets) ws.close(1001, 'server-stopping');
      await persistence.flush();
      const deadline = Date.now() + 2_000;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const ws of sockets) ws.terminate();
      wss.close();
      // Unload the documents now, while the Redis relay can still unsubscribe them; left to
      // Hocuspocus's own timers, the unload would run after onDestroy closed its connections.
      await Promise.all([...hocuspocus.documents.values()].map((document) => hocuspocus.unloadDocument(document)));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    },
  };
}
