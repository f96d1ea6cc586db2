import { describe, expect, it } from 'vitest';
import { questionBank } from '../../domain/questionBank.js';
import { checkQuestion } from './closedQuestions.js';
import { evaluate, labelledSet } from './evaluate.js';

describe('closed-question detector', () => {
  it.each([
    ['最近困っていることはありますか？', '最近どんなことに困っていますか？'],
    ['何か困っていることはありますか？', 'どんなことに困っていますか？'],
    ['なぜ遅れたのか分かっていますか？', 'なぜ遅れたのか、聞かせてもらえますか？'],
    ['気になっていることはありますか？', 'どんなことが気になっていますか？'],
    ['Do you have any concerns about the move?', 'What concerns do you have about the move?'],
    ['Do you know why the release slipped?', 'Could you walk me through why the release slipped?'],
    ['Is there anything I can help with?', 'What can I help with?'],
    ['Is the release on track?', 'How is the release going?'],
  ])('flags %s and keeps its subject in the open alternative', async (text, alternative) => {
    expect(await checkQuestion(text)).toEqual({ closed: true, openAlternative: alternative });
  });

  it.each(['もう慣れた？', '間に合いそう？', 'AとBどちらがいいですか？', '誰かに相談しましたか？', 'このやり方で合ってるよね？', 'Any blockers?', 'The plan works for you, right?', 'Do you prefer mornings or afternoons?', 'All good?'])(
    'flags %s (plain form, indefinite pronoun, choice, tag or elliptical), with an alternative',
    async (text) => {
      const r = await checkQuestion(text);
      expect(r.closed).toBe(true);
      expect(r.openAlternative).toBeTruthy();
      expect(r.openAlternative).not.toBe(text);
      // The alternative itself asks openly.
      expect((await checkQuestion(r.openAlternative!)).closed).toBe(false);
    },
  );

  it.each(['最近困っていることは？', '具体的にどんな状況？', 'いつ頃終わりそう？', 'どうかな？', '最近の様子を聞かせてください。', 'What is blocking you?', 'Tell me about your week.', 'If you could change one thing, what would it be?', 'Can you tell me why it slipped?'])(
    'leaves %s alone',
    async (text) => {
      expect(await checkQuestion(text)).toEqual({ closed: false, openAlternative: null });
    },
  );

  it('finds every shipped bank question open in both languages', async () => {
    const closed: string[] = [];
    for (const q of questionBank) {
      if ((await checkQuestion(q.ja)).closed) closed.push(`${q.id} ${q.ja}`);
      if ((await checkQuestion(q.en)).closed) closed.push(`${q.id} ${q.en}`);
    }
    expect(closed).toEqual([]);
  });

  it.each(['ja', 'en'] as const)('reaches precision and recall of 0.9 on the labelled %s set of 200 or more', async (lang) => {
    const set = labelledSet(lang);
    expect(set.length).toBeGreaterThanOrEqual(200);
    expect(set.filter((q) => q.closed).length).toBeGreaterThanOrEqual(80);
    expect(set.filter((q) => !q.closed).length).toBeGreaterThanOrEqual(80);
    const r = await evaluate(set);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
  });
});
