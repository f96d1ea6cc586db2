import type { App } from '../app.js';
import { TEST_BASE_URL } from './app.js';

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a server-sent event stream as the browser's EventSource would: events in order, waited for
 * as conditions (never with sleeps), and whether the server ended the stream.
 */
export interface EventStreamClient {
  status: number;
  /** The next event not yet taken, waiting for it if need be (rejects when the stream ends first). */
  next(): Promise<StreamEvent>;
  /** Takes events until one of `event` arrives, and returns it; skipped events are returned too. */
  until(event: string, match?: (data: unknown) => boolean): Promise<{ found: StreamEvent; skipped: StreamEvent[] }>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Leaves, as a closed browser tab does. */
  cancel(): Promise<void>;
}

/** Opens `GET path` on `app` (or over HTTP when `app` is a URL) with the caller's cookie. */
export async function openEventStream(app: App | string, path: string, cookie: string | null): Promise<EventStreamClient> {
  const headers: Record<string, string> = { accept: 'text/event-stream', origin: TEST_BASE_URL };
  if (cookie) headers.cookie = cookie;
  const res = typeof app === 'string' ? await fetch(app + path, { headers }) : await app.request(path, { headers });
  const queue: StreamEvent[] = [];
  const waiters: { resolve: (e: StreamEvent) => void; reject: (e: Error) => void }[] = [];
  let finished = false;
  let markEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const reader = res.status === 200 && res.body ? res.body.getReader() : null;

  const deliver = (e: StreamEvent) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(e);
    else queue.push(e);
  };
  const end = () => {
    finished = true;
    for (const w of waiters.splice(0)) w.reject(new Error('the event stream ended'));
    markEnded();
  };

  if (reader) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length > 0) deliver({ event, data: JSON.parse(data.join('\n')) as unknown });
          }
        }
      } catch {
        // Cancelled by the test.
      }
      end();
    })();
  } else {
    await res.body?.cancel();
    end();
  }

  const next = () =>
    new Promise<StreamEvent>((resolve, reject) => {
      const e = queue.shift();
      if (e) resolve(e);
      else if (finished) reject(new Error('the event stream ended'));
      else waiters.push({ resolve, reject });
    });

  return {
    status: res.status,
    next,
    async until(event, match = () => true) {
      const skipped: StreamEvent[] = [];
      for (;;) {
        const e = await next();
        if (e.event === event && match(e.data)) return { found: e, skipped };
        skipped.push(e);
      }
    },
    ended,
    async cancel() {
      await reader?.cancel().catch(() => undefined);
      await ended;
    },
  };
}
