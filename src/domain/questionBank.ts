import type { TopicCategory } from './agenda.js';

export const questionDepths = ['icebreaker', 'light', 'deep'] as const;
export type QuestionDepth = (typeof questionDepths)[number];

export interface BankQuestion {
  id: string;
  category: TopicCategory;
  depth: QuestionDepth;
  ja: string;
  en: string;
}

type Row = [string, TopicCategory, QuestionDepth, string, string];

/**
 * The starter question bank: open questions (they cannot be answered with yes or no), by
 * category and depth, in Japanese and English. hr will be able to edit the full bank later.
 */
const rows: Row[] = [
  ['career-1', 'career', 'light', '今後のキャリアで考えていることは?', 'What are you thinking about for your future career?'],
  ['career-2', 'career', 'deep', '3年後、どんな仕事をしていたいですか?', 'What kind of work would you like to be doing in three years?'],
  ['career-3', 'career', 'deep', '仕事で大切にしている価値観は何ですか?', 'What values matter most to you in your work?'],
  ['career-4', 'career', 'light', '最近、やってみたいと思った仕事はどんなものですか?', 'What work have you recently felt you would like to try?'],
  ['career-5', 'career', 'deep', 'あなたの強みが一番活きるのはどんな場面だと思いますか?', 'In what situations do you think your strengths shine most?'],
  ['career-6', 'career', 'light', '社内外で「こうなりたい」と思う人はどんな人ですか?', 'Who, inside or outside the company, would you like to be more like, and why?'],
  ['skills-1', 'skills', 'light', '最近、新しく学んだことは何ですか?', 'What have you learned recently?'],
  ['skills-2', 'skills', 'light', 'これから伸ばしたいスキルは何ですか?', 'Which skills would you like to develop next?'],
  ['skills-3', 'skills', 'deep', '成長を実感したのはどんな瞬間でしたか?', 'When did you last feel that you had grown?'],
  ['skills-4', 'skills', 'light', '学ぶための時間や機会として、どんなものがあると助かりますか?', 'What time or opportunities for learning would help you most?'],
  ['skills-5', 'skills', 'deep', '今の仕事で、もっと挑戦してみたいのはどの部分ですか?', 'Which part of your current work would you like to stretch yourself on?'],
  ['skills-6', 'skills', 'light', '最近うまくいった仕事から、どんな学びがありましたか?', 'What did you learn from something that went well recently?'],
  ['work-1', 'workChallenges', 'light', '最近困っていることは?', 'What has been troubling you lately?'],
  ['work-2', 'workChallenges', 'light', '今、一番時間を取られているのは何ですか?', 'What is taking up most of your time right now?'],
  ['work-3', 'workChallenges', 'deep', '具体的にどんな状況で、やりにくさを感じていますか?', 'In what specific situations do things feel hard to move forward?'],
  ['work-4', 'workChallenges', 'light', '仕事を進めるうえで、私にどんな支援ができそうですか?', 'How could I support you in moving your work forward?'],
  ['work-5', 'workChallenges', 'deep', 'もし一つだけ仕事の進め方を変えられるとしたら、何を変えますか?', 'If you could change one thing about how we work, what would it be?'],
  ['work-6', 'workChallenges', 'light', '最近、うまくいかなかったことはどんなことですか?', "What hasn't gone the way you hoped recently?"],
  ['rel-1', 'relationships', 'light', 'チームの雰囲気をどう感じていますか?', 'How do you feel about the atmosphere in the team?'],
  ['rel-2', 'relationships', 'deep', '一緒に働きやすい人は、どんなところがそう感じさせますか?', 'What makes some people easy to work with for you?'],
  ['rel-3', 'relationships', 'deep', '周りとのやり取りで、気になっていることはありますか? どんなことでしょう。', 'What, if anything, is on your mind about working with others? Tell me about it.'],
  ['rel-4', 'relationships', 'light', '最近、誰かに助けられたと感じたのはどんな時ですか?', 'When did someone help you out recently?'],
  ['rel-5', 'relationships', 'light', '私とのコミュニケーションで、もっとこうしてほしいことは何ですか?', 'What would you like me to do differently in how we communicate?'],
  ['rel-6', 'relationships', 'deep', 'チームで意見を言いやすくするには、何が必要だと思いますか?', 'What would make it easier to speak up in the team?'],
  ['cond-1', 'condition', 'icebreaker', '最近、仕事以外で楽しかったことは何ですか?', 'What have you enjoyed outside work recently?'],
  ['cond-2', 'condition', 'light', 'この1週間の調子を一言で表すと、どんな感じですか?', 'How would you describe your past week in a word or two?'],
  ['cond-3', 'condition', 'light', '仕事量について、今どう感じていますか?', 'How do you feel about your workload right now?'],
  ['cond-4', 'condition', 'deep', '疲れがたまっていると感じるのは、どんな時ですか?', 'When do you notice tiredness building up?'],
  ['cond-5', 'condition', 'light', '働く時間や場所について、調整したいことは何かありますか? どんなことでしょう。', 'What would you like to adjust about when or where you work?'],
  ['cond-6', 'condition', 'icebreaker', '最近ハマっているものは何ですか?', 'What are you into these days?'],
  ['goal-1', 'goals', 'light', '今期の目標の進み具合を、どう見ていますか?', 'How do you see the progress on your goals this term?'],
  ['goal-2', 'goals', 'deep', '目標に向けて、いま一番の壁になっているのは何ですか?', 'What is the biggest obstacle between you and your goal right now?'],
  ['goal-3', 'goals', 'light', '次の1か月で達成したいことは何ですか?', 'What would you like to achieve in the next month?'],
  ['goal-4', 'goals', 'deep', 'その目標が達成できたら、何が変わりますか?', 'What will change once you reach that goal?'],
  ['goal-5', 'goals', 'light', '目標の中で、見直したほうがよさそうなものはどれですか?', 'Which of your goals might need revisiting?'],
  ['goal-6', 'goals', 'deep', '目標達成のために、私に何を期待しますか?', 'What do you expect from me to help you reach your goals?'],
  ['fb-1', 'feedback', 'light', '最近の仕事で、自分でよくできたと思うのはどこですか?', 'What part of your recent work are you proud of?'],
  ['fb-2', 'feedback', 'deep', '私のマネジメントについて、改善してほしい点はどこですか?', 'What should I improve in how I manage?'],
  ['fb-3', 'feedback', 'light', 'どんな形でフィードバックをもらうと受け取りやすいですか?', 'How do you prefer to receive feedback?'],
  ['fb-4', 'feedback', 'deep', 'なぜそう思うのか、もう少し聞かせてもらえますか?', 'Could you tell me more about why you see it that way?'],
  ['fb-5', 'feedback', 'light', 'この1on1をもっと役立つ時間にするには、何を変えるとよいですか?', 'What should we change to make these 1on1s more useful?'],
  ['fb-6', 'feedback', 'deep', '最近の出来事で、もっと早く共有してほしかったことは何ですか?', 'What recent news would you have liked to hear from me sooner?'],
  ['other-1', 'other', 'icebreaker', '週末はどんなふうに過ごしましたか?', 'How did you spend the weekend?'],
  ['other-2', 'other', 'light', '今日話したいことは何ですか?', 'What would you like to talk about today?'],
  ['other-3', 'other', 'light', '会社や組織について、気になっていることは何ですか?', 'What is on your mind about the company or the organisation?'],
  ['other-4', 'other', 'deep', '最近、心に残った出来事は何ですか?', 'What has stayed with you from the past few weeks?'],
  ['other-5', 'other', 'icebreaker', '最近読んだ本や見たもので、面白かったものは何ですか?', 'What have you read or watched lately that you found interesting?'],
  ['other-6', 'other', 'light', '前回の1on1から、何か変化はありましたか? どんなことでしょう。', 'What has changed since our last 1on1?'],
];

export const questionBank: readonly BankQuestion[] = rows.map(([id, category, depth, ja, en]) => ({ id, category, depth, ja, en }));

/** The bank question with this id, or undefined. */
export function bankQuestion(id: string): BankQuestion | undefined {
  return questionBank.find((q) => q.id === id);
}

const openJa = /(何|なに|なん|どう|どの|どんな|どこ|どれ|なぜ|いつ|誰|だれ|どのよう|教えて|聞かせて|\?.*どんな)/;
const closedJa = /(ですか|ますか|ましたか|でしたか|ませんか|(?:ある|いる|できる)[??]|大丈夫|問題ない|順調)[??]?\s*$/;
const openEn = /\b(what|how|why|which|where|when|who|whom|tell me|describe)\b/i;
const closedEn = /^\s*(is|are|am|was|were|do|does|did|can|could|have|has|had|will|would|should|shall|may|might|must)\b/i;

/**
 * Whether a question invites only a yes or no (「はい/いいえ」で終わる質問), and an open alternative
 * from the bank in the same language. Japanese and English are both recognised.
 */
export function closedQuestionCheck(text: string): { closed: boolean; openAlternative: string | null } {
  const t = text.trim();
  const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(t);
  const closed = japanese ? !openJa.test(t) && closedJa.test(t) : !openEn.test(t) && closedEn.test(t);
  if (!closed) return { closed: false, openAlternative: null };
  const hints: [RegExp, string][] = [
    [/キャリア|将来|career|future/i, 'career-1'],
    [/体調|調子|元気|疲れ|健康|health|tired|okay|ok\b|well/i, 'cond-2'],
    [/目標|goal/i, 'goal-1'],
    [/チーム|人間関係|team|colleague/i, 'rel-1'],
    [/学|スキル|skill|learn/i, 'skills-2'],
  ];
  const id = hints.find(([re]) => re.test(t))?.[1] ?? 'work-1';
  const alt = bankQuestion(id)!;
  return { closed: true, openAlternative: japanese ? alt.ja : alt.en };
}
