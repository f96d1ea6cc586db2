import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { EDITOR_FIELD, plainTextOf } from '../collaboration/plainText.js';

/** A Node client of the shared notes, as the browser's provider is, with a Cookie and an Origin. */
export interface NotesClient {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  /** 'authenticated' or the reason of the refusal, once the server answered. */
  outcome: Promise<'authenticated' | { refused: string }>;
  /** Close codes of the socket, in order. */
  closes: number[];
  text(): string;
  /** Appends a paragraph (as Tiptap would: a `paragraph` element holding text). */
  type(line: string): void;
  destroy(): void;
}

export function connectNotes(props: { url: string; documentName: string; cookie?: string | null; origin?: string; doc?: Y.Doc }): NotesClient {
  const headers: Record<string, string> = {};
  if (props.origin) headers.origin = props.origin;
  if (props.cookie) headers.cookie = props.cookie;
  // The provider constructs its WebSocket with the URL only; `ws` takes headers as an option.
  class HeaderWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: props.url,
    WebSocketPolyfill: HeaderWebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
    jitter: false,
  });
  const closes: number[] = [];
  socket.on('disconnect', ({ event }: { event: { code: number } }) => closes.push(event.code));
  const doc = props.doc ?? new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: props.documentName, document: doc });
  provider.attach();
  const outcome = new Promise<'authenticated' | { refused: string }>((resolve) => {
    provider.on('authenticated', () => resolve('authenticated'));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve({ refused: reason }));
  });
  return {
    provider,
    socket,
    doc,
    outcome,
    closes,
    text: () => plainTextOf(doc),
    type(line) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      const fragment = doc.getXmlFragment(EDITOR_FIELD);
      fragment.insert(fragment.length, [paragraph]);
    },
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Polls `check` until it holds or `ms` pass. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves once the provider has synced and every local change is acknowledged by the server. */
export function settled(client: NotesClient, ms = 5_000) {
  return waitFor(() => client.provider.isSynced && client.provider.unsyncedChanges === 0, ms, 'acknowledgement');
}
