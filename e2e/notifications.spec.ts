import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, loginAs, setLanguage, shootAtWidths, test } from './fixtures.js';

const dir = 'docs/screenshots';

async function shoot(page: Page, name: string, lang: 'ja' | 'en', heading: RegExp) {
  await page.goto(page.url(), { waitUntil: 'domcontentloaded' });
  await shootAtWidths(page, `${dir}/notify-${name}-${lang}`, (p) => expect(p.getByRole('heading', { level: 1, name: heading })).toBeVisible());
}

test.beforeAll(() => mkdirSync(dir, { recursive: true }));

test('the notification centre and settings work in Japanese and English, keyboard and axe clean', async ({ page }) => {
  test.setTimeout(300_000);
  await loginAs(page, 'member');
  await setLanguage(page, 'ja');

  // The bell in the header leads to the centre (its name says how many are unread, if any: earlier specs may have left some).
  await page.goto('/');
  await page.getByRole('link', { name: /^通知(\(未読なし\)| \d+件\(未読\))$/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: '通知' })).toBeVisible();
  await expectNoAxeViolations(page, 'notifications (ja)');
  await shoot(page, 'centre', 'ja', /^通知$/);

  await page.goto('/settings/notifications');
  await expect(page.getByRole('heading', { level: 1, name: '通知の設定' })).toBeVisible();
  await expect(page.getByText('メールはまだ送信されません')).toBeVisible();
  const digestMail = page.getByRole('checkbox', { name: '朝のまとめをメールで受け取る' });
  await expect(digestMail).not.toBeChecked();
  await digestMail.focus();
  await page.keyboard.press('Space');
  await expect(digestMail).toBeChecked();
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('通知の設定を保存しました')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: '朝のまとめをメールで受け取る' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'カレンダー招待をアプリ内で受け取る' })).toBeDisabled();

  await page.getByRole('button', { name: 'URLを発行する' }).click();
  const url = await page.getByRole('textbox', { name: 'カレンダーのURL' }).inputValue();
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await expectNoAxeViolations(page, 'notification settings (ja)');
  await page.screenshot({ path: `${dir}/notify-settings-feed-ja-1280.png`, fullPage: true });
  await shoot(page, 'settings', 'ja', /^通知の設定$/);
  await page.getByRole('button', { name: 'URLを無効にする' }).click();
  await expect(page.getByText('カレンダー用のURLはまだ発行されていません。')).toBeVisible();
  expect((await page.request.get(url)).status()).toBe(404);

  await setLanguage(page, 'en');
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expectNoAxeViolations(page, 'notifications (en)');
  await shoot(page, 'centre', 'en', /^Notifications$/);
  await page.goto('/settings/notifications');
  await expect(page.getByText('E-mail is not being sent yet')).toBeVisible();
  await expectNoAxeViolations(page, 'notification settings (en)');
  await shoot(page, 'settings', 'en', /^Notification settings$/);
  await setLanguage(page, 'ja');
});

test('admins read the outbox; others do not see it', async ({ page }) => {
  test.setTimeout(300_000);
  await loginAs(page, 'admin');
  await page.getByRole('link', { name: '送信メール' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '送信メール' })).toBeVisible();
  await expect(page.getByText('SMTP_URL が設定されていないため')).toBeVisible();
  await expectNoAxeViolations(page, 'outbox (ja)');
  await shoot(page, 'outbox', 'ja', /^送信メール$/);
});
