import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { redisOptionsFrom } from '../collaboration/server.js';

/** A message relayed between the processes' live rooms: JSON-serialisable, no content of its own. */
export type BusMessage = Record<string, unknown> & { t: string };

type Listener = (message: BusMessage) => void;

/**
 * Publish/subscribe between server processes. In one process an EventEmitter; with REDIS_URL,
 * Redis pub/sub so that a write handled by one process reaches the rooms open on another.
 */
export interface RoomBus {
  /** Sends `message` to every subscriber of `channel`, in every process. */
  publish(channel: string, message: BusMessage): Promise<void>;
  /** Listens on `channel`; resolves once messages published from now on will be delivered. */
  subscribe(channel: string, listener: Listener): Promise<() => void>;
  /** Stops relaying and closes connections. */
  close(): Promise<void>;
}

/** One process only: messages are delivered in this process, on the next tick (never inside the publisher's call). */
export function inProcessBus(): RoomBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(channel, message) {
      queueMicrotask(() => emitter.emit(channel, message));
    },
    async subscribe(channel, listener) {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

const PREFIX = 'taiwa:room:';

/**
 * Several processes: one Redis connection publishes, another subscribes to the channels this
 * process has listeners for (counted, so a channel is unsubscribed when its last room closes).
 */
export function redisBus(url: string, log: Logger): RoomBus {
  const { host, port, options } = redisOptionsFrom(url);
  // Commands wait in ioredis' queue until the connection is ready; they fail after 3 retries.
  const settings = { host, port, ...options, maxRetriesPerRequest: 3 };
  const pub = new Redis(settings);
  const sub = new Redis(settings);
  for (const [name, r] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    r.on('error', (err: Error) => log.warn({ err: err.message, connection: name }, 'live-room Redis connection error'));
  }
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  const confirmed = new Map<string, Promise<unknown>>();
  sub.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(PREFIX)) return;
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch {
      log.warn({ channel }, 'live-room message that is not JSON ignored');
      return;
    }
    local.emit(channel.slice(PREFIX.length), message);
  });
  return {
    async publish(channel, message) {
      await pub.publish(PREFIX + channel, JSON.stringify(message));
    },
    async subscribe(channel, listener) {
      const n = counts.get(channel) ?? 0;
      counts.set(channel, n + 1);
      local.on(channel, listener);
      const release = () => {
        local.off(channel, listener);
        const left = (counts.get(channel) ?? 1) - 1;
        if (left > 0) counts.set(channel, left);
        else {
          counts.delete(channel);
          confirmed.delete(channel);
          void sub.unsubscribe(PREFIX + channel).catch(() => undefined);
        }
      };
      // Redis confirms the subscription before this resolves: publications from then on arrive.
      if (n === 0) confirmed.set(channel, sub.subscribe(PREFIX + channel));
      try {
        await confirmed.get(channel);
      } catch (e) {
        release();
        throw e;
      }
      return release;
    },
    async close() {
      local.removeAllListeners();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
