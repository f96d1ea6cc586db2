import { z } from 'zod';
import { topicCategories, topicTitleMax, wantedResponses } from './agenda.js';

/** The shipped agenda templates (SPEC §4). hr may rewrite or hide each of them. */
export const agendaTemplateIds = ['firstMeeting', 'career', 'growth', 'feedback', 'goalReview', 'condition', 'quarterly'] as const;
export type AgendaTemplateId = (typeof agendaTemplateIds)[number];

export const templateTopicSchema = z.object({
  category: z.enum(topicCategories),
  wantedResponse: z.enum(wantedResponses),
  ja: z.string().trim().min(1).max(topicTitleMax),
  en: z.string().trim().min(1).max(topicTitleMax),
});
export type TemplateTopic = z.infer<typeof templateTopicSchema>;

export const agendaTemplateSchema = z.object({
  id: z.enum(agendaTemplateIds),
  nameJa: z.string(),
  nameEn: z.string(),
  topics: z.array(templateTopicSchema),
  hidden: z.boolean(),
  edited: z.boolean(),
});
export type AgendaTemplate = z.infer<typeof agendaTemplateSchema>;

/** hr rewrites a template: its names and topics, or hides it. */
export const agendaTemplateUpdateSchema = z
  .object({
    nameJa: z.string().trim().min(1).max(80),
    nameEn: z.string().trim().min(1).max(80),
    topics: z.array(templateTopicSchema).min(1).max(10),
    hidden: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

export const applyTemplateSchema = z.object({ templateId: z.enum(agendaTemplateIds) });

type T = [TemplateTopic['category'], TemplateTopic['wantedResponse'], string, string];
const shipped: Record<AgendaTemplateId, { nameJa: string; nameEn: string; topics: T[] }> = {
  firstMeeting: {
    nameJa: '初めての1on1',
    nameEn: 'First 1on1',
    topics: [
      ['other', 'listen', '1on1の目的と進め方をすり合わせる', 'Agree what these 1on1s are for and how we run them'],
      ['other', 'listen', 'お互いの自己紹介と働き方の好み', 'Getting to know each other and how we like to work'],
      ['career', 'listen', 'これから挑戦したいこと', 'What I would like to take on'],
      ['relationships', 'thinkTogether', 'コミュニケーションの取り方(頻度・手段)', 'How we keep in touch: how often, which channels'],
    ],
  },
  career: {
    nameJa: 'キャリア',
    nameEn: 'Career',
    topics: [
      ['career', 'listen', '3年後になっていたい姿', 'Where I want to be in three years'],
      ['career', 'thinkTogether', '今の仕事とキャリアのつながり', 'How my current work connects to my career'],
      ['skills', 'advice', 'そのために積みたい経験', 'Experience I need along the way'],
    ],
  },
  growth: {
    nameJa: '成長・スキル',
    nameEn: 'Growth and skills',
    topics: [
      ['skills', 'listen', '最近できるようになったこと', 'What I can do now that I could not before'],
      ['skills', 'thinkTogether', '次に伸ばしたいスキルと学び方', 'The next skill to build, and how'],
      ['skills', 'decide', '挑戦する仕事・機会の相談', 'A stretch assignment or opportunity to agree'],
    ],
  },
  feedback: {
    nameJa: 'フィードバック',
    nameEn: 'Feedback',
    topics: [
      ['feedback', 'feedback', '最近の仕事へのフィードバック', 'Feedback on my recent work'],
      ['feedback', 'listen', '上司へのフィードバック', 'Feedback for my manager'],
      ['feedback', 'thinkTogether', '次に活かすこと', 'What we take into the next weeks'],
    ],
  },
  goalReview: {
    nameJa: '目標の振り返り',
    nameEn: 'Goal review',
    topics: [
      ['goals', 'listen', '目標の進み具合と手ごたえ', 'Progress on my goals and how it feels'],
      ['goals', 'thinkTogether', '壁になっていること', 'What is in the way'],
      ['goals', 'decide', '目標の見直しが必要なもの', 'Goals that need changing'],
    ],
  },
  condition: {
    nameJa: 'コンディション',
    nameEn: 'Condition',
    topics: [
      ['condition', 'listen', '最近の調子と気になっていること', 'How I have been, and what is on my mind'],
      ['condition', 'thinkTogether', '仕事量と働き方の調整', 'Workload and how I work'],
    ],
  },
  quarterly: {
    nameJa: '四半期の振り返り',
    nameEn: 'Quarterly look-back',
    topics: [
      ['goals', 'listen', 'この四半期でうまくいったこと', 'What went well this quarter'],
      ['workChallenges', 'thinkTogether', 'うまくいかなかったことと学び', 'What did not, and what I learned'],
      ['feedback', 'feedback', 'この四半期の仕事へのフィードバック', "Feedback on the quarter's work"],
      ['goals', 'decide', '次の四半期に力を入れること', 'Where to focus next quarter'],
    ],
  },
};

/** The shipped templates, before any edit by hr. */
export const shippedTemplates: readonly Omit<AgendaTemplate, 'hidden' | 'edited'>[] = agendaTemplateIds.map((id) => ({
  id,
  nameJa: shipped[id].nameJa,
  nameEn: shipped[id].nameEn,
  topics: shipped[id].topics.map(([category, wantedResponse, ja, en]) => ({ category, wantedResponse, ja, en })),
}));
