import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';

/** Where the server's collaboration socket listens: the same host as the page. */
export function collaborationUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collaboration`;
}

/**
 * What the person sees about a live document: "saved" means every local change was acknowledged, and
 * the server acknowledges only what it has committed (ADR 0005).
 */
export type LiveStatus = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'denied';

export const liveStatusColor: Record<LiveStatus, string> = { connecting: 'gray', connected: 'blue', saving: 'yellow', saved: 'teal', offline: 'orange', denied: 'red' };

export interface LiveConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
}

/**
 * A Yjs document kept in step with the server's Hocuspocus endpoint (`meeting:<id>` for the shared
 * notes, `minutes:<id>` for the minutes draft). Offline edits stay in the document and reach the server
 * on reconnect. `onDenied` runs when the server refuses the document (through a ref: a new callback
 * must not reconnect).
 */
export function useLiveDocument(documentName: string, options: { url?: string; onDenied?: () => void } = {}) {
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [online, setOnline] = useState(false);
  const [denied, setDenied] = useState(false);
  const [synced, setSynced] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [everSynced, setEverSynced] = useState(false);
  const [edited, setEdited] = useState(false);
  const deniedRef = useRef(options.onDenied);
  useEffect(() => {
    deniedRef.current = options.onDenied;
  }, [options.onDenied]);
  const { url } = options;

  useEffect(() => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: url ?? collaborationUrl() });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      onStatus: ({ status }) => setOnline(status === 'connected'),
      onAuthenticated: () => setDenied(false),
      onAuthenticationFailed: () => {
        setDenied(true);
        deniedRef.current?.();
      },
      onSynced: ({ state }) => {
        setSynced(state);
        if (state) setEverSynced(true);
      },
      onUnsyncedChanges: ({ number }) => {
        setUnsynced(number);
        // A change while synchronised is the person's own edit (a reconnect's resync happens unsynchronised).
        if (number > 0 && provider.isSynced) setEdited(true);
      },
      onClose: () => setSynced(false),
    });
    provider.attach();
    setConnection({ doc, provider });
    return () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
      setConnection(null);
      setOnline(false);
      setSynced(false);
      setUnsynced(0);
      setDenied(false);
      setEverSynced(false);
      setEdited(false);
    };
  }, [documentName, url]);

  let status: LiveStatus;
  if (denied) status = 'denied';
  else if (!online) status = everSynced ? 'offline' : 'connecting';
  else if (unsynced > 0 || !synced) status = edited ? 'saving' : 'connecting';
  else status = edited ? 'saved' : 'connected';
  return { connection, status };
}
