import { Badge, Group, Paper, Stack, Text, Typography } from '@mantine/core';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { currentLocale } from '../../i18n/index.js';
import classes from './MinutesDocument.module.css';
import { minutesExtensions } from './minutesExtensions.js';

/** Where the server's collaboration socket listens: the same host as the page. */
function collaborationUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collaboration`;
}

export type LiveStatus = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'denied';

interface Connection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
}

/**
 * The live minutes document `minutes:<meeting id>`: "saved" means every local change was
 * acknowledged, and the server acknowledges only what it has committed (ADR 0005).
 */
function useLiveMinutes(meetingId: string, onDenied: () => void) {
  const [connection, setConnection] = useState<Connection | null>(null);
  const [online, setOnline] = useState(false);
  const [denied, setDenied] = useState(false);
  const [synced, setSynced] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [everSynced, setEverSynced] = useState(false);
  const [edited, setEdited] = useState(false);
  const deniedRef = useRef(onDenied);
  useEffect(() => {
    deniedRef.current = onDenied;
  }, [onDenied]);

  useEffect(() => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: collaborationUrl() });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: `minutes:${meetingId}`,
      document: doc,
      onStatus: ({ status }) => setOnline(status === 'connected'),
      onAuthenticated: () => setDenied(false),
      onAuthenticationFailed: () => {
        setDenied(true);
        // Through a ref: the page's callback changing must not reconnect.
        deniedRef.current();
      },
      onSynced: ({ state }) => {
        setSynced(state);
        if (state) setEverSynced(true);
      },
      onUnsyncedChanges: ({ number }) => {
        setUnsynced(number);
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
  }, [meetingId]);

  let status: LiveStatus;
  if (denied) status = 'denied';
  else if (!online) status = everSynced ? 'offline' : 'connecting';
  else if (unsynced > 0 || !synced) status = edited ? 'saving' : 'connecting';
  else status = edited ? 'saved' : 'connected';
  return { connection, status };
}

const statusColor: Record<LiveStatus, string> = { connecting: 'gray', connected: 'blue', saving: 'yellow', saved: 'teal', offline: 'orange', denied: 'red' };

function Editor({ connection, status }: { connection: Connection; status: LiveStatus }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const editor = useEditor(
    {
      extensions: minutesExtensions({
        locale,
        document: connection.doc,
        checkboxLabel: (text, checked) => t(checked ? 'minutesDoc.checkboxDone' : 'minutesDoc.checkboxOpen', { text }),
      }),
      editable: status !== 'denied',
      immediatelyRender: true,
      editorProps: {
        attributes: { 'aria-label': t('minutesDoc.editor'), 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      },
    },
    [connection.doc, locale],
  );
  useEffect(() => {
    editor?.setEditable(status !== 'denied');
  }, [editor, status]);
  return (
    <Paper withBorder radius="md" className={classes.frame}>
      <Typography className={`${classes.document} ${classes.editor}`}>
        <EditorContent editor={editor} />
      </Typography>
    </Paper>
  );
}

/**
 * 議事録の下書き: both people edit the same document at once (Tiptap on Yjs through the server's
 * Hocuspocus endpoint). Headings, labels and dates render in the reader's language. `onStatus`
 * lets the page share only once everything typed here is stored.
 */
export function LiveMinutesEditor(props: { meetingId: string; onStatus: (status: LiveStatus) => void; onDenied: () => void }) {
  const { t } = useTranslation();
  const { connection, status } = useLiveMinutes(props.meetingId, props.onDenied);
  const { onStatus } = props;
  useEffect(() => onStatus(status), [onStatus, status]);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c="gray.8">
          {t('minutesDoc.hint')}
        </Text>
        <Badge variant="light" color={statusColor[status]} role="status" aria-live="polite" style={{ flex: 'none', textTransform: 'none' }}>
          {t(`minutesDoc.${status}`)}
        </Badge>
      </Group>
      {connection ? <Editor key={props.meetingId} connection={connection} status={status} /> : null}
    </Stack>
  );
}
