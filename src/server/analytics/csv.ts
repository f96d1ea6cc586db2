import { topicCategories, type TopicCategory } from '../../domain/agenda.js';
import type { SuppressionReason } from '../../domain/aggregates.js';
import type { AnalyticsDepartments } from '../../domain/analytics.js';
import type { Locale } from '../../domain/limits.js';
import { cancelCategories, type CancelCategory } from '../../domain/series.js';

type Measure =
  | 'implementationRate'
  | 'cadenceAdherence'
  | 'planned'
  | 'held'
  | 'cancelled'
  | 'cancelledByManager'
  | 'cancelledByReport'
  | 'cancelledByCategory'
  | 'feltHeard'
  | 'useful'
  | 'responses'
  | 'practice'
  | 'quality'
  | 'topics'
  | 'condition'
  | 'warnings'
  | 'sustainedDrops'
  | 'repeatedCancellations';

const labels: Record<Locale, { header: string[]; section: Record<'month' | 'child' | 'distribution', string>; organisation: string; measure: Record<Measure, string>; topic: Record<TopicCategory, string>; cancel: Record<CancelCategory, string>; score: (n: number) => string; hidden: Record<SuppressionReason, (minimum: number) => string> }> = {
  ja: {
    header: ['区分', '部署', '期間', '指標', '値', '備考'],
    section: { month: '月ごと', child: '下位の部署', distribution: '分布と早期の兆し' },
    organisation: '組織全体',
    measure: {
      implementationRate: '実施率(%)',
      cadenceAdherence: '周期の維持(%)',
      planned: '予定回数',
      held: '実施回数',
      cancelled: 'キャンセル回数',
      cancelledByManager: '上司によるキャンセル',
      cancelledByReport: '部下によるキャンセル',
      cancelledByCategory: 'キャンセルの理由の種類',
      feltHeard: '聴いてもらえた(1～5)',
      useful: '役に立った(1～5)',
      responses: '回答数',
      practice: '実施状況',
      quality: '1on1の質',
      topics: 'トピック数',
      condition: 'コンディション回答数',
      warnings: '早期の兆し',
      sustainedDrops: 'コンディションの持続的な低下(人)',
      repeatedCancellations: '続けてキャンセルされたシリーズ(件)',
    },
    cancel: { workload: '業務が立て込んでいる', conflict: 'ほかの予定と重なった', absence: '休暇・出張・体調', nothingToDiscuss: '話すことがない', other: 'その他' },
    topic: { career: 'キャリア', skills: 'スキル・成長', workChallenges: '業務の課題', relationships: '人間関係', condition: 'コンディション', goals: '目標', feedback: 'フィードバック', other: 'その他' },
    score: (n) => `コンディション${n}`,
    hidden: { tooFew: (n) => `${n}人未満の集団のため非表示`, complementary: (n) => `ほかの数字との差し引きで${n}人未満の集団がわかるため非表示`, noData: () => 'データなし' },
  },
  en: {
    header: ['Section', 'Department', 'Period', 'Measure', 'Value', 'Note'],
    section: { month: 'By month', child: 'Sub-departments', distribution: 'Distributions and early warnings' },
    organisation: 'Whole organisation',
    measure: {
      implementationRate: 'Implementation rate (%)',
      cadenceAdherence: 'Cadence adherence (%)',
      planned: 'Meetings planned',
      held: 'Meetings held',
      cancelled: 'Meetings cancelled',
      cancelledByManager: 'Cancelled by the manager',
      cancelledByReport: 'Cancelled by the report',
      cancelledByCategory: 'Cancellations by kind of reason',
      feltHeard: 'Felt heard (1–5)',
      useful: 'Useful (1–5)',
      responses: 'Responses',
      practice: 'Practice',
      quality: 'Quality',
      topics: 'Topics',
      condition: 'Condition check-ins',
      warnings: 'Early warnings',
      sustainedDrops: 'Condition dropped and stayed down (people)',
      repeatedCancellations: 'Series cancelled again and again',
    },
    cancel: { workload: 'Too busy with work', conflict: 'Clashed with something else', absence: 'Leave, travel or illness', nothingToDiscuss: 'Nothing to talk about', other: 'Other' },
    topic: { career: 'Career', skills: 'Skills and growth', workChallenges: 'Work challenges', relationships: 'Relationships', condition: 'Condition', goals: 'Goals', feedback: 'Feedback', other: 'Other' },
    score: (n) => `Condition ${n}`,
    hidden: { tooFew: (n) => `Hidden: a group under ${n} people`, complementary: (n) => `Hidden: other figures would reveal a group under ${n} people`, noData: () => 'No data' },
  },
};

type Cell = Pick<AnalyticsDepartments['summary'], 'practice' | 'quality'>;

/**
 * (The wave dash of ranges is written as U+FF5E: it is what CP932 decodes 0x8160 to, so both files
 * read back the same.)
 *
 * What the analytics page shows, as rows of one table (section, department, period, measure,
 * value, note), so Excel can filter and pivot it. It is built from the same suppressed answer as
 * the page: a hidden figure is a row with no value and its reason, never a number.
 */
export function analyticsCsvRows(data: AnalyticsDepartments, locale: Locale): string[][] {
  const l = labels[locale];
  const group = data.group.name ?? l.organisation;
  const period = data.from === data.to ? data.from : `${data.from}～${data.to}`;
  const rows: string[][] = [l.header];
  const hidden = (reason: SuppressionReason) => l.hidden[reason](data.minimum);
  const value = (n: number | null) => (n === null ? '' : String(n));
  const add = (section: string, dept: string, when: string, measure: string, v: string, note = '') => rows.push([section, dept, when, measure, v, note]);
  const cell = (section: string, dept: string, when: string, c: Cell) => {
    if (c.practice.shown) {
      const p = c.practice;
      add(section, dept, when, l.measure.implementationRate, value(p.implementationRate));
      add(section, dept, when, l.measure.cadenceAdherence, value(p.cadenceAdherence));
      add(section, dept, when, l.measure.planned, value(p.planned));
      add(section, dept, when, l.measure.held, value(p.held));
      add(section, dept, when, l.measure.cancelled, value(p.cancelled));
      add(section, dept, when, l.measure.cancelledByManager, value(p.cancelledByManager));
      add(section, dept, when, l.measure.cancelledByReport, value(p.cancelledByReport));
      for (const c of cancelCategories) add(section, dept, when, `${l.measure.cancelledByCategory}: ${l.cancel[c]}`, value(p.cancelledByCategory[c]));
    } else add(section, dept, when, l.measure.practice, '', hidden(c.practice.reason));
    if (c.quality.shown) {
      add(section, dept, when, l.measure.feltHeard, value(c.quality.feltHeard));
      add(section, dept, when, l.measure.useful, value(c.quality.useful));
      add(section, dept, when, l.measure.responses, value(c.quality.responses));
    } else add(section, dept, when, l.measure.quality, '', hidden(c.quality.reason));
  };
  for (const m of data.months) cell(l.section.month, group, m.month, m);
  for (const c of data.children) cell(l.section.child, c.name, period, c);
  const d = data.distributions;
  const section = l.section.distribution;
  if (d.topics.shown) for (const c of topicCategories) add(section, group, period, `${l.measure.topics}: ${l.topic[c]}`, value(d.topics.byCategory[c]));
  else add(section, group, period, l.measure.topics, '', hidden(d.topics.reason));
  if (d.condition.shown) d.condition.byScore.forEach((n, i) => add(section, group, period, `${l.measure.condition}: ${l.score(i + 1)}`, value(n)));
  else add(section, group, period, l.measure.condition, '', hidden(d.condition.reason));
  if (d.warnings.shown) {
    add(section, group, period, l.measure.sustainedDrops, value(d.warnings.sustainedDrops));
    add(section, group, period, l.measure.repeatedCancellations, value(d.warnings.repeatedCancellations));
  } else add(section, group, period, l.measure.warnings, '', hidden(d.warnings.reason));
  return rows;
}
