import { describe, expect, it } from 'vitest';
import { assembleMinutes, formatMeetingDate, summariseMinutes, type MinutesSource } from './minutes.js';

const source: MinutesSource = {
  startsAt: new Date('2026-11-24T01:00:00Z'),
  timeZone: 'Asia/Tokyo',
  manager: '田中 美咲',
  report: '鈴木 翔太',
  discussedTopics: [{ title: 'キャリアの方向性', note: '専門職\nかマネジメントか' }],
  actionItems: [
    { title: '勉強会で発表する', owner: '鈴木 翔太', dueDate: '2026-12-01', support: false, done: false },
    { title: '発表の場を用意する', owner: '田中 美咲', dueDate: null, support: true, done: true },
  ],
  feedback: [{ kind: 'positive', giver: '田中 美咲', receiver: '鈴木 翔太', situation: 'デモ', behaviour: '落ち着いて答えた', impact: '信頼が高まった' }],
  sharedNotes: '  メモの本文  ',
};

describe('minutes draft', () => {
  it('formats dates the Japanese and the English way', () => {
    expect(formatMeetingDate(source.startsAt, 'Asia/Tokyo', 'ja')).toBe('2026年11月24日(火)');
    expect(formatMeetingDate(source.startsAt, 'Asia/Tokyo', 'en')).toBe('Tue, 24 Nov 2026');
    expect(formatMeetingDate(new Date('2026-11-24T20:00:00Z'), 'Asia/Tokyo', 'ja')).toBe('2026年11月25日(水)');
  });

  it('assembles Japanese Markdown with the four sections', () => {
    expect(assembleMinutes(source, 'ja')).toBe(
      [
        '# 1on1 議事録 — 2026年11月24日(火) 田中 美咲 / 鈴木 翔太',
        '',
        '## 話したこと',
        '',
        '- キャリアの方向性',
        '  - 専門職 かマネジメントか',
        '',
        '## 決めたこと・ネクストステップ',
        '',
        '- [ ] 勉強会で発表する(担当:鈴木 翔太、期限:2026年12月1日)',
        '- [x] 発表の場を用意する(担当:田中 美咲、上司のサポート)',
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
        'メモの本文',
        '',
      ].join('\n'),
    );
  });

  it('writes English, with (none) for empty sections', () => {
    const en = assembleMinutes({ ...source, discussedTopics: [], feedback: [], sharedNotes: '' }, 'en');
    expect(en).toContain('# 1on1 minutes — Tue, 24 Nov 2026 田中 美咲 / 鈴木 翔太');
    expect(en).toContain('## What we talked about\n\n(none)');
    expect(en).toContain('- [ ] 勉強会で発表する (owner: 鈴木 翔太, due: 1 Dec 2026)');
    expect(en).toContain('- [x] 発表の場を用意する (owner: 田中 美咲, manager support)');
    expect(en).toContain('## Feedback\n\n(none)');
    expect(en).toContain('## Shared notes\n\n(none)');
  });

  it('summarises assembled minutes in either language: first lines, then the decisions and next steps', () => {
    for (const locale of ['ja', 'en'] as const) {
      const { summary, decisions } = summariseMinutes(assembleMinutes(source, locale));
      expect(summary.slice(0, 2)).toEqual(['キャリアの方向性', '専門職 かマネジメントか']);
      expect(summary).toHaveLength(3);
      expect(decisions.map((d) => d.split(/[（( ]/)[0])).toEqual(['勉強会で発表する', '発表の場を用意する']);
    }
  });

  it('summarises rewritten minutes without sections, skipping the title and empty markers', () => {
    const body = '# 1on1 議事録\n\n最初の行\n\n- **二つ目**\n- 最初の行\n- [x] 三つ目\n1. 四つ目\n';
    expect(summariseMinutes(body)).toEqual({ summary: ['最初の行', '二つ目', '三つ目'], decisions: [] });
    expect(summariseMinutes('## 話したこと\n\n(なし)\n')).toEqual({ summary: [], decisions: [] });
  });
});
