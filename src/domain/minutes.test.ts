import { describe, expect, it } from 'vitest';
import { formatMeetingDate, minutesTitle, summariseMinutes } from './minutes.js';
import { assembleMinutesDocument, minutesDocumentFromText, minutesDocumentProblem, minutesMarkdown, type MinutesNode, type MinutesSource } from './minutesDocument.js';

const source: MinutesSource = {
  discussedTopics: [{ title: 'キャリアの方向性', note: '専門職\nかマネジメントか' }],
  actionItems: [
    { title: '勉強会で発表する', owner: '鈴木 翔太', dueDate: '2026-12-01', support: false, done: false },
    { title: '発表の場を用意する', owner: '田中 美咲', dueDate: null, support: true, done: true },
  ],
  feedback: [{ kind: 'positive', giver: '田中 美咲', receiver: '鈴木 翔太', situation: 'デモ', behaviour: '落ち着いて答えた', impact: '信頼が高まった' }],
  sharedNotes: [
    { type: 'paragraph', content: [{ type: 'text', text: 'メモの' }, { type: 'text', text: '本文', marks: [{ type: 'bold' }] }] },
    { type: 'paragraph' },
  ],
};

/** Every string a document stores as text (what the pair typed), whatever the reader's language. */
function storedTexts(node: MinutesNode): string[] {
  return [...(node.text ? [node.text] : []), ...(node.content ?? []).flatMap(storedTexts)];
}

describe('minutes document', () => {
  it('formats dates the Japanese and the English way', () => {
    const startsAt = new Date('2026-11-24T01:00:00Z');
    expect(formatMeetingDate(startsAt, 'Asia/Tokyo', 'ja')).toBe('2026年11月24日(火)');
    expect(formatMeetingDate(startsAt, 'Asia/Tokyo', 'en')).toBe('Tue, 24 Nov 2026');
    expect(formatMeetingDate(new Date('2026-11-24T20:00:00Z'), 'Asia/Tokyo', 'ja')).toBe('2026年11月25日(水)');
    expect(minutesTitle({ startsAt, timeZone: 'Asia/Tokyo', manager: '田中 美咲', report: '鈴木 翔太' }, 'en')).toBe('1on1 minutes — Tue, 24 Nov 2026 田中 美咲 / 鈴木 翔太');
  });

  it('stores no heading or label words: only what people wrote', () => {
    const doc = assembleMinutesDocument(source);
    expect(minutesDocumentProblem(doc)).toBeNull();
    const texts = storedTexts(doc).join('|');
    for (const word of ['話したこと', '担当', '期限', 'ポジティブ', '状況', 'What we talked about', 'Owner', 'Due', '共有メモ', '(なし)']) expect(texts).not.toContain(word);
    expect(texts).toContain('勉強会で発表する');
  });

  it('renders Japanese Markdown with the four sections, checkboxes and labels', () => {
    expect(minutesMarkdown(assembleMinutesDocument(source), 'ja')).toBe(
      [
        '## 話したこと',
        '',
        '- キャリアの方向性',
        '  - 専門職',
        '    かマネジメントか',
        '',
        '## 決めたこと・アクションアイテム',
        '',
        '- [ ] 勉強会で発表する · 担当:鈴木 翔太 · 期限:2026年12月1日',
        '- [x] 発表の場を用意する · 担当:田中 美咲 · 上司のサポート',
        '',
        '## フィードバック',
        '',
        '- **ポジティブ** 田中 美咲 → 鈴木 翔太',
        '  - 状況:デモ',
        '  - 行動:落ち着いて答えた',
        '  - 影響:信頼が高まった',
        '',
        '## 共有メモ',
        '',
        'メモの**本文**',
        '',
      ].join('\n'),
    );
  });

  it('renders the same document in English, with (none) for empty sections', () => {
    const en = minutesMarkdown(assembleMinutesDocument({ ...source, discussedTopics: [], feedback: [], sharedNotes: [] }), 'en');
    expect(en).toContain('## What we talked about\n\n(none)');
    expect(en).toContain('- [ ] 勉強会で発表する · Owner: 鈴木 翔太 · Due: 1 Dec 2026');
    expect(en).toContain('- [x] 発表の場を用意する · Owner: 田中 美咲 · Manager support');
    expect(en).toContain('## Feedback\n\n(none)');
    expect(en).toContain('## Shared notes\n\n(none)');
    expect(en).not.toMatch(/[話担期状]/);
  });

  it('refuses what is not a minutes document', () => {
    expect(minutesDocumentProblem({ type: 'doc', content: [{ type: 'script' }] })).toMatch(/unknown node/);
    expect(minutesDocumentProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'evil' }] }] }] })).toMatch(/mark/);
    expect(minutesDocumentProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'paragraph' }] }] })).toMatch(/unknown node/);
    expect(minutesDocumentProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(50_001) }] }] })).toBe('too long');
    expect(minutesDocumentProblem('## text')).toBe('not a document');
    expect(minutesDocumentProblem(minutesDocumentFromText('a\nb'))).toBeNull();
  });

  it('summarises assembled minutes in either language: first lines, then the decisions and action items', () => {
    for (const locale of ['ja', 'en'] as const) {
      const { summary, decisions } = summariseMinutes(minutesMarkdown(assembleMinutesDocument(source), locale));
      expect(summary.slice(0, 3)).toEqual(['キャリアの方向性', '専門職', 'かマネジメントか']);
      expect(decisions.map((d) => d.split(/[（( ·]/)[0]!.trim())).toEqual(['勉強会で発表する', '発表の場を用意する']);
    }
  });

  it('summarises rewritten minutes without sections, skipping the title and empty markers', () => {
    const body = '# 1on1 議事録\n\n最初の行\n\n- **二つ目**\n- 最初の行\n- [x] 三つ目\n1. 四つ目\n';
    expect(summariseMinutes(body)).toEqual({ summary: ['最初の行', '二つ目', '三つ目'], decisions: [] });
    expect(summariseMinutes('## 話したこと\n\n(なし)\n')).toEqual({ summary: [], decisions: [] });
  });
});
