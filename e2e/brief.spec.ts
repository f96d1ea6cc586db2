import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { demo, DEMO_PASSWORD, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, setLanguage, test } from './fixtures.js';

// The complete prep brief on the demo organisation and the everyday defects of the meeting pages:
// carried-over action items, the report's view of the manager's support, starting a meeting days
// early, editing a schedule and an action item, forbidden deep links and the sign-in page.

const shots = 'docs/screenshots';

function session(browser: Browser, email: string, locale: 'ja' | 'en' = 'ja'): Promise<Page> {
  return openSession(browser, email, { lang: locale });
}

/** The manager's next meeting with 鈴木 (member@demo.example), from the API the page itself uses. */
async function nextWithMember(page: Page): Promise<{ meetingId: string; seriesId: string }> {
  const home = (await (await page.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; seriesId: string; partner: { familyName: string } }[] };
  const u = home.upcoming.find((x) => x.partner.familyName === '鈴木')!;
  return { meetingId: u.meeting.id, seriesId: u.seriesId };
}

test.beforeAll(() => mkdirSync(shots, { recursive: true }));

test('the demo manager’s prep brief: open action items of both sides, the last minutes, recent feedback and the report’s goals; ja and en at 1280 and 375 px', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await session(browser, demo.manager);
  const { meetingId } = await nextWithMember(page);
  const brief = (await (await page.request.get(`/api/meetings/${meetingId}/prep-brief`)).json()) as {
    actionItems: { title: string; ownerRole: string; support: boolean }[];
    lastMinutes: { meeting: { id: string } } | null;
  };
  expect(brief.actionItems.some((a) => a.ownerRole === 'report')).toBe(true);
  expect(brief.actionItems.some((a) => a.ownerRole === 'manager' && a.support)).toBe(true);
  expect(brief.lastMinutes).not.toBeNull();

  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/meetings/${meetingId}/prep`);
    const actions = page.locator('section[aria-labelledby="prep-actions"]');
    await expect(actions.getByRole('heading', { name: lang === 'ja' ? '未完了のアクションアイテム' : 'Open action items' })).toBeVisible();
    for (const item of brief.actionItems) await expect(actions).toContainText(item.title);
    await expect(actions).toContainText(lang === 'ja' ? '上司のサポート' : 'Manager support');
    const minutes = page.locator('section[aria-labelledby="prep-minutes"]');
    await expect(minutes.getByRole('link', { name: lang === 'ja' ? /の議事録を開く/ : /Open the minutes of/ })).toHaveAttribute(
      'href',
      `/meetings/${brief.lastMinutes!.meeting.id}/minutes`,
    );
    await expect(page.locator('section[aria-labelledby="prep-feedback"]')).toBeVisible();
    await expect(page.getByRole('heading', { name: lang === 'ja' ? '鈴木さんの目標' : "鈴木's goals" })).toBeVisible();
    await expectNoAxeViolations(page, `prep brief (${lang})`);
    await page.screenshot({ path: `${shots}/brief-prep-${lang}-1280.png`, fullPage: true });
    await resizeAndSettle(page, 375);
    await expect(actions).toBeVisible();
    await expectNoHorizontalScroll(page, `the prep brief at 375 px (${lang})`);
    await page.screenshot({ path: `${shots}/brief-prep-${lang}-375.png`, fullPage: true });
  }
  await setLanguage(page, 'ja');
  await page.context().close();
});

test('the preparation page carries the pair’s open action items over; the report sees the manager’s support and can edit their own item', async ({ browser }) => {
  test.setTimeout(120_000);
  const report = await session(browser, demo.member);
  const home = (await (await report.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; myRole: string }[] };
  const next = home.upcoming.find((u) => u.myRole === 'report')!;
  await report.goto(`/meetings/${next.meeting.id}`);
  const carried = report.locator('#carried-items');
  await expect(carried.getByRole('heading', { name: '持ち越しのアクションアイテム' })).toBeVisible();
  await expect(carried.getByRole('listitem').first()).toBeVisible();
  await expect(carried).toContainText('上司のサポート');

  await report.goto('/action-items?tab=support');
  await expect(report.getByRole('tab', { name: '上司のサポート' })).toHaveAttribute('aria-selected', 'true');
  const support = report.getByRole('tabpanel').getByRole('listitem');
  await expect(support.first()).toContainText('上司のサポート');
  await expectNoAxeViolations(report, 'action items, support tab');

  await report.goto('/action-items');
  const first = report.getByRole('tabpanel').getByRole('listitem').first();
  const title = (await first.locator('p').first().textContent())!;
  await first.getByRole('button', { name: `「${title}」を編集` }).click();
  const dialog = report.getByRole('dialog', { name: 'アクションアイテムを編集' });
  await dialog.getByLabel(/何を/).fill(`${title}(見直し)`);
  await expectNoAxeViolations(report, 'edit action item');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(report.getByRole('tabpanel')).toContainText(`${title}(見直し)`);
  await report.context().close();
});

test('starting a meeting weeks ahead asks first; cancelling leaves it scheduled', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await session(browser, demo.manager);
  const { seriesId } = await nextWithMember(page);
  const list = (await (await page.request.get(`/api/series/${seriesId}/meetings?when=upcoming&pageSize=5`)).json()) as { items: { id: string; status: string }[] };
  const later = list.items.filter((m) => m.status === 'scheduled')[2]!;
  await page.goto(`/meetings/${later.id}`);
  await page.getByRole('button', { name: '1on1を始める' }).click();
  const dialog = page.getByRole('dialog', { name: 'まだ予定の時刻ではありません' });
  await expect(dialog).toContainText('今始めると実施中になり');
  await expectNoAxeViolations(page, 'early start dialog');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/meetings/${later.id}$`));
  const flow = (await (await page.request.get(`/api/meetings/${later.id}/flow`)).json()) as { meeting: { status: string } };
  expect(flow.meeting.status).toBe('scheduled');
  await page.context().close();
});

test('cancelling a meeting asks for the kind of reason and keeps the reason’s text for the pair', async ({ browser }) => {
  const page = await session(browser, demo.manager);
  const { seriesId } = await nextWithMember(page);
  const list = (await (await page.request.get(`/api/series/${seriesId}/meetings?when=upcoming&pageSize=8`)).json()) as { items: { id: string; status: string }[] };
  // Far enough ahead that no other check of the demo data looks at it.
  const far = list.items.filter((m) => m.status === 'scheduled').at(-1)!;
  await page.goto(`/meetings/${far.id}`);
  await page.getByRole('button', { name: '中止', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /の1on1を中止しますか/ });
  await dialog.getByRole('textbox', { name: '理由', exact: true }).fill('全社研修と重なったため');
  await dialog.getByRole('button', { name: '中止する' }).click();
  // Without a kind the dialog says so and sends nothing.
  const kind = dialog.getByLabel('理由の種類');
  await expect(kind).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();
  await kind.click();
  await page.getByRole('option', { name: 'ほかの予定と重なった' }).click();
  await expectNoAxeViolations(page, 'cancel dialog');
  await resizeAndSettle(page, 375);
  await page.screenshot({ path: `${shots}/meeting-cancel-ja-375.png` });
  await resizeAndSettle(page, 1280);
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${far.id}/cancel`));
  await dialog.getByRole('button', { name: '中止する' }).click();
  expect((await saved).status()).toBe(200);
  await expect(dialog).toBeHidden();
  const after = (await (await page.request.get(`/api/meetings/${far.id}`)).json()) as { meeting: { status: string; reason: string } };
  expect(after.meeting).toMatchObject({ status: 'cancelled', reason: '全社研修と重なったため' });
  await page.context().close();
});

test('the manager changes a series’ weekday and time from its page', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await session(browser, demo.manager);
  const all = (await (await page.request.get('/api/series')).json()) as { items: { id: string; myRole: string; report: { familyName: string } }[] };
  const other = all.items.find((s) => s.myRole === 'manager' && s.report.familyName !== '鈴木')!;
  await page.goto(`/one-on-ones/${other.id}`);
  await page.getByRole('button', { name: 'スケジュールを変更' }).click();
  const dialog = page.getByRole('dialog', { name: 'スケジュールを変更' });
  await dialog.getByRole('combobox', { name: '頻度' }).click();
  await page.getByRole('option', { name: '毎週', exact: true }).click();
  await dialog.getByRole('combobox', { name: '曜日' }).click();
  await page.getByRole('option', { name: '金曜日' }).click();
  await dialog.getByLabel('開始時刻').fill('16:00');
  await expectNoAxeViolations(page, 'schedule edit');
  await dialog.getByRole('button', { name: 'スケジュールを保存' }).click();
  // Replacing the future meetings can take a while on a busy machine: wait for the dialog to close.
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByText('スケジュールを変更しました。')).toBeVisible();
  const updated = (await (await page.request.get(`/api/series/${other.id}`)).json()) as { schedule: { cadence: string; weekday: number; startTime: string } };
  expect(updated.schedule).toMatchObject({ cadence: 'weekly', weekday: 5, startTime: '16:00' });
  await page.context().close();
});

test('a forbidden deep link answers at once (one request, no retries) and the sign-in page logs no error', async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await session(browser, demo.manager);
  const { meetingId } = await nextWithMember(manager);
  await manager.context().close();

  const ctx = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/sign-in');
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  expect(errors).toEqual([]);

  await page.getByLabel('メールアドレス').fill(demo.newcomer);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/$/);
  let calls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/meetings/${meetingId}/prep-brief`)) calls++;
  });
  await page.goto(`/meetings/${meetingId}/prep`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText('読み込み中…')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  // One request: no retries of the 403 (there were four before), and the page uses the answer its
  // route's preload already has instead of asking again.
  expect(calls).toBe(1);
  await ctx.close();
});

test('a deep link opened after the session ended goes to sign-in and back, and the page then shows its data', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await session(browser, demo.manager);
  const { meetingId } = await nextWithMember(page);
  // The session ends, but this browser remembers that someone was signed in: the page's data is asked
  // for before the session is checked, and refused.
  await page.context().clearCookies();
  await page.goto(`/meetings/${meetingId}/prep`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('メールアドレス').fill(demo.manager);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/prep$`));
  await expect(page.locator('section[aria-labelledby="prep-actions"]')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /サインイン|401/ })).toHaveCount(0);
  await page.context().close();
});
