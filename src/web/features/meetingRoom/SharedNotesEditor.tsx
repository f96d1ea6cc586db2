import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import { liveStatusColor, useLiveDocument, type LiveConnection, type LiveStatus } from '../../lib/liveDocument.js';
import classes from './SharedNotesEditor.module.css';

export type SharedNotesStatus = LiveStatus;

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

/**
 * 共有メモ: the pair's shared notes of a meeting, edited by both at once (Tiptap on a Yjs document
 * synchronised through the server's Hocuspocus endpoint). History comes from Yjs, so undo only
 * undoes one's own edits. Offline edits stay in the document and reach the server on reconnect;
 * the status says when everything typed is stored ("saved" = acknowledged = committed).
 */
export function SharedNotesEditor(props: { meetingId: string; labels: SharedNotesLabels; editable?: boolean; url?: string }) {
  const { connection, status } = useLiveDocument(`meeting:${props.meetingId}`, { url: props.url });
  if (!connection) return <StatusBadge status="connecting" labels={props.labels} />;
  return <NotesEditor key={props.meetingId} connection={connection} status={status} labels={props.labels} editable={props.editable ?? true} />;
}

function NotesEditor({ connection, status, labels, editable }: { connection: LiveConnection; status: SharedNotesStatus; labels: SharedNotesLabels; editable: boolean }) {
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

function StatusBadge({ status, labels }: { status: SharedNotesStatus; labels: SharedNotesLabels }) {
  return (
    <Badge variant="light" color={liveStatusColor[status]} role="status" aria-live="polite">
      {labels[status]}
    </Badge>
  );
}
