import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { TopicCategory, WantedResponse } from '../../domain/agenda.js';
import { addDays, localDateOf } from '../../domain/calendar.js';
import { questionBank } from '../../domain/questionBank.js';
import type { Schedule } from '../../domain/series.js';
import { insertSeries } from '../commands/scheduleSeries.js';
import type { Tx } from './client.js';
import * as Y from 'yjs';
import { assembleMinutesDocument, minutesMarkdown } from '../../domain/minutes.js';
import { actionItems, checkInConsents, checkIns, employees, feedbackRecords, meetings, minutes, minutesRevisions, preQuestions, reflections, series, sharedNotes, topics } from './schema.js';
import { checkInConsentVersion } from '../../domain/privacy.js';
import { seededRandom } from '../../domain/random.js';


type TopicSeed = [string, TopicCategory, WantedResponse];

const reportTopics: TopicSeed[] = [
  ['担当している機能のリリースが遅れそうで不安です', 'workChallenges', 'thinkTogether'],
  ['レビュー待ちが多く、作業が止まりがちです', 'workChallenges', 'advice'],
  ['来期はもう少し設計から関わりたい', 'career', 'listen'],
  ['英語での会議にまだ慣れません', 'skills', 'advice'],
  ['最近、残業が続いて少し疲れています', 'condition', 'listen'],
  ['チーム内の役割分担について相談したい', 'relationships', 'thinkTogether'],
  ['資格取得の勉強時間をどう確保するか', 'skills', 'thinkTogether'],
  ['今期の目標の進み具合を確認したい', 'goals', 'feedback'],
  ['新しい技術の社内勉強会を開きたい', 'skills', 'decide'],
  ['リモートと出社のバランスについて', 'condition', 'decide'],
  ['先月のプレゼンの出来についてフィードバックがほしい', 'feedback', 'feedback'],
  ['将来マネージャーを目指すべきか迷っています', 'career', 'listen'],
  ['他部署との調整がうまくいかない', 'relationships', 'advice'],
  ['オンボーディング資料を改善したい', 'other', 'decide'],
];

const managerTopics: TopicSeed[] = [
  ['先週の障害対応、とても助かりました', 'feedback', 'listen'],
  ['次の四半期に任せたい仕事について', 'goals', 'thinkTogether'],
  ['評価面談の前に、今期を一緒に振り返りたい', 'goals', 'thinkTogether'],
  ['新メンバーのメンター役をお願いできるか', 'career', 'decide'],
  ['最近の働き方で気になっていること', 'condition', 'listen'],
];

const answers = [
  '特に大きな問題はありませんが、レビューの待ち時間が気になっています。',
  '新しい機能の設計に関われたのが楽しかったです。',
  '少し業務量が多く、優先順位を一緒に考えたいです。',
  '最近は家族との時間が取れていて、調子は良いです。',
  'キャリアについて、来期は設計やリードにも挑戦したいと考えています。',
  '他チームとのやり取りで、期待値がずれることがありました。',
];

const cancelReasons = [
  { reason: '顧客対応が急に入ったため', category: 'workload' },
  { reason: '体調不良のため', category: 'absence' },
  { reason: '全社イベントと重なったため', category: 'conflict' },
] as const;

/**
 * Two demo pairs whose practice shows a formality signal (SPEC §5), deterministically: the demo
 * manager's 1on1s with 加藤 have turned into status reports lately, and 清水's with 山崎 keep being
 * cancelled for customer work. Every other pair keeps the seeded random history.
 */
const statusReportPair = 'kato.daisuke@demo.example';
const cancellingPair = 'yamazaki.ryo@demo.example';
const statusTopics: { report: TopicSeed; manager: TopicSeed }[] = [
  { report: ['今週の進捗報告', 'workChallenges', 'listen'], manager: ['リリース作業の完了確認', 'workChallenges', 'decide'] },
  { report: ['担当チケットのステータス共有', 'workChallenges', 'listen'], manager: ['先週お願いした件の進捗', 'workChallenges', 'decide'] },
];
/** A purpose written or re-confirmed at the last quarterly look-back (days ago); one pair's is older. */
const purposeConfirmedDaysAgo = 40;
const stalePurposePair = 'yamada.takumi@demo.example';
const rescheduleReasons = ['午前に障害対応が入ったため午後に変更', '出張のため翌日に変更'];

/**
 * Six months of lived-in 1on1 history for the demo organisation: a series for every manager and
 * direct report (except the newcomer), past meetings held, moved or cancelled with reasons,
 * topics with wanted responses, answered pre-questions and condition check-ins, and the next
 * meeting partly prepared.
 */
export async function seedDemoSeries(tx: Tx, opts: { now: Date; skipEmails: string[] }): Promise<void> {
  const { now } = opts;
  const rand = seededRandom(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const people = await tx.select().from(employees).orderBy(asc(employees.employeeNumber));
  const today = localDateOf(now, 'Asia/Tokyo');
  const start = addDays(today, -182);
  const bank = questionBank.filter((q) => q.category !== 'icebreaker');
  let pairIndex = 0;
  const followUps: FollowUpSeed[] = [];
  for (const report of people) {
    if (!report.managerId || (report.email && opts.skipEmails.includes(report.email))) continue;
    const focus = report.email === 'member@demo.example';
    const weekday = 1 + (pairIndex % 5);
    const schedule: Schedule = {
      cadence: focus || pairIndex % 3 === 0 ? 'weekly' : 'biweekly',
      weekday,
      startDate: start,
      startTime: ['10:00', '13:30', '15:00', '16:30'][pairIndex % 4]!,
      durationMinutes: 30,
      timeZone: 'Asia/Tokyo',
    };
    pairIndex++;
    const s = await insertSeries(tx, {
      managerId: report.managerId,
      reportId: report.id,
      purpose: null,
      schedule,
      createdById: report.managerId,
      now,
      generateFrom: start,
    });
    // The series began with its history; its purpose was confirmed at the last look-back (one pair's not since it began).
    await tx
      .update(series)
      .set({ createdAt: new Date(`${start}T00:00:00+09:00`), purposeConfirmedAt: report.email === stalePurposePair ? null : new Date(now.getTime() - purposeConfirmedDaysAgo * 86_400_000) })
      .where(eq(series.id, s.id));
    const past = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, now)))
      .orderBy(asc(meetings.startsAt));
    const statusLately = report.email === statusReportPair;
    const cancelledLately = report.email === cancellingPair;
    // A personal baseline: most people steady around 3–4; the focus report dips lately.
    const base = focus ? 4 : 3 + Math.round(rand());
    for (let i = 0; i < past.length; i++) {
      const m = past[i]!;
      const last = i === past.length - 1;
      const roll = rand();
      const fromEnd = past.length - i;
      const cancelNow = cancelledLately ? [2, 3, 5].includes(fromEnd) : !last && roll < 0.07;
      if (cancelNow) {
        const why = cancelledLately ? cancelReasons[0] : pick(cancelReasons);
        await tx
          .update(meetings)
          .set({ status: 'cancelled', cancelReason: why.reason, cancelCategory: why.category, cancelledAt: m.startsAt, cancelledById: report.managerId })
          .where(eq(meetings.id, m.id));
        continue;
      }
      const moved = roll > 0.93 && !last && !cancelledLately;
      await tx
        .update(meetings)
        .set({
          status: last ? 'shared' : 'acknowledged',
          ...(moved ? { startsAt: new Date(m.startsAt.getTime() + 4 * 3600_000), rescheduledAt: m.startsAt, rescheduleReason: pick(rescheduleReasons) } : {}),
        })
        .where(eq(meetings.id, m.id));
      const dip = focus ? (fromEnd === 1 ? -2 : fromEnd === 2 ? -1 : 0) : 0;
      const noise = focus && fromEnd <= 2 ? 0 : rand() < 0.2 ? -1 : rand() > 0.85 ? 1 : 0;
      const score = Math.min(5, Math.max(1, base + dip + noise));
      // The demo's reports consented to condition check-ins before their first one (ADR 0213).
      await tx.insert(checkInConsents).values({ employeeId: report.id, statementVersion: checkInConsentVersion, givenAt: new Date(m.startsAt.getTime() - 48 * 3600_000) }).onConflictDoNothing();
      await tx.insert(checkIns).values({
        meetingId: m.id,
        reportId: report.id,
        score,
        comment: score <= 2 ? '少し疲れがたまっています' : null,
        createdAt: new Date(m.startsAt.getTime() - 24 * 3600_000),
      });
      const status = statusLately && fromEnd <= 5 ? statusTopics[fromEnd % 2]! : null;
      const picked = pick(reportTopics);
      const rt = status ? status.report : picked;
      followUps.push({ meetingId: m.id, seriesId: s.id, startsAt: m.startsAt, managerId: report.managerId, reportId: report.id, topic: rt[0], status: last ? 'shared' : 'acknowledged', fromEnd, focus, score });
      const managerTopic = rand() < 0.5 ? pick(managerTopics) : null;
      const rows = [
        { authorId: report.id, t: rt, position: 1 },
        ...(managerTopic || status ? [{ authorId: report.managerId, t: status ? status.manager : managerTopic!, position: 2 }] : []),
      ];
      for (const r of rows) {
        await tx.insert(topics).values({
          meetingId: m.id,
          authorId: r.authorId,
          title: r.t[0],
          category: r.t[1],
          wantedResponse: r.t[2],
          visibility: 'pair',
          position: r.position,
          discussed: !(last && r.position === 1 && focus),
          sharedAt: new Date(m.startsAt.getTime() - 2 * 24 * 3600_000),
        });
      }
      if (rand() < 0.6) {
        const q = pick(bank);
        await tx.insert(preQuestions).values({
          meetingId: m.id,
          authorId: report.managerId,
          text: q.ja,
          bankQuestionId: q.id,
          answer: pick(answers),
          answeredAt: new Date(m.startsAt.getTime() - 12 * 3600_000),
          position: 1,
        });
      }
    }
    if (focus) {
      // The next meeting: the report has shared a topic; a pre-question waits for an answer.
      const [next] = await tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.seriesId, s.id), gte(meetings.startsAt, now)))
        .orderBy(asc(meetings.startsAt))
        .limit(1);
      if (next) {
        await tx.insert(topics).values({
          meetingId: next.id,
          authorId: report.id,
          title: '来期に挑戦したいことを相談したい',
          category: 'career',
          wantedResponse: 'thinkTogether',
          visibility: 'pair',
          position: 1,
          sharedAt: now,
        });
        await tx.insert(preQuestions).values({
          meetingId: next.id,
          authorId: report.managerId,
          text: '最近困っていることは?',
          bankQuestionId: 'work-1',
          position: 1,
        });
      }
    }
  }
  await seedFollowUps(tx, followUps, people, now, rand);
}

interface FollowUpSeed {
  meetingId: string;
  seriesId: string;
  startsAt: Date;
  managerId: string;
  reportId: string;
  topic: string;
  status: 'shared' | 'acknowledged';
  fromEnd: number;
  focus: boolean;
  score: number;
}

const notePhrases = [
  '今の担当範囲と、次に任せたい仕事について話した',
  'レビュー待ちを減らすため、ペアレビューの時間を週2回設ける',
  '将来のキャリアとして、設計やリードの経験を積みたいという話',
  '体調を優先し、今週は残業をしない',
  '他チームとの期待値のずれは、最初に合意事項を文章にして防ぐ',
  '勉強会の企画は来月から始める',
];
const reportActions = ['設計ドキュメントの下書きを書く', 'ペアレビューの時間をカレンダーに入れる', '勉強会の企画案をまとめる', '資格試験の申し込みをする', '他チームとの合意事項を文章にする'];
const supportActions = ['設計レビューの場を用意する', '他チームのリーダーとの場を設定する', '研修の予算を確認する'];
const gainedTexts = ['話を最後まで聞いてもらえて、気持ちが整理できた', '次にやることがはっきりした', 'キャリアについて考えるきっかけになった'];
const improveTexts = ['次回はもう少し時間を取りたい', '事前に話したいことを書いておく', '結論を急がずに、もう少し一緒に考えたい'];

/** Shared notes as the editor stores them: a Yjs document with one paragraph per line. */
function notesState(lines: string[]): Buffer {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  fragment.insert(
    0,
    lines.map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    }),
  );
  return Buffer.from(Y.encodeStateAsUpdate(doc));
}

/**
 * The follow-up of every held demo meeting: shared notes, minutes (shared and mostly acknowledged,
 * assembled as the app assembles them), action items (the recent ones open, some overdue, some the
 * manager's support), occasional feedback, and both sides' reflections.
 */
async function seedFollowUps(tx: Tx, list: FollowUpSeed[], people: (typeof employees.$inferSelect)[], now: Date, rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const nameOf = (id: string) => {
    const e = people.find((p) => p.id === id)!;
    return `${e.familyName} ${e.givenName}`;
  };
  const notes: (typeof sharedNotes.$inferInsert)[] = [];
  const items: (typeof actionItems.$inferInsert)[] = [];
  const fb: (typeof feedbackRecords.$inferInsert)[] = [];
  const mins: (typeof minutes.$inferInsert)[] = [];
  const revisions: (typeof minutesRevisions.$inferInsert)[] = [];
  const refl: (typeof reflections.$inferInsert)[] = [];
  for (const f of list) {
    const lines = [f.topic, pick(notePhrases), ...(rand() < 0.5 ? [pick(notePhrases)] : [])];
    notes.push({ meetingId: f.meetingId, state: notesState(lines), text: lines.join('\n'), createdAt: f.startsAt, updatedAt: f.startsAt });
    const meetingDay = localDateOf(f.startsAt, 'Asia/Tokyo');
    const due = addDays(meetingDay, 7 + Math.floor(rand() * 7));
    const recent = f.fromEnd <= 3;
    const reportItem = {
      seriesId: f.seriesId,
      meetingId: f.meetingId,
      ownerId: f.reportId,
      createdById: f.reportId,
      title: pick(reportActions),
      dueDate: due,
      status: (recent && (f.focus || rand() < 0.5) ? 'open' : 'done') as 'open' | 'done',
      doneAt: null as Date | null,
      createdAt: f.startsAt,
    };
    if (reportItem.status === 'done') reportItem.doneAt = new Date(Math.min(now.getTime(), f.startsAt.getTime() + 5 * 86_400_000));
    items.push(reportItem);
    const support = rand() < 0.35 || (f.focus && f.fromEnd === 2);
    if (support) {
      items.push({
        seriesId: f.seriesId,
        meetingId: f.meetingId,
        ownerId: f.managerId,
        createdById: f.managerId,
        title: pick(supportActions),
        dueDate: addDays(meetingDay, 5),
        support: true,
        status: recent ? 'open' : 'done',
        doneAt: recent ? null : new Date(f.startsAt.getTime() + 4 * 86_400_000),
        createdAt: f.startsAt,
      });
    }
    const feedback =
      rand() < 0.25
        ? [
            {
              kind: 'positive' as const,
              giver: f.managerId,
              receiver: f.reportId,
              situation: '先週の障害対応で',
              behaviour: '原因の切り分けを順序立てて進め、状況をこまめに共有してくれた',
              impact: 'チーム全体が落ち着いて対応でき、復旧が早まった',
            },
          ]
        : [];
    for (const x of feedback) {
      fb.push({ seriesId: f.seriesId, meetingId: f.meetingId, giverId: x.giver, receiverId: x.receiver, kind: x.kind, situation: x.situation, behaviour: x.behaviour, impact: x.impact, createdAt: f.startsAt });
    }
    const content = assembleMinutesDocument({
      discussedTopics: [{ title: f.topic, note: null }],
      actionItems: items
        .filter((a) => a.meetingId === f.meetingId)
        .map((a) => ({ title: a.title, owner: nameOf(a.ownerId), dueDate: a.dueDate ?? null, support: a.support ?? false, done: a.status === 'done' })),
      feedback: feedback.map((x) => ({ kind: x.kind, giver: nameOf(x.giver), receiver: nameOf(x.receiver), situation: x.situation, behaviour: x.behaviour, impact: x.impact })),
      sharedNotes: lines.map((l) => ({ type: 'paragraph', content: l ? [{ type: 'text', text: l }] : [] })),
    });
    const body = minutesMarkdown(content, 'ja');
    const sharedAt = new Date(f.startsAt.getTime() + 3 * 3600_000);
    mins.push({
      meetingId: f.meetingId,
      body,
      content,
      status: f.status,
      version: 1,
      sharedAt,
      sharedById: rand() < 0.6 ? f.reportId : f.managerId,
      acknowledgedAt: f.status === 'acknowledged' ? new Date(sharedAt.getTime() + 6 * 3600_000) : null,
      reportComment: f.status === 'acknowledged' && rand() < 0.2 ? 'ありがとうございました。内容に相違ありません。' : null,
      createdAt: f.startsAt,
    });
    revisions.push({ meetingId: f.meetingId, version: 1, body, content, authorId: f.reportId, createdAt: sharedAt });
    if (rand() < 0.85) {
      const heard = Math.min(5, Math.max(1, (f.score >= 3 ? 4 : 3) + (rand() < 0.3 ? 1 : 0)));
      refl.push({ meetingId: f.meetingId, authorId: f.reportId, role: 'report', feltHeard: heard, useful: Math.max(2, heard - (rand() < 0.3 ? 1 : 0)), gained: pick(gainedTexts), improve: rand() < 0.5 ? pick(improveTexts) : null, createdAt: sharedAt });
      refl.push({ meetingId: f.meetingId, authorId: f.managerId, role: 'manager', ownListening: 3 + Math.floor(rand() * 2), gained: '本人の考えを引き出せた', improve: '話の途中でアドバイスしすぎないようにする', createdAt: sharedAt });
    }
  }
  const chunks = <T>(xs: T[], n = 500) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
  for (const c of chunks(notes)) await tx.insert(sharedNotes).values(c);
  for (const c of chunks(items)) await tx.insert(actionItems).values(c);
  for (const c of chunks(fb)) if (c.length) await tx.insert(feedbackRecords).values(c);
  for (const c of chunks(mins)) await tx.insert(minutes).values(c);
  for (const c of chunks(revisions)) await tx.insert(minutesRevisions).values(c);
  for (const c of chunks(refl)) await tx.insert(reflections).values(c);
}
