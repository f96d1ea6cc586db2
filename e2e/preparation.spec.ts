import type { Browser, Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, test } from './fixtures.js';

// Issue: series and preparation, end to end in Japanese — the manager sets up a weekly 1on1 with the
// newcomer; the newcomer prepares (a private draft, a shared "just listen" topic, an answer, a
// check-in at 2); the manager's prep brief shows all of it except the draft, which appears nowhere
// for the manager, in the UI or the API.

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email);
}

const DRAFT = '下書き:異動について考えていること';
const SHARED = 'チームに馴染めるか不安';
const ANSWER = '新しい環境で、誰に何を聞けばいいか迷っています。';

test('a new weekly 1on1 is prepared by both sides; the private draft never reaches the manager', async ({ browser }) => {
  test.setTimeout(180_000);
  // 1. The manager sets up a weekly series with the newcomer and sends a pre-question.
  const manager = await session(browser, demo.manager);
  await manager.getByRole('link', { name: /小林 陽菜さんとの1on1を設定/ }).click();
  await expect(manager.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(manager, 'series form');
  await manager.getByLabel('開始時刻').fill('13:30');
  await manager.getByRole('button', { name: '設定する' }).click();
  await expect(manager.getByRole('heading', { name: '小林 陽菜さんとの1on1' })).toBeVisible();
  await expect(manager.locator('main')).toContainText('毎週');
  await manager.locator('#series-upcoming').locator('..').getByRole('link').first().click();
  await expect(manager).toHaveURL(/\/meetings\//);
  const meetingPath = new URL(manager.url()).pathname;
  await manager.getByLabel('質問', { exact: true }).fill('仕事は順調ですか?');
  await expect(manager.getByText(/はい\/いいえで答えられる質問です。例えば/)).toBeVisible();
  await manager.getByRole('button', { name: 'この質問を使う' }).click();
  await expect(manager.getByLabel('質問', { exact: true })).toHaveValue('仕事について、今どう感じていますか？');
  await manager.getByRole('button', { name: '送る' }).click();
  await expect(manager.getByText('事前質問を送りました').first()).toBeVisible();

  // 2. The newcomer prepares.
  const report = await session(browser, demo.newcomer);
  await report.goto(meetingPath);
  await expect(report.getByText('話したいことを先に書いておきましょう')).toBeVisible();
  await report.getByRole('textbox', { name: /^トピック/ }).fill(DRAFT);
  await report.getByLabel('まだ共有しない(下書き)').check();
  await report.getByRole('button', { name: '追加する' }).click();
  await expect(report.getByText('下書き(自分だけに表示)')).toBeVisible();
  await report.getByRole('textbox', { name: /^トピック/ }).fill(SHARED);
  await report.getByLabel('話を聞いてほしい').check();
  await report.getByRole('button', { name: '追加する' }).click();
  await expect(report.getByText(SHARED)).toBeVisible();
  await report.getByLabel('あなたの回答').first().fill(ANSWER);
  await report.getByRole('button', { name: '回答を保存' }).first().click();
  await expect(report.getByText('回答を保存しました').first()).toBeVisible();
  await report.getByLabel('2 悪い').check();
  await report.getByRole('button', { name: '記録する' }).click();
  // The first check-in asks for consent once (APPI: condition is sensitive personal data).
  await report.getByRole('dialog').getByRole('button', { name: '同意して記録する' }).click();
  await expect(report.getByText('コンディションを記録しました')).toBeVisible();
  await expectNoAxeViolations(report, 'meeting page (report)');

  // 3. The manager's prep brief shows the shared topic, the answer and the check-in — never the draft.
  await manager.goto(`${meetingPath}/prep`);
  await expect(manager.getByRole('heading', { name: /準備シート/ })).toBeVisible();
  const brief = manager.locator('main');
  await expect(brief).toContainText(SHARED);
  await expect(brief).toContainText('話を聞いてほしい');
  await expect(brief).toContainText(ANSWER);
  await expect(brief).toContainText('今回 2');
  await expect(brief).not.toContainText(DRAFT);
  await expectNoAxeViolations(manager, 'prep brief');
  await manager.goto(meetingPath);
  await expect(manager.getByRole('heading', { name: 'アジェンダ' })).toBeVisible();
  await expect(manager.locator('main')).toContainText(SHARED);
  await expect(manager.locator('main')).not.toContainText(DRAFT);
  await manager.goto('/');
  await expect(manager.locator('main')).not.toContainText(DRAFT);
  for (const path of [`/api${meetingPath}`, `/api${meetingPath}/prep-brief`, '/api/home', '/api/series']) {
    const body = await (await manager.request.get(path)).text();
    expect(body, path).not.toContain(DRAFT);
  }
  await manager.context().close();
  await report.context().close();
});

test('pages of the 1on1 cycle have no axe violations and fit 375 px, in ja and en', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await session(browser, demo.manager);
  const home = (await (await page.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; seriesId: string; myRole: string }[] };
  const mine = home.upcoming.find((u) => u.myRole === 'manager')!;
  const paths = ['/', '/one-on-ones', `/one-on-ones/${mine.seriesId}`, `/meetings/${mine.meeting.id}`, `/meetings/${mine.meeting.id}/prep`];
  for (const lang of ['ja', 'en'] as const) {
    await page.request.patch('/api/me', { data: { locale: lang }, headers: { origin: new URL(page.url()).origin } });
    for (const path of paths) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoAxeViolations(page, `${path} (${lang})`);
      await resizeAndSettle(page, 375);
      await expectNoHorizontalScroll(page, `${path} at 375 px (${lang})`);
    }
  }
  await page.request.patch('/api/me', { data: { locale: 'ja' }, headers: { origin: new URL(page.url()).origin } });
  await page.context().close();
});
