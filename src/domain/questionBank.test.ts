import { describe, expect, it } from 'vitest';
import { topicCategories } from './agenda.js';
import { bankQuestion, closedQuestionCheck, questionBank, questionDepths } from './questionBank.js';

describe('question bank', () => {
  it('has at least 40 questions, each in Japanese and English, with unique ids', () => {
    expect(questionBank.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questionBank.map((q) => q.id)).size).toBe(questionBank.length);
    for (const q of questionBank) {
      expect(q.ja, q.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(q.en, q.id).toMatch(/^[\x20-\x7e’]+$/);
      expect(questionDepths).toContain(q.depth);
    }
  });

  it('covers every topic category', () => {
    for (const c of topicCategories) expect(questionBank.filter((q) => q.category === c).length, c).toBeGreaterThanOrEqual(3);
  });

  it.each(questionBank.map((q) => [q.id, q.ja, q.en]))('%s is open in both languages', (_id, ja, en) => {
    expect(closedQuestionCheck(ja)).toEqual({ closed: false, openAlternative: null });
    expect(closedQuestionCheck(en)).toEqual({ closed: false, openAlternative: null });
  });

  it('looks questions up by id', () => {
    expect(bankQuestion('work-1')?.ja).toBe('最近困っていることは?');
    expect(bankQuestion('nope')).toBeUndefined();
  });
});

describe('closedQuestionCheck', () => {
  it.each([
    ['最近、困っていることはありますか?', '最近困っていることは?'],
    ['仕事は順調ですか?', '最近困っていることは?'],
    ['体調は大丈夫ですか?', 'この1週間の調子を一言で表すと、どんな感じですか?'],
    ['キャリアについて考えていますか?', '今後のキャリアで考えていることは?'],
    ['目標は達成できそうですか', '今期の目標の進み具合を、どう見ていますか?'],
    ['チームに馴染めましたか?', 'チームの雰囲気をどう感じていますか?'],
    ['問題ない?', '最近困っていることは?'],
  ])('ja %s is yes/no, with an open alternative', (text, alternative) => {
    expect(closedQuestionCheck(text)).toEqual({ closed: true, openAlternative: alternative });
  });

  it.each([
    ['Is the release on track?', 'What has been troubling you lately?'],
    ['Do you have any problems?', 'What has been troubling you lately?'],
    ['Are you okay?', 'How would you describe your past week in a word or two?'],
    ['Have you thought about your career?', 'What are you thinking about for your future career?'],
    ['  can you hit your goal this quarter?', 'How do you see the progress on your goals this term?'],
    ['Did you learn anything new?', 'Which skills would you like to develop next?'],
  ])('en %s is yes/no, with an open alternative', (text, alternative) => {
    expect(closedQuestionCheck(text)).toEqual({ closed: true, openAlternative: alternative });
  });

  it.each(['最近困っていることは?', '今後のキャリアで考えていることは?', 'どうすればもっと働きやすくなりますか?', 'What is blocking you?', 'Tell me about your week.'])(
    '%s is open',
    (text) => {
      expect(closedQuestionCheck(text)).toEqual({ closed: false, openAlternative: null });
    },
  );
});
