import { and, asc, desc, eq, gte, lt, ne } from 'drizzle-orm';
import type { Tx } from './client.js';
import { employees, feedbackRecords, goalKeyResults, goals, goalUpdates, meetings, series, topics } from './schema.js';

const day = 86_400_000;

/**
 * Goals and feedback between meetings for the demo organisation (SPEC §6): the demo member has an
 * OKR and an MBO goal with progress posted before and since their last 1on1 (so the manager's next
 * prep brief shows what changed), a topic of the next meeting linked to the OKR, a comment from the
 * manager, and feedback exchanged between meetings. One more report of the manager has a goal.
 */
export async function seedDemoGoals(tx: Tx, opts: { now: Date }): Promise<void> {
  const { now } = opts;
  const [member] = await tx.select().from(employees).where(eq(employees.email, 'member@demo.example'));
  if (!member?.managerId) return;
  const [s] = await tx.select().from(series).where(and(eq(series.reportId, member.id), eq(series.managerId, member.managerId)));
  if (!s) return;
  const [last] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, now), eq(meetings.status, 'shared')))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const [next] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, s.id), gte(meetings.startsAt, now), eq(meetings.status, 'scheduled')))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  // Since the last meeting: halfway between it and now.
  const since = last ? new Date((last.startsAt.getTime() + now.getTime()) / 2) : new Date(now.getTime() - day);
  const quarterEnd = new Date(now.getTime() + 75 * day).toISOString().slice(0, 10);

  const [okr] = await tx
    .insert(goals)
    .values({
      ownerId: member.id,
      kind: 'okr',
      title: '検索機能の体験を、使う人が迷わないものにする',
      description: '問い合わせの3割が検索まわり。チームの評判を左右するので、今期いちばん力を入れたい。',
      dueDate: quarterEnd,
      createdAt: new Date(now.getTime() - 60 * day),
    })
    .returning();
  const krs = await tx
    .insert(goalKeyResults)
    .values([
      { goalId: okr!.id, title: '検索結果の0件率', startValue: 18, target: 5, current: 9, unit: '%', position: 0 },
      { goalId: okr!.id, title: '検索まわりの問い合わせ(月)', startValue: 42, target: 15, current: 30, unit: '件', position: 1 },
      { goalId: okr!.id, title: 'ユーザーインタビュー', startValue: 0, target: 8, current: 5, unit: '人', position: 2 },
    ])
    .returning();
  const [zero, inquiries, interviews] = krs;
  const [mbo] = await tx
    .insert(goals)
    .values({
      ownerId: member.id,
      kind: 'mbo',
      title: '新メンバーのオンボーディングを担う',
      description: '入社3か月で一人でレビューを回せる状態にする。週1回のペア作業と、つまずきの記録を残すこと。',
      weight: 30,
      progress: 40,
      dueDate: quarterEnd,
      createdAt: new Date(now.getTime() - 45 * day),
    })
    .returning();
  await tx.insert(goalUpdates).values([
    { goalId: okr!.id, authorId: member.id, kind: 'progress', keyResultId: zero!.id, value: 12, comment: '表記ゆれの辞書を入れた', createdAt: new Date(now.getTime() - 30 * day) },
    { goalId: okr!.id, authorId: member.id, kind: 'progress', keyResultId: interviews!.id, value: 3, comment: null, createdAt: new Date(now.getTime() - 20 * day) },
    { goalId: mbo!.id, authorId: member.id, kind: 'progress', value: 25, comment: 'ペア作業を週1で開始', createdAt: new Date(now.getTime() - 25 * day) },
    { goalId: okr!.id, authorId: member.id, kind: 'progress', keyResultId: zero!.id, value: 9, comment: 'あいまい検索を本番に出した。0件率が目に見えて下がった', createdAt: since },
    { goalId: okr!.id, authorId: member.id, kind: 'progress', keyResultId: inquiries!.id, value: 30, comment: null, createdAt: since },
    { goalId: okr!.id, authorId: member.id, kind: 'progress', keyResultId: interviews!.id, value: 5, comment: 'インタビューで「絞り込みが見つからない」が3人から出た。次の1on1で相談したい', createdAt: since },
    { goalId: okr!.id, authorId: member.managerId, kind: 'comment', comment: '0件率の下がり方がすごい。インタビューの話、ぜひ聞かせてください', createdAt: new Date(since.getTime() + 3600_000) },
    { goalId: mbo!.id, authorId: member.id, kind: 'progress', value: 40, comment: '新メンバーが初めて一人でレビューを完了', createdAt: since },
  ]);
  if (next) {
    await tx.insert(topics).values({
      meetingId: next.id,
      authorId: member.id,
      title: '検索の絞り込みをどう見せるか',
      note: 'インタビューで3人がつまずいた。デザインと相談する前に方向を一緒に考えたい',
      category: 'goals',
      wantedResponse: 'thinkTogether',
      visibility: 'pair',
      position: 20,
      goalId: okr!.id,
      sharedAt: now,
    });
  }
  await tx.insert(feedbackRecords).values([
    {
      seriesId: s.id,
      meetingId: null,
      giverId: member.managerId,
      receiverId: member.id,
      kind: 'positive',
      situation: '火曜の設計レビューで',
      behaviour: '反対意見にもデータを示して丁寧に答えていた',
      impact: '議論が感情的にならず、その場で方針が決まった',
      createdAt: new Date(now.getTime() - 4 * day),
    },
    {
      seriesId: s.id,
      meetingId: null,
      giverId: member.id,
      receiverId: member.managerId,
      kind: 'positive',
      situation: '先週のリリース判断のとき',
      behaviour: '判断の理由をチャットに書いて残してくれた',
      impact: '後から入った人も経緯を追えて、同じ質問が出なかった',
      createdAt: new Date(now.getTime() - 2 * day),
    },
  ]);

  // One more report of the same manager, with a goal of their own.
  const [colleague] = await tx
    .select({ id: employees.id })
    .from(employees)
    .innerJoin(series, and(eq(series.reportId, employees.id), eq(series.managerId, member.managerId)))
    .where(and(ne(employees.id, member.id), eq(employees.active, true)))
    .orderBy(asc(employees.employeeNumber))
    .limit(1);
  if (colleague) {
    const [g] = await tx
      .insert(goals)
      .values({ ownerId: colleague.id, kind: 'okr', title: 'テストの自動化でリリースを速くする', dueDate: quarterEnd, createdAt: new Date(now.getTime() - 40 * day) })
      .returning();
    await tx.insert(goalKeyResults).values([{ goalId: g!.id, title: 'リリース前の手動テスト時間', startValue: 16, target: 4, current: 10, unit: '時間', position: 0 }]);
  }
}
