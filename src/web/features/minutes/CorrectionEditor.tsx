import { Paper, Typography } from '@mantine/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesNode } from '../../../domain/minutesDocument.js';
import { currentLocale } from '../../i18n/index.js';
import classes from './MinutesDocument.module.css';
import { minutesExtensions } from './minutesExtensions.js';

/**
 * A plain (not live) editor of a minutes document: a correction starts from the current version,
 * with the same formatting and keyed headings as the draft. `onReady` receives a reader of the
 * edited document (null while it holds no text).
 */
export function CorrectionEditor(props: { content: MinutesNode; labelledBy: string; onReady: (read: () => MinutesNode | null) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const editor = useEditor(
    {
      extensions: minutesExtensions({ locale, checkboxLabel: (text, checked) => t(checked ? 'minutesDoc.checkboxDone' : 'minutesDoc.checkboxOpen', { text }) }),
      content: props.content,
      immediatelyRender: true,
      editorProps: { attributes: { 'aria-labelledby': props.labelledBy, 'aria-multiline': 'true', role: 'textbox' } },
    },
    [locale],
  );
  const { onReady } = props;
  useEffect(() => {
    onReady(() => (editor && editor.getText().trim() ? (editor.getJSON() as MinutesNode) : null));
  }, [editor, onReady]);
  return (
    <Paper withBorder radius="md" className={classes.frame}>
      <Typography className={`${classes.document} ${classes.editor}`}>
        <EditorContent editor={editor} />
      </Typography>
    </Paper>
  );
}
