import { Badge, Group, Paper, Stack, Text, Typography } from '@mantine/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.js';
import { liveStatusColor, useLiveDocument, type LiveConnection, type LiveStatus } from '../../lib/liveDocument.js';
import classes from './MinutesDocument.module.css';
import { minutesExtensions } from './minutesExtensions.js';

export type { LiveStatus };

function Editor({ connection, status }: { connection: LiveConnection; status: LiveStatus }) {
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
  const { connection, status } = useLiveDocument(`minutes:${props.meetingId}`, { onDenied: props.onDenied });
  const { onStatus } = props;
  useEffect(() => onStatus(status), [onStatus, status]);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c="gray.8">
          {t('minutesDoc.hint')}
        </Text>
        <Badge variant="light" color={liveStatusColor[status]} role="status" aria-live="polite" style={{ flex: 'none', textTransform: 'none' }}>
          {t(`minutesDoc.${status}`)}
        </Badge>
      </Group>
      {connection ? <Editor key={props.meetingId} connection={connection} status={status} /> : null}
    </Stack>
  );
}
