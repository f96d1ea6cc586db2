import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, openSession, setLanguage, test } from './fixtures.js';

// The admin connects a generic (signed JSON) webhook to a receiver on this machine, a 1on1 is
// scheduled, the receiver gets the event with a signature it can check with the secret shown once,
// and the delivery log shows it. Members, managers and hr have no link and are refused at the door.

const dir = 'docs/screenshots';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];

test.beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/taiwa-hook`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const origin = (p: Page) => new URL(p.url()).origin;

/** The page fits the viewport: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function shoot(page: Page, name: string, lang: 'ja' | 'en', widths: number[], heading: RegExp) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '社内システム' })).toBeVisible();
    if (width === 375) await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${dir}/${name}-${lang}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an admin adds a signed webhook, a scheduled 1on1 reaches the receiver with a valid signature, and the log shows it', async ({ browser }) => {
  // The job queue looks for new events once a minute, so the delivery can take up to two minutes.
  test.setTimeout(300_000);
  const admin = await openSession(browser, demo.admin);

  // The navigation leads to the page, next to the outbox; at first it says what a webhook is for.
  await admin.getByRole('link', { name: 'Webhook連携' }).click();
  await expect(admin).toHaveURL(/\/admin\/webhooks$/);
  await expect(admin.getByRole('heading', { level: 1, name: 'Webhook連携' })).toBeVisible();
  await expect(admin.getByText('Webhookはまだありません')).toBeVisible();
  await expect(admin.getByText(/トピックやメモの内容は送られません/)).toBeVisible();
  await expectNoAxeViolations(admin, 'webhooks, empty (ja)');

  // The server's validation comes back per field, in Japanese.
  await admin.getByRole('button', { name: 'Webhookを追加' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Webhookを追加' });
  await dialog.getByLabel('送信先URL').fill('ftp://example.test/hook');
  await dialog.getByRole('checkbox', { name: '1on1の予定' }).uncheck();
  await dialog.getByRole('checkbox', { name: '議事録の共有' }).uncheck();
  await dialog.getByRole('button', { name: '追加する' }).click();
  await expect(dialog.getByText('http:// または https:// で始まるURLを入力してください。')).toBeVisible();
  await expect(dialog.getByText('送るイベントを1つ以上選んでください。')).toBeVisible();
  await expect(dialog.getByText('入力してください。', { exact: true })).toBeVisible();
  await expect(dialog.getByLabel('送信先URL')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(admin, 'add webhook with errors (ja)');

  // On a phone: cancelling empties the form; the same errors fit the screen.
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await admin.setViewportSize({ width: 375, height: 900 });
  await admin.getByRole('button', { name: 'Webhookを追加' }).click();
  await expect(dialog.getByLabel('送信先URL')).toHaveValue('');
  await expect(dialog.getByRole('checkbox', { name: '1on1の予定' })).toBeChecked();
  await dialog.getByLabel('送信先URL').fill('ftp://example.test/hook');
  await dialog.getByRole('button', { name: '追加する' }).click();
  await expect(dialog.getByText('http:// または https:// で始まるURLを入力してください。')).toBeVisible();
  await expectNoSidewaysScroll(admin);
  await admin.screenshot({ path: `${dir}/webhooks-add-ja-375.png`, fullPage: true });

  // A generic webhook for the 1on1-scheduled event only, pointing at the local receiver.
  await dialog.getByLabel('名前').fill('社内システム');
  await dialog.getByLabel('送信先URL').fill(receiverUrl);
  await dialog.getByRole('radio', { name: '汎用(署名付きJSON)' }).check();
  await dialog.getByRole('checkbox', { name: '議事録の共有' }).uncheck();
  await dialog.getByRole('button', { name: '追加する' }).click();

  // The signing secret is shown once, with how to check the signature header.
  const secretDialog = admin.getByRole('dialog', { name: '署名用シークレット' });
  await expect(secretDialog.getByText('このシークレットは今だけ表示されます', { exact: false })).toBeVisible();
  await expect(secretDialog.getByText(/x-taiwa-signature/)).toBeVisible();
  const secret = await secretDialog.getByLabel('署名用シークレット').inputValue();
  expect(secret).toMatch(/^[\w-]{32}$/);
  await expectNoAxeViolations(admin, 'webhook secret (ja)');
  await expectNoSidewaysScroll(admin);
  await admin.screenshot({ path: `${dir}/webhooks-secret-ja-375.png`, fullPage: true });
  await secretDialog.getByRole('button', { name: 'シークレットを保存しました' }).click();
  await expect(secretDialog).toBeHidden();
  await admin.setViewportSize({ width: 1280, height: 900 });

  // The list shows it, shortened, with its format, events and switch; the secret is not shown again.
  const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: '社内システム' }) });
  await expect(row.getByText(/^127\.0\.0\.1:\d+\/taiwa-hook$/)).toBeVisible();
  await expect(row.getByText('汎用(署名付きJSON)')).toBeVisible();
  await expect(row.getByRole('listitem').filter({ hasText: '1on1の予定' })).toBeVisible();
  await expect(row.getByRole('listitem').filter({ hasText: '議事録の共有' })).toHaveCount(0);
  await expect(row.getByRole('switch', { name: '社内システム を有効にする' })).toBeChecked();
  await expect(admin.getByText(secret)).toHaveCount(0);
  await expectNoAxeViolations(admin, 'webhooks list (ja)');
  await shoot(admin, 'webhooks', 'ja', [1280, 375], /^Webhook連携$/);
  await setLanguage(admin, 'en');
  await shoot(admin, 'webhooks', 'en', [1280, 375], /^Webhooks$/);
  await expect(admin.getByText('Generic (signed JSON)')).toBeVisible();
  await expectNoAxeViolations(admin, 'webhooks list (en)');
  await setLanguage(admin, 'ja');
  await admin.reload();

  // The member asks for an extra 1on1; the job queue announces it within seconds (the change starts a run).
  const member = await openSession(browser, demo.member);
  const home = (await (await member.request.get('/api/home')).json()) as { upcoming: { seriesId: string }[] };
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCHours(6, 15, 0, 0);
  const extra = await member.request.post(`/api/series/${home.upcoming[0]!.seriesId}/meetings`, {
    headers: { origin: origin(member) },
    data: { startsAt: startsAt.toISOString(), durationMinutes: 30, reason: 'Webhookの確認' },
  });
  expect(extra.status()).toBe(201);
  const meetingId = ((await extra.json()) as { id: string }).id;
  const forMeeting = () => received.filter((r) => r.body.includes(meetingId));
  await expect.poll(() => forMeeting().length, { timeout: 30_000, intervals: [500] }).toBe(1);

  // The receiver checks the signature with the secret it was given.
  const [got] = forMeeting();
  const timestamp = String(got!.headers['x-taiwa-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${got!.body}`).digest('hex')}`;
  expect(got!.headers['x-taiwa-signature']).toBe(expected);
  const payload = JSON.parse(got!.body) as { event: string; data: Record<string, string> };
  expect(payload.event).toBe('meetingScheduled');
  expect(payload.data.meetingId).toBe(meetingId);
  expect(payload.data.startsAt).toBe(startsAt.toISOString());
  expect(Object.keys(payload.data).sort()).toEqual(['link', 'manager', 'meetingId', 'report', 'startsAt', 'url']);

  // The delivery log shows the delivery and its attempt, newest first, in the admin's time zone.
  await row.getByRole('link', { name: '社内システム の配信ログ' }).click();
  await expect(admin).toHaveURL(/\/admin\/webhooks\/[\w-]+$/);
  await expect(admin.getByRole('heading', { level: 1, name: '社内システム の配信ログ' })).toBeVisible();
  const deliveries = admin.getByRole('list', { name: '配信の一覧' }).getByRole('listitem').filter({ hasText: '1on1の予定' });
  await expect(deliveries.first()).toBeVisible();
  await expect(deliveries.filter({ hasText: '配信済み' }).filter({ hasText: '1回目' }).filter({ hasText: 'HTTP 204' }).first()).toBeVisible();
  await expectNoAxeViolations(admin, 'webhook log (ja)');
  await admin.screenshot({ path: `${dir}/webhooks-log-ja-1280.png`, fullPage: true });
  await admin.setViewportSize({ width: 375, height: 900 });
  await expectNoSidewaysScroll(admin);
  await admin.setViewportSize({ width: 1280, height: 900 });

  // Switching it off and on again, then removing it after a confirmation.
  await admin.getByRole('link', { name: 'Webhook連携に戻る' }).click();
  const toggle = admin.getByRole('switch', { name: '社内システム を有効にする' });
  await toggle.click({ force: true });
  await expect(toggle).not.toBeChecked();
  await expect(row.getByText('停止中')).toBeVisible();
  await toggle.click({ force: true });
  await expect(toggle).toBeChecked();
  await expect(row.getByText('停止中')).toHaveCount(0);
  await row.getByRole('button', { name: '社内システム を削除' }).click();
  const confirm = admin.getByRole('dialog', { name: 'Webhookを削除しますか?' });
  await expect(confirm.getByText('「社内システム」とその配信ログを削除します。', { exact: false })).toBeVisible();
  await confirm.getByRole('button', { name: '削除する' }).click();
  await expect(admin.getByText('Webhookはまだありません')).toBeVisible();
  await admin.context().close();
  await member.context().close();
});

test('members, managers and hr have no link to webhooks and are refused on a direct visit', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const email of [demo.member, demo.manager, demo.hr]) {
    const page = await openSession(browser, email);
    await expect(page.getByRole('link', { name: '通知の設定' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Webhook連携' })).toHaveCount(0);
    await page.goto('/admin/webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook連携' })).toBeVisible();
    await expect(page.getByText('このページは管理者のみ利用できます。')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Webhookを追加' })).toHaveCount(0);
    await page.goto('/admin/webhooks/00000000-0000-4000-8000-000000000000');
    await expect(page.getByText('このページは管理者のみ利用できます。')).toBeVisible();
    await page.context().close();
  }
});
