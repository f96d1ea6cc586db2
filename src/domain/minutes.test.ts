import { describe, expect, it } from 'vitest';
import { assembleMinutes, formatMeetingDate, type MinutesSource } from './minutes.js';

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
        '## 決めたこと・アクションアイテム',
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
});
