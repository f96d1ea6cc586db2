import { z } from 'zod';
import type { Locale } from './limits.js';

/** The most characters of text a minutes document holds (the same bound as the old Markdown body). */
export const minutesDocumentMaxChars = 50_000;

/**
 * The minutes as a structured document (the ProseMirror/Tiptap JSON the editor uses). Section
 * headings, labels and dates are nodes carrying a key, never words: each reader sees them in their
 * own language (ADR 0110). Everything the pair typed is ordinary text.
 */
// A type, not an interface: it is then assignable to the API's open JSON object type.
export type MinutesNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: MinutesNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};

/** The sections an assembled draft starts with, in order. */
export const minutesSections = ['discussed', 'decided', 'feedback', 'notes'] as const;
export type MinutesSection = (typeof minutesSections)[number];
/** Labels placed inside lines (owner, due date, feedback kinds, SBI parts, "none"). */
export const minutesLabels = ['owner', 'due', 'support', 'positive', 'constructive', 'situation', 'behaviour', 'impact', 'none'] as const;
export type MinutesLabel = (typeof minutesLabels)[number];

/** Node names of the minutes' own nodes (the web editor registers Tiptap nodes with these names). */
export const minutesNodeNames = { section: 'minutesSection', label: 'minutesLabel', date: 'minutesDate' } as const;

const blockTypes = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'taskList', 'taskItem', 'blockquote', 'codeBlock', 'horizontalRule', minutesNodeNames.section]);
const inlineTypes = new Set(['text', 'hardBreak', minutesNodeNames.label, minutesNodeNames.date]);
const markTypes = new Set(['bold', 'italic', 'strike', 'code', 'underline', 'link']);
const maxDepth = 24;

/** Words of the structure, per language: used by the Markdown export and by the web renderer alike. */
export const minutesWords = {
  ja: {
    title: '1on1 議事録',
    sections: { discussed: '話したこと', decided: '決めたこと・アクションアイテム', feedback: 'フィードバック', notes: '共有メモ' },
    labels: {
      owner: '担当',
      due: '期限',
      support: '上司のサポート',
      positive: 'ポジティブ',
      constructive: '改善に向けて',
      situation: '状況',
      behaviour: '行動',
      impact: '影響',
      none: '(なし)',
    },
    separator: ':',
  },
  en: {
    title: '1on1 minutes',
    sections: { discussed: 'What we talked about', decided: 'Decisions and action items', feedback: 'Feedback', notes: 'Shared notes' },
    labels: {
      owner: 'Owner',
      due: 'Due',
      support: 'Manager support',
      positive: 'Positive',
      constructive: 'Constructive',
      situation: 'Situation',
      behaviour: 'Behaviour',
      impact: 'Impact',
      none: '(none)',
    },
    separator: ': ',
  },
} as const;

const labelsWithValue = new Set<MinutesLabel>(['owner', 'due', 'situation', 'behaviour', 'impact']);

/** A label as the reader's language writes it, with its separator when a value follows (「担当:」, "Owner: "). */
export function minutesLabelText(label: string, locale: Locale): string {
  const w = minutesWords[locale];
  if (!(minutesLabels as readonly string[]).includes(label)) return '';
  const word = w.labels[label as MinutesLabel];
  return labelsWithValue.has(label as MinutesLabel) ? word + w.separator : word;
}

/** A section heading in the reader's language ('' for an unknown key). */
export function minutesSectionText(section: string, locale: Locale): string {
  return (minutesSections as readonly string[]).includes(section) ? minutesWords[locale].sections[section as MinutesSection] : '';
}

/** A calendar date (YYYY-MM-DD) as the locale writes it: 2026年12月1日 or 1 Dec 2026. */
export function formatMinutesDate(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return locale === 'ja'
    ? `${y}年${m}月${d}日`
    : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(y, m - 1, d));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a value is not a minutes document, or null when it is one (known nodes and marks, bounded depth and length). */
export function minutesDocumentProblem(value: unknown): string | null {
  let chars = 0;
  const check = (node: unknown, depth: number, inline: boolean): string | null => {
    if (depth > maxDepth) return 'too deep';
    if (!isRecord(node) || typeof node.type !== 'string') return 'not a node';
    const allowed = inline ? inlineTypes : blockTypes;
    if (!allowed.has(node.type)) return `unknown node ${node.type}`;
    if (node.attrs !== undefined && !isRecord(node.attrs)) return 'bad attrs';
    if (node.type === 'text') {
      if (typeof node.text !== 'string' || node.text.length === 0) return 'empty text';
      chars += node.text.length;
      if (node.marks !== undefined) {
        if (!Array.isArray(node.marks)) return 'bad marks';
        for (const m of node.marks) if (!isRecord(m) || typeof m.type !== 'string' || !markTypes.has(m.type)) return 'unknown mark';
      }
      return null;
    }
    if (node.content === undefined) return null;
    if (!Array.isArray(node.content)) return 'bad content';
    // Paragraphs, headings and code blocks hold inline content; every other block holds blocks.
    const childInline = node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock';
    for (const child of node.content) {
      const p = check(child, depth + 1, childInline);
      if (p) return p;
    }
    return null;
  };
  if (!isRecord(value) || value.type !== 'doc') return 'not a document';
  if (value.content !== undefined && !Array.isArray(value.content)) return 'bad content';
  for (const child of (value.content as unknown[] | undefined) ?? []) {
    const p = check(child, 1, false);
    if (p) return p;
  }
  return chars > minutesDocumentMaxChars ? 'too long' : null;
}

/** The zod contract of a minutes document (its structure is checked by `minutesDocumentProblem`). */
export const minutesDocumentSchema = z
  .looseObject({ type: z.literal('doc'), content: z.array(z.looseObject({ type: z.string() })).optional() })
  .superRefine((value, ctx) => {
    const problem = minutesDocumentProblem(value);
    // The message is a key of the server's translated field messages (validation.*).
    if (problem) ctx.addIssue({ code: 'custom', message: problem === 'too long' ? 'minutesTooLong' : 'minutesStructure' });
  })
  .meta({
    description: 'A minutes document: Tiptap JSON whose nodes minutesSection, minutesLabel and minutesDate carry keys, not words',
  }) as unknown as z.ZodType<MinutesNode>;

/** What a minutes draft is assembled from (SPEC §3.4): the meeting's own content, nothing private. */
export interface MinutesSource {
  discussedTopics: { title: string; note: string | null }[];
  actionItems: { title: string; owner: string; dueDate: string | null; support: boolean; done: boolean }[];
  feedback: { kind: 'positive' | 'constructive'; giver: string; receiver: string; situation: string; behaviour: string; impact: string }[];
  /** The blocks of the shared notes (their own formatting is kept). */
  sharedNotes: MinutesNode[];
}

const text = (t: string): MinutesNode[] => (t ? [{ type: 'text', text: t }] : []);
const label = (l: MinutesLabel): MinutesNode => ({ type: minutesNodeNames.label, attrs: { label: l } });
/** A paragraph; adjacent plain text runs are joined, as the editor keeps them. */
const paragraph = (...inline: MinutesNode[][]): MinutesNode => {
  const content: MinutesNode[] = [];
  for (const node of inline.flat()) {
    const last = content.at(-1);
    if (node.type === 'text' && !node.marks && last?.type === 'text' && !last.marks) content[content.length - 1] = { type: 'text', text: `${last.text}${node.text}` };
    else content.push(node);
  }
  return { type: 'paragraph', content };
};
/** Lines of typed text: line breaks become hard breaks (ProseMirror text holds no newline). */
const lines = (t: string): MinutesNode[] =>
  t
    .split('\n')
    .flatMap((line, i) => (i === 0 ? text(line) : [{ type: 'hardBreak' } as MinutesNode, ...text(line)]));
const section = (s: MinutesSection): MinutesNode => ({ type: minutesNodeNames.section, attrs: { section: s } });
const bullets = (items: MinutesNode[][]): MinutesNode => ({ type: 'bulletList', content: items.map((c) => ({ type: 'listItem', content: c })) });
const none = (): MinutesNode => paragraph([label('none')]);

/**
 * The first version of the minutes draft, assembled when the meeting ends: one section per kind of
 * content. Language-neutral: headings, labels and dates are keyed nodes rendered in the reader's language.
 */
export function assembleMinutesDocument(source: MinutesSource): MinutesNode {
  const sep = text(' · ');
  const topics = source.discussedTopics.map((t) => {
    const blocks = [paragraph(lines(t.title))];
    if (t.note?.trim()) blocks.push(bullets([[paragraph(lines(t.note.trim()))]]));
    return blocks;
  });
  const items: MinutesNode = {
    type: 'taskList',
    content: source.actionItems.map((a) => ({
      type: 'taskItem',
      attrs: { checked: a.done },
      content: [
        paragraph(
          text(a.title),
          sep,
          [label('owner')],
          text(a.owner),
          a.dueDate ? [...sep, label('due'), { type: minutesNodeNames.date, attrs: { date: a.dueDate } }] : [],
          a.support ? [...sep, label('support')] : [],
        ),
      ],
    })),
  };
  const feedback = source.feedback.map((f) => [
    paragraph([label(f.kind)], text(` ${f.giver} → ${f.receiver}`)),
    bullets([
      [paragraph([label('situation')], lines(f.situation))],
      [paragraph([label('behaviour')], lines(f.behaviour))],
      [paragraph([label('impact')], lines(f.impact))],
    ]),
  ]);
  const notes = source.sharedNotes.filter((b) => !(b.type === 'paragraph' && !b.content?.length));
  return {
    type: 'doc',
    content: [
      section('discussed'),
      topics.length ? bullets(topics) : none(),
      section('decided'),
      source.actionItems.length ? items : none(),
      section('feedback'),
      feedback.length ? bullets(feedback) : none(),
      section('notes'),
      ...(notes.length ? notes : [none()]),
    ],
  };
}

function inlineMarkdown(nodes: MinutesNode[] | undefined, locale: Locale): string {
  let out = '';
  for (const n of nodes ?? []) {
    if (n.type === 'text') {
      let t = n.text ?? '';
      for (const m of n.marks ?? []) {
        if (m.type === 'bold') t = `**${t}**`;
        else if (m.type === 'italic') t = `*${t}*`;
        else if (m.type === 'strike') t = `~~${t}~~`;
        else if (m.type === 'code') t = `\`${t}\``;
        else if (m.type === 'link' && typeof m.attrs?.href === 'string') t = `[${t}](${m.attrs.href})`;
      }
      out += t;
    } else if (n.type === 'hardBreak') out += '\n';
    else if (n.type === minutesNodeNames.label) {
      const l = String(n.attrs?.label ?? '');
      const word = minutesLabelText(l, locale);
      out += l === 'positive' || l === 'constructive' ? `**${word}**` : word;
    } else if (n.type === minutesNodeNames.date) out += formatMinutesDate(String(n.attrs?.date ?? ''), locale);
  }
  return out;
}

/** Lines of one block, each list level indented under its marker. */
function blockMarkdown(node: MinutesNode, locale: Locale): string[] {
  const children = node.content ?? [];
  const under = (marker: string, blocks: MinutesNode[]) => {
    const body = blocks.flatMap((b) => blockMarkdown(b, locale));
    return body.map((l, i) => (i === 0 ? marker + l : ' '.repeat(marker.length) + l));
  };
  switch (node.type) {
    case minutesNodeNames.section:
      return [`## ${minutesSectionText(String(node.attrs?.section ?? ''), locale)}`];
    case 'heading': {
      // Headings inside the minutes (e.g. from the shared notes) sit below the section headings.
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)) + 2);
      return [`${'#'.repeat(level)} ${inlineMarkdown(children, locale).replace(/\n/g, ' ')}`];
    }
    case 'paragraph':
      return inlineMarkdown(children, locale).split('\n');
    case 'bulletList':
      return children.flatMap((item) => under('- ', item.content ?? []));
    case 'orderedList':
      return children.flatMap((item, i) => under(`${i + 1}. `, item.content ?? []));
    case 'taskList':
      return children.flatMap((item) => under(`- [${item.attrs?.checked ? 'x' : ' '}] `, item.content ?? []));
    case 'blockquote':
      return children.flatMap((b) => blockMarkdown(b, locale)).map((l) => `> ${l}`);
    case 'codeBlock':
      return ['```', ...inlineMarkdown(children, locale).split('\n'), '```'];
    case 'horizontalRule':
      return ['---'];
    default:
      return children.flatMap((b) => blockMarkdown(b, locale));
  }
}

/** The minutes document as Markdown, with headings and labels in `locale` (export and search text). */
export function minutesMarkdown(doc: MinutesNode, locale: Locale): string {
  const blocks = (doc.content ?? []).map((b) => blockMarkdown(b, locale).join('\n'));
  return blocks.join('\n\n').trim().concat('\n');
}

/** A document made of one paragraph per line of plain text (minutes written before they were structured). */
export function minutesDocumentFromText(body: string): MinutesNode {
  return { type: 'doc', content: body.split('\n').map((l) => paragraph(text(l))) };
}
