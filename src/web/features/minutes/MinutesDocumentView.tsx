import { Typography, VisuallyHidden } from '@mantine/core';
import { IconSquare, IconSquareCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../domain/limits.js';
import { formatMinutesDate, minutesLabelText, minutesNodeNames, minutesSectionText, type MinutesNode } from '../../../domain/minutesDocument.js';
import { currentLocale } from '../../i18n/index.js';
import classes from './MinutesDocument.module.css';

function inline(nodes: MinutesNode[] | undefined, locale: Locale): ReactNode[] {
  return (nodes ?? []).map((n, i) => {
    if (n.type === 'hardBreak') return <br key={i} />;
    if (n.type === minutesNodeNames.label) {
      const label = String(n.attrs?.label ?? '');
      const word = minutesLabelText(label, locale);
      return label === 'positive' || label === 'constructive' ? <strong key={i}>{word}</strong> : <span key={i}>{word}</span>;
    }
    if (n.type === minutesNodeNames.date) {
      const date = String(n.attrs?.date ?? '');
      return (
        <time key={i} dateTime={date}>
          {formatMinutesDate(date, locale)}
        </time>
      );
    }
    if (n.type !== 'text') return null;
    let out: ReactNode = n.text ?? '';
    for (const m of n.marks ?? []) {
      if (m.type === 'bold') out = <strong>{out}</strong>;
      else if (m.type === 'italic') out = <em>{out}</em>;
      else if (m.type === 'strike') out = <s>{out}</s>;
      else if (m.type === 'underline') out = <u>{out}</u>;
      else if (m.type === 'code') out = <code>{out}</code>;
      else if (m.type === 'link' && typeof m.attrs?.href === 'string' && /^https?:\/\//.test(m.attrs.href))
        out = (
          <a href={m.attrs.href} rel="noopener noreferrer nofollow" target="_blank">
            {out}
          </a>
        );
    }
    return <span key={i}>{out}</span>;
  });
}

function Block({ node, locale, done, open }: { node: MinutesNode; locale: Locale; done: string; open: string }): ReactNode {
  const children = (nodes: MinutesNode[] | undefined) => (nodes ?? []).map((c, i) => <Block key={i} node={c} locale={locale} done={done} open={open} />);
  switch (node.type) {
    case minutesNodeNames.section:
      return <h2>{minutesSectionText(String(node.attrs?.section ?? ''), locale)}</h2>;
    case 'heading': {
      // Headings written inside the minutes sit below the section headings (h3 and lower).
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)) + 2);
      const Tag = `h${level}` as 'h3';
      return <Tag>{inline(node.content, locale)}</Tag>;
    }
    case 'paragraph':
      return <p>{inline(node.content, locale)}</p>;
    case 'bulletList':
      return <ul>{children(node.content)}</ul>;
    case 'orderedList':
      return <ol>{children(node.content)}</ol>;
    case 'listItem':
      return <li>{children(node.content)}</li>;
    case 'taskList':
      return <ul className={classes.tasks}>{children(node.content)}</ul>;
    case 'taskItem': {
      const checked = node.attrs?.checked === true;
      return (
        <li className={classes.task} data-checked={checked}>
          {checked ? <IconSquareCheck size={18} aria-hidden className={classes.box} /> : <IconSquare size={18} aria-hidden className={classes.box} />}
          <VisuallyHidden>{checked ? done : open}</VisuallyHidden>
          <div>{children(node.content)}</div>
        </li>
      );
    }
    case 'blockquote':
      return <blockquote>{children(node.content)}</blockquote>;
    case 'codeBlock':
      return (
        <pre>
          <code>{inline(node.content, locale)}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr />;
    default:
      return null;
  }
}

/**
 * Shared minutes (or one version of them) as formatted text: real headings, lists and checkboxes,
 * with section headings, labels and dates in the reader's language (the document stores keys).
 */
export function MinutesDocumentView({ content }: { content: MinutesNode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Typography className={classes.document}>
      {(content.content ?? []).map((node, i) => (
        <Block key={i} node={node} locale={locale} done={t('minutesDoc.done')} open={t('minutesDoc.open')} />
      ))}
    </Typography>
  );
}
