import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, setLanguage, shootAtWidths, test } from './fixtures.js';

// Goals (SPEC §6): the report adds a goal and updates its progress; the manager, in a browser of
// their own, sees the update in the next prep brief and the goal next to a linked topic in the room.
// The feedback log shows what each side received and gave.

const shots = 'docs/screenshots';
const stamp = Date.now().toString(36);
const OBJECTIVE = `障害対応の初動を速くする ${stamp}`;
const KR = '検知から一次連絡までの時間';
const COMMENT = `手順書を整えて訓練を1回実施 ${stamp}`;
const TOPIC = `初動訓練の振り返り ${stamp}`;

test.beforeAll(() => mkdirSync(shots, { recursive: true }));

async function nextMeetingWithManager(page: Page): Promise<string> {
  const home = (await (await page.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; myRole: string }[] };
  return home.upcoming.find((u) => u.myRole === 'report')!.meeting.id;
}

test('the owner updates a goal; the manager sees it in the next prep brief and next to a linked topic in the room', async ({ browser }) => {
  test.setTimeout(240_000);
  const report = await openSession(browser, demo.member);
  const manager = await openSession(browser, demo.manager);

  // 1. The report adds an OKR goal with one key result.
  await report.getByRole('link', { name: '目標' }).first().click();
  await expect(report.getByRole('heading', { name: '目標', level: 1 })).toBeVisible();
  await report.getByRole('button', { name: '目標を追加' }).click();
  const dialog = report.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /目指す姿/ }).fill(OBJECTIVE);
  await dialog.getByRole('textbox', { name: /^指標 1/ }).fill(KR);
  await dialog.getByRole('textbox', { name: /^開始値/ }).fill('60');
  await dialog.getByRole('textbox', { name: /^目標値/ }).fill('20');
  await dialog.getByRole('textbox', { name: /^単位/ }).fill('分');
  await dialog.getByRole('button', { name: '目標を追加' }).click();
  await expect(dialog).toBeHidden();
  const card = report.getByRole('article', { name: OBJECTIVE });
  await expect(card).toContainText('0%');

  // 2. …and posts progress: from 60 towards 20 minutes, 40 is half way.
  await card.getByRole('button', { name: '進捗を更新' }).click();
  await card.getByRole('textbox', { name: /今の値/ }).fill('40');
  await card.getByRole('textbox', { name: /ひとこと/ }).fill(COMMENT);
  await card.getByRole('button', { name: '記録する' }).click();
  await expect(card.getByText(COMMENT)).toBeVisible();
  await expect(card.getByRole('progressbar', { name: `「${OBJECTIVE}」の進捗` })).toHaveAttribute('aria-valuenow', '50');
  await expectNoAxeViolations(report, 'goals page');

  // 3. …and links a topic of the next 1on1 to it.
  const meetingId = await nextMeetingWithManager(report);
  await report.goto(`/meetings/${meetingId}`);
  const addButton = report.getByRole('button', { name: 'トピックを追加' });
  const titleBox = report.getByRole('textbox', { name: /^トピック/ });
  // The form is open at once when the report has no topic yet; otherwise it opens from the button.
  await expect(titleBox.or(addButton).first()).toBeVisible();
  if (!(await titleBox.isVisible())) await addButton.click();
  await titleBox.fill(TOPIC);
  await report.getByRole('combobox', { name: '関連する目標' }).click();
  await report.getByRole('option', { name: new RegExp(OBJECTIVE) }).click();
  await report.getByRole('button', { name: '追加する' }).click();
  const agendaItem = report.getByRole('listitem').filter({ hasText: TOPIC });
  await expect(agendaItem.getByTestId('topic-goal')).toContainText(OBJECTIVE);

  // 4. The manager's prep brief shows the goal and the update posted since the last 1on1.
  await manager.goto(`/meetings/${meetingId}/prep`);
  const goals = manager.locator('section[aria-labelledby="prep-goals"]');
  await expect(goals.getByRole('heading', { name: '鈴木さんの目標' })).toBeVisible();
  const briefCard = goals.getByRole('article', { name: OBJECTIVE });
  await expect(briefCard).toContainText(COMMENT);
  await expect(briefCard).toContainText('50%');
  await expect(briefCard.getByRole('button', { name: '進捗を更新' })).toHaveCount(0);
  await expectNoAxeViolations(manager, 'prep brief with goals');

  // 5. In the room the topic shows its goal with the progress.
  await manager.goto(`/meetings/${meetingId}/room`);
  const roomTopic = manager.getByRole('listitem').filter({ hasText: TOPIC });
  await expect(roomTopic.getByTestId('topic-goal')).toContainText(OBJECTIVE);
  await expect(roomTopic.getByTestId('topic-goal')).toContainText('50%');
  await manager.screenshot({ path: `${shots}/goals-room-ja-1280.png`, fullPage: true });
  await manager.goto(`/meetings/${meetingId}/prep`);
  await expect(goals.getByRole('article', { name: OBJECTIVE })).toBeVisible();
  await goals.screenshot({ path: `${shots}/goals-prep-ja-1280.png` });

  // 6. The manager sees the goal on the series page and may comment, never update progress.
  const seriesId = ((await (await manager.request.get(`/api/meetings/${meetingId}`)).json()) as { series: { id: string } }).series.id;
  await manager.goto(`/one-on-ones/${seriesId}`);
  const seriesCard = manager.getByRole('article', { name: OBJECTIVE });
  await expect(seriesCard).toBeVisible();
  await expect(seriesCard.getByRole('button', { name: '進捗を更新' })).toHaveCount(0);
  await seriesCard.getByRole('button', { name: 'コメントする' }).click();
  await seriesCard.getByRole('textbox', { name: 'コメント' }).fill('訓練、良い取り組みですね');
  await seriesCard.getByRole('button', { name: 'コメントを送る' }).click();
  await expect(seriesCard.getByText('訓練、良い取り組みですね')).toBeVisible();

  // 7. The report sees the comment on their goal.
  await report.goto('/goals');
  await expect(report.getByRole('article', { name: OBJECTIVE }).getByText('訓練、良い取り組みですね')).toBeVisible();

  // Screenshots of the goals page in both languages at both widths.
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(report, lang);
    await report.goto('/goals');
    await expect(report.getByRole('article', { name: OBJECTIVE })).toBeVisible();
    await shootAtWidths(report, `${shots}/goals-${lang}`, async (p) => {
      await expectNoHorizontalScroll(p, `goals (${lang})`);
    });
  }
  await setLanguage(report, 'ja');
  await report.context().close();
  await manager.context().close();
});

test('the feedback log: feedback received and given, between meetings too; each side sees its own', async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await openSession(browser, demo.manager);
  await manager.getByRole('link', { name: 'フィードバック' }).first().click();
  await expect(manager.getByRole('heading', { name: 'フィードバック', level: 1 })).toBeVisible();
  await manager.getByRole('button', { name: 'フィードバックを伝える' }).click();
  const dialog = manager.getByRole('dialog');
  await dialog.getByRole('combobox', { name: /^相手/ }).click();
  await manager.getByRole('option', { name: /鈴木/ }).click();
  const behaviour = `レビューで代案を添えてくれた ${stamp}`;
  await dialog.getByRole('textbox', { name: /^状況/ }).fill('木曜のコードレビューで');
  await dialog.getByRole('textbox', { name: /^行動/ }).fill(behaviour);
  await dialog.getByRole('textbox', { name: /^影響/ }).fill('議論が前に進んだ');
  await dialog.getByRole('button', { name: '記録する' }).click();
  await expect(dialog).toBeHidden();
  await manager.getByRole('tab', { name: '伝えた' }).click();
  await expect(manager.getByText(behaviour)).toBeVisible();
  await expect(manager.getByRole('listitem').filter({ hasText: behaviour })).toContainText('1on1の合間に');
  await expectNoAxeViolations(manager, 'feedback log (given)');

  const report = await openSession(browser, demo.member);
  await report.goto('/feedback');
  await expect(report.getByText(behaviour)).toBeVisible();
  await expect(report.getByRole('listitem').filter({ hasText: behaviour })).toContainText('田中 美咲さんから');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(report, lang);
    await report.goto('/feedback');
    await expect(report.getByText(behaviour)).toBeVisible();
    await shootAtWidths(report, `${shots}/feedback-log-${lang}`, async (p) => {
      await expectNoHorizontalScroll(p, `feedback log (${lang})`);
    });
  }
  await setLanguage(report, 'ja');
  await report.context().close();
  await manager.context().close();
});
