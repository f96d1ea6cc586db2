import type { WantedResponse } from '../../domain/agenda.js';
import type { Tip, TipAudience } from '../../domain/coaching.js';
import type { Locale } from '../../domain/limits.js';

/** Where a tip applies. */
export type TipPlace = 'general' | WantedResponse | 'firstMeeting' | 'noReportTopics' | 'quietReport';

interface Written {
  title: string;
  body: string;
  examples?: string[];
}
export interface TipEntry {
  id: string;
  audience: TipAudience;
  place: TipPlace;
  ja: Written;
  en: Written;
}

/**
 * The coaching tips, from the seed's advice (listening, open questions, empathy and
 * acknowledgement, tolerating silence, fact-based feedback, agreeing next steps, not a status
 * report), each written for one side. They live on the server so that the words meant for the
 * manager never travel to the report's browser; the policy picks the caller's side.
 */
export const tipCatalog: readonly TipEntry[] = [
  // ---- for the manager ----
  {
    id: 'm.listening',
    audience: 'manager',
    place: 'general',
    ja: { title: '傾聴', body: '判断や批判をせず、最後まで耳を傾けましょう。話すのはメンバーが7〜8割くらいが目安です。' },
    en: { title: 'Listen', body: 'Hear them out without judging or correcting. Aim for the report to do most of the talking.' },
  },
  {
    id: 'm.openQuestions',
    audience: 'manager',
    place: 'general',
    ja: { title: 'オープンな質問', body: '「はい/いいえ」で終わる質問ではなく、考えが広がる質問を。', examples: ['「なぜそう思うの？」', '「具体的にどんな状況？」'] },
    en: { title: 'Ask open questions', body: 'Ask questions that cannot be answered with a yes or a no.', examples: ['"What makes you see it that way?"', '"What does the situation look like, specifically?"'] },
  },
  {
    id: 'm.empathy',
    audience: 'manager',
    place: 'general',
    ja: { title: '共感と承認', body: '気持ちや努力をまず受け止めてから、中身の話に進みましょう。', examples: ['「それは大変だったね」', '「良い気づきだね」'] },
    en: { title: 'Empathise and acknowledge', body: 'Recognise the feeling and the effort before you get to the substance.', examples: ['"That sounds like a tough week."', '"That is a really useful observation."'] },
  },
  {
    id: 'm.silence',
    audience: 'manager',
    place: 'general',
    ja: { title: '沈黙を恐れない', body: '黙っている時間は、考えている時間です。埋めようと急がず、待ちましょう。' },
    en: { title: 'Let silence work', body: 'A pause is often someone thinking. Resist filling it; wait a little longer than feels comfortable.' },
  },
  {
    id: 'm.factBased',
    audience: 'manager',
    place: 'general',
    ja: { title: '事実に基づくフィードバック', body: '状況・行動・影響を具体的に。人柄ではなく、行動について伝えます。' },
    en: { title: 'Keep feedback factual', body: 'Name the situation, the behaviour and its impact. Talk about what was done, not who they are.' },
  },
  {
    id: 'm.nextSteps',
    audience: 'manager',
    place: 'general',
    ja: { title: 'ネクストステップの合意', body: '終わる前に、誰が・何を・いつまでにやるかを二人で確認しましょう。あなたのサポートも一つのネクストステップです。' },
    en: { title: 'Agree the next steps', body: 'Before you finish, agree together who does what by when. Your own support counts as an action item too.' },
  },
  {
    id: 'm.notStatusReport',
    audience: 'manager',
    place: 'general',
    ja: { title: '業務報告の場にしない', body: '進捗確認は別の場で。1on1はメンバーの成長や悩み、キャリアのための時間です。' },
    en: { title: "Don't turn it into a status update", body: 'Progress checks belong elsewhere. This time is for their growth, their worries and their career.' },
  },
  {
    id: 'm.listen',
    audience: 'manager',
    place: 'listen',
    ja: { title: '話を聞いてほしい:聴くことに徹する', body: 'アドバイスは控えて、最後まで聴きましょう。沈黙も大切に。気持ちをそのまま受け止めます。', examples: ['「それは大変だったね」', '「話してくれてありがとう」'] },
    en: { title: 'Just listen: hold the advice', body: 'Listen to the end and keep your suggestions to yourself. Let pauses be. Take the feelings as they are.', examples: ['"That sounds hard."', '"Thank you for telling me."'] },
  },
  {
    id: 'm.advice',
    audience: 'manager',
    place: 'advice',
    ja: { title: 'アドバイスがほしい:まず本人の考えから', body: '先に本人の考えを聴き、そのうえで選択肢の一つとして伝えましょう。決めるのは本人です。', examples: ['「あなたはどうしたいと思う？」', '「私ならこうするかもしれない」'] },
    en: { title: 'Give advice: their view first', body: 'Ask what they think before you offer yours, and offer it as one option. The choice stays theirs.', examples: ['"What are you leaning towards?"', '"One thing I might try is..."'] },
  },
  {
    id: 'm.thinkTogether',
    audience: 'manager',
    place: 'thinkTogether',
    ja: { title: '一緒に考えてほしい:問いで広げる', body: '答えを急がず、オープンな質問で本人の考えを引き出しながら一緒に整理しましょう。', examples: ['「なぜそう思うの？」', '「ほかにどんなやり方がありそう？」'] },
    en: { title: 'Think together: widen it with questions', body: "Don't rush to an answer. Use open questions to lay out the options side by side.", examples: ['"What else could we try?"', '"What would have to be true for that to work?"'] },
  },
  {
    id: 'm.decide',
    audience: 'manager',
    place: 'decide',
    ja: { title: '決めてほしい:はっきり決めて記録する', body: '何を・誰が・いつまでに決めるのかを明確にし、理由も伝えましょう。決めたことはネクストステップに残します。', examples: ['「ここは私が決めます。理由は…」'] },
    en: { title: 'Decide: be clear and write it down', body: 'Say what is decided, by whom and by when, and why. Record it as an action item.', examples: ['"I will make this call, and here is why..."'] },
  },
  {
    id: 'm.feedback',
    audience: 'manager',
    place: 'feedback',
    ja: { title: 'フィードバックがほしい:事実で伝える', body: '状況(いつ・どこで)、行動(何をしたか)、影響(どうなったか)の順に。良い点も具体的に伝えます。', examples: ['「先週の顧客対応で、あの一言があったから話がまとまった」'] },
    en: { title: 'Give feedback: stick to facts', body: 'Situation (when and where), behaviour (what they did), impact (what it led to). Be as specific about what went well.', examples: ['"In Tuesday\'s client call, your summary got everyone aligned."'] },
  },
  {
    id: 'm.firstMeeting',
    audience: 'manager',
    place: 'firstMeeting',
    ja: { title: '初めての1on1', body: '目的(成長・信頼・課題の早期解決)を最初に伝え、評価の場ではないことをはっきりさせましょう。今日はお互いを知ることが中心で十分です。' },
    en: { title: 'Your first 1on1', body: 'Start with the purpose (growth, trust, solving problems early) and say plainly that this is not an appraisal. Getting to know each other is enough for today.' },
  },
  {
    id: 'm.noReportTopics',
    audience: 'manager',
    place: 'noReportTopics',
    ja: { title: 'メンバーのトピックがまだありません', body: '空いた時間を業務報告で埋めないように。冒頭で「今日話したいことは？」と聞き、メンバーの話から始めましょう。' },
    en: { title: 'No topics from the report yet', body: "Don't fill the gap with status updates. Open by asking what they would like to talk about, and start from there." },
  },
  {
    id: 'm.quietReport',
    audience: 'manager',
    place: 'quietReport',
    ja: { title: 'メンバーのトピックが2回続けてありません', body: '話すことが見つからないのかもしれません。テーマを事前に共有して考える時間をつくり、雑談から始めて安心できる雰囲気を。' },
    en: { title: 'Two meetings in a row without topics from the report', body: 'They may not know what to bring. Share a theme in advance so they have time to think, and open with some small talk.' },
  },
  // ---- for the report ----
  {
    id: 'r.yourTime',
    audience: 'report',
    place: 'general',
    ja: { title: '1on1はあなたの時間です', body: '話すテーマはあなたが決めて大丈夫です。仕事の進捗より、困りごとや挑戦したいこと、キャリアの話を。' },
    en: { title: 'This time is yours', body: 'You set the agenda. Bring what is on your mind, what you want to try and where you want to go, not just progress.' },
  },
  {
    id: 'r.bringTopic',
    audience: 'report',
    place: 'general',
    ja: { title: 'トピックは事前に一つだけでも', body: '前日までに一言でも書いておくと、上司も準備できます。まとまっていなくても大丈夫です。' },
    en: { title: 'Add one topic ahead of time', body: 'A single line the day before lets your manager prepare. It does not need to be polished.' },
  },
  {
    id: 'r.sayWhatYouWant',
    audience: 'report',
    place: 'general',
    ja: { title: '求める関わり方を伝える', body: '「聞いてほしい」「アドバイスがほしい」「決めてほしい」を選んでおくと、期待どおりの時間になりやすくなります。' },
    en: { title: 'Say what you need', body: 'Choosing "just listen", "give advice" or "decide" on a topic helps the conversation go the way you want.' },
  },
  {
    id: 'r.nextSteps',
    audience: 'report',
    place: 'general',
    ja: { title: '最後に次の一歩を確認', body: '終わる前に、自分がやること・上司にお願いすることを言葉にしておきましょう。' },
    en: { title: 'Close with the next step', body: 'Before you finish, say what you will do and what you are asking your manager for.' },
  },
  {
    id: 'r.listen',
    audience: 'report',
    place: 'listen',
    ja: { title: '聞いてほしいとき', body: '最初に「今日は聞いてもらえると助かります」と伝えると、安心して話せます。' },
    en: { title: 'When you want to be heard', body: 'Saying "I mostly need to talk this through" at the start sets the tone.' },
  },
  {
    id: 'r.advice',
    audience: 'report',
    place: 'advice',
    ja: { title: 'アドバイスがほしいとき', body: '自分で考えた案や迷っている点を先に話すと、具体的な助言をもらいやすくなります。' },
    en: { title: 'When you want advice', body: 'Share what you have considered and where you are stuck; the advice will be sharper.' },
  },
  {
    id: 'r.thinkTogether',
    audience: 'report',
    place: 'thinkTogether',
    ja: { title: '一緒に考えてほしいとき', body: '分かっていることと分からないことを分けて話すと、整理が進みます。' },
    en: { title: 'When you want to think it through together', body: 'Separate what you know from what you are unsure of; it speeds up the thinking.' },
  },
  {
    id: 'r.decide',
    audience: 'report',
    place: 'decide',
    ja: { title: '決めてほしいとき', body: '何を、いつまでに決めてほしいかをはっきり伝えましょう。選択肢があれば並べておくとスムーズです。' },
    en: { title: 'When you need a decision', body: 'Say what needs deciding and by when. Listing the options helps.' },
  },
  {
    id: 'r.feedback',
    audience: 'report',
    place: 'feedback',
    ja: { title: 'フィードバックがほしいとき', body: 'どの仕事のどの場面について聞きたいかを具体的に伝えると、役に立つ答えが返ってきます。' },
    en: { title: 'When you want feedback', body: 'Name the piece of work and the moment you want feedback on; you will get something you can use.' },
  },
  {
    id: 'r.firstMeeting',
    audience: 'report',
    place: 'firstMeeting',
    ja: { title: 'はじめての1on1を迎えるあなたへ', body: '評価の場ではありません。働き方の好みや、これから挑戦したいことを気軽に伝えてみましょう。' },
    en: { title: 'Before your first 1on1', body: 'This is not an appraisal. Tell your manager how you like to work and what you would like to try.' },
  },
  {
    id: 'r.noTopicsYet',
    audience: 'report',
    place: 'noReportTopics',
    ja: { title: 'まだトピックがありません', body: '小さなことで構いません。最近気になっていることを一つ書いておきましょう。' },
    en: { title: 'No topics from you yet', body: 'Small things are fine. Jot down one thing that has been on your mind.' },
  },
  {
    id: 'r.quietReport',
    audience: 'report',
    place: 'quietReport',
    ja: { title: '話すことが思いつかないときは', body: '下のアイデアから一つ選んで、トピックにしてみましょう。' },
    en: { title: 'Not sure what to bring?', body: 'Pick one of the ideas below and make it a topic.' },
  },
];

/** Topic ideas for a report who has not brought topics lately (the quiet-report kit). */
export const topicIdeas: Record<Locale, string[]> = {
  ja: [
    '最近うまくいったこと、その理由',
    '今の仕事で一番時間を取られていること',
    'これから挑戦してみたい仕事',
    'チームでのやり取りで気になっていること',
    '伸ばしたいスキルと、そのために必要な機会',
    '働き方(時間・場所・仕事量)について調整したいこと',
  ],
  en: [
    'Something that went well lately, and why',
    'What takes up most of your time at the moment',
    'Work you would like to try next',
    'Anything about how the team works together that bugs you',
    'A skill you want to build, and what would help',
    'Your hours, place of work or workload, and what you would change',
  ],
};

/** A catalog entry in the caller's language. */
export function presentTip(entry: TipEntry, locale: Locale): Tip {
  const w = entry[locale];
  return { id: entry.id, title: w.title, body: w.body, examples: w.examples ?? [] };
}
