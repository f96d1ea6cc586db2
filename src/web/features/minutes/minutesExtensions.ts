import { mergeAttributes, Node, type Extensions } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import Collaboration from '@tiptap/extension-collaboration';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import type { Locale } from '../../../domain/limits.js';
import { formatMinutesDate, minutesLabelText, minutesNodeNames, minutesSectionText } from '../../../domain/minutesDocument.js';

interface LocaleOptions {
  locale: Locale;
}

/** A section heading of the minutes: stores its key, shows the reader's language (ADR 0110). */
const MinutesSection = Node.create<LocaleOptions>({
  name: minutesNodeNames.section,
  group: 'block',
  atom: true,
  selectable: true,
  addOptions: () => ({ locale: 'ja' }),
  addAttributes: () => ({
    section: { default: 'notes', parseHTML: (el) => el.getAttribute('data-section'), renderHTML: (a) => ({ 'data-section': String(a.section) }) },
  }),
  parseHTML: () => [{ tag: 'h2[data-minutes-section]' }],
  renderHTML({ node, HTMLAttributes }) {
    return ['h2', mergeAttributes(HTMLAttributes, { 'data-minutes-section': '' }), minutesSectionText(String(node.attrs.section), this.options.locale)];
  },
});

/** A label inside a line (担当: / Owner:), shown in the reader's language. */
const MinutesLabel = Node.create<LocaleOptions>({
  name: minutesNodeNames.label,
  group: 'inline',
  inline: true,
  atom: true,
  addOptions: () => ({ locale: 'ja' }),
  addAttributes: () => ({
    label: { default: 'none', parseHTML: (el) => el.getAttribute('data-label'), renderHTML: (a) => ({ 'data-label': String(a.label) }) },
  }),
  parseHTML: () => [{ tag: 'span[data-minutes-label]' }],
  renderHTML({ node, HTMLAttributes }) {
    const label = String(node.attrs.label);
    const tag = label === 'positive' || label === 'constructive' ? 'strong' : 'span';
    return [tag, mergeAttributes(HTMLAttributes, { 'data-minutes-label': '' }), minutesLabelText(label, this.options.locale)];
  },
});

/** A calendar date (a due date), written the reader's way. */
const MinutesDate = Node.create<LocaleOptions>({
  name: minutesNodeNames.date,
  group: 'inline',
  inline: true,
  atom: true,
  addOptions: () => ({ locale: 'ja' }),
  addAttributes: () => ({
    date: { default: '', parseHTML: (el) => el.getAttribute('datetime'), renderHTML: (a) => ({ datetime: String(a.date) }) },
  }),
  parseHTML: () => [{ tag: 'time[data-minutes-date]' }],
  renderHTML({ node, HTMLAttributes }) {
    return ['time', mergeAttributes(HTMLAttributes, { 'data-minutes-date': '' }), formatMinutesDate(String(node.attrs.date), this.options.locale)];
  },
});

/**
 * What a checklist item is about, for its checkbox's name: the words typed before its first keyed label
 * (担当, 期限 …), without the separators; the whole text when it has no label.
 */
export function taskItemTitle(node: ProseMirrorNode): string {
  let title = '';
  let labelled = false;
  node.descendants((child) => {
    if (labelled) return false;
    if (child.type.name === minutesNodeNames.label) {
      labelled = true;
      return false;
    }
    if (child.isText) title += child.text ?? '';
    return true;
  });
  const trimmed = title.replace(/[\s·]+$/u, '').trim();
  return trimmed || node.textContent.trim();
}

/**
 * The editor's schema for minutes: the shared notes' formatting, checklists for next steps, and the
 * keyed nodes. With `document`, the editor is bound to the live Yjs document (history from Yjs).
 */
export function minutesExtensions(props: { locale: Locale; checkboxLabel: (text: string, checked: boolean) => string; document?: Y.Doc }): Extensions {
  return [
    StarterKit.configure(props.document ? { undoRedo: false } : {}),
    TaskList,
    TaskItem.configure({ nested: true, a11y: { checkboxLabel: (node, checked) => props.checkboxLabel(taskItemTitle(node), checked) } }),
    MinutesSection.configure({ locale: props.locale }),
    MinutesLabel.configure({ locale: props.locale }),
    MinutesDate.configure({ locale: props.locale }),
    ...(props.document ? [Collaboration.configure({ document: props.document })] : []),
  ];
}
