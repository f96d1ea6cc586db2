import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import classes from './SharedNotesEditor.module.css';

/** Where the server's collaboration socket listens: the same host as the page. */
export function collaborationUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collaboration`;
}

export type SharedNotesStatus = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'denied';

export interface SharedNotesLabels {
  /** Accessible name of the editor region, e.g. 「共有メモ」. */
  region: string;
  /** Shown while the notes are empty. */
  placeholder: string;
  connecting: string;
  /** Synchronised, nothing typed yet in this visit. */
  connected: string;
  /** Edits are on their way to the server. */
  saving: string;
  /** Everything typed is stored on the server. */
  saved: string;
  /** No connection; edits stay here and are sent on reconnect. */
  offline: string;
  /** The server refused access (e.g. the series has ended). */
  denied: string;
}

interface Connection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
}

function useSharedNotesConnection(meetingId: string, url: string | undefined) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [online, setOnline] = useState(false);
  const [denied, setDenied] = useState(false);
  const [synced, setSynced] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [everSynced, setEverSynced] = useState(false);
  const [edited, setEdited] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: url ?? collaborationUrl() });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: `meeting:${meetingId}`,
      document: doc,
      onStatus: ({ status }) => setOnline(status === 'connected'),
      onAuthenticated: () => setDenied(false),
      onAuthenticationFailed: () => setDenied(true),
      onSynced: ({ state }) => {
        setSynced(state);
        if (state) setEverSynced(true);
      },
      onUnsyncedChanges: ({ number }) => {
        setUnsynced(number);
        // A change while synchronised is the user's own edit (a reconnect's resync happens unsynchronised).
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
  }, [meetingId, url]);

  let status: SharedNotesStatus;
  if (denied) status = 'denied';
  else if (!online) status = everSynced ? 'offline' : 'connecting';
  else if (unsynced > 0 || !synced) status = edited ? 'saving' : 'connecting';
  else status = edited ? 'saved' : 'connected';
  return { connection, status };
}

/**
 * 共有メモ: the pair's shared notes of a meeting, edited by both at once (Tiptap on a Yjs document
 * synchronised through the server's Hocuspocus endpoint). History comes from Yjs, so undo only
 * undoes one's own edits. Offline edits stay in the document and reach the server on reconnect;
 * the status says when everything typed is stored ("saved" = acknowledged = committed).
 */
export function SharedNotesEditor(props: { meetingId: string; labels: SharedNotesLabels; editable?: boolean; url?: string }) {
  const { connection, status } = useSharedNotesConnection(props.meetingId, props.url);
  if (!connection) return <StatusBadge status="connecting" labels={props.labels} />;
  return <NotesEditor key={props.meetingId} connection={connection} status={status} labels={props.labels} editable={props.editable ?? true} />;
}

function NotesEditor({ connection, status, labels, editable }: { connection: Connection; status: SharedNotesStatus; labels: SharedNotesLabels; editable: boolean }) {
  const [empty, setEmpty] = useState(true);
  const editor = useEditor(
    {
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: connection.doc })],
      editable: editable && status !== 'denied',
      immediatelyRender: true,
      editorProps: {
        attributes: { 'aria-label': labels.region, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      },
      onCreate: ({ editor }) => setEmpty(editor.isEmpty),
      onUpdate: ({ editor }) => setEmpty(editor.isEmpty),
    },
    [connection.doc],
  );

  useEffect(() => {
    editor?.setEditable(editable && status !== 'denied');
  }, [editor, editable, status]);

  return (
    <Stack gap={6}>
      <Group justify="flex-end" gap="xs">
        <StatusBadge status={status} labels={labels} />
      </Group>
      <Paper withBorder radius="md" className={classes.frame}>
        {empty && (
          <Text c="dimmed" className={classes.placeholder} aria-hidden>
            {labels.placeholder}
          </Text>
        )}
        <EditorContent editor={editor} className={classes.content} />
      </Paper>
    </Stack>
  );
}

const statusColor: Record<SharedNotesStatus, string> = { connecting: 'gray', connected: 'blue', saving: 'yellow', saved: 'teal', offline: 'orange', denied: 'red' };

function StatusBadge({ status, labels }: { status: SharedNotesStatus; labels: SharedNotesLabels }) {
  return (
    <Badge variant="light" color={statusColor[status]} role="status" aria-live="polite">
      {labels[status]}
    </Badge>
  );
}
