import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, openSession, setLanguage, test } from './fixtures.js';

// A manager creates a read token on the profile page, sees its secret once, calls the API with it
// from outside the browser, cannot write with it, revokes it, and the same call answers 401.

const dir = 'docs/screenshots';

/** The tokens section fits the viewport: nothing in it reaches past the right edge. */
async function expectSectionFits(page: Page, section: Locator) {
  const width = page.viewportSize()!.width;
  const overflow = await section.evaluate((el, w) => {
    const right = Math.max(el.getBoundingClientRect().right, ...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
    return Math.max(right - w, el.scrollWidth - el.clientWidth);
  }, width);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Calls the API as a script would: the token only, no cookie, no Origin. */
async function apiCall(page: Page, method: string, path: string, secret: string, body?: unknown) {
  const res = await fetch(new URL(path, page.url()), {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('a person creates an API token, uses it from a script, and revokes it', async ({ browser }) => {
  test.setTimeout(180_000);
  mkdirSync(dir, { recursive: true });
  const page = await openSession(browser, demo.manager);
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'APIトークン' });
  await expect(section.getByText('APIトークンはまだありません')).toBeVisible();
  await expectNoAxeViolations(page, 'profile, no tokens (ja)');
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 375) await expectSectionFits(page, section);
    await section.screenshot({ path: `${dir}/api-tokens-empty-ja-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A name is required; the admin scope is not offered to a manager.
  await section.getByRole('button', { name: 'トークンを発行' }).click();
  await expect(section.getByText('入力してください。', { exact: true })).toBeVisible();
  await section.getByRole('textbox', { name: '名前' }).fill('勤怠システム連携');
  await section.getByRole('combobox', { name: '権限' }).click();
  await expect(page.getByRole('option', { name: '読み取りと変更' })).toBeVisible();
  await expect(page.getByRole('option', { name: /管理/ })).toHaveCount(0);
  await page.getByRole('option', { name: '読み取り', exact: true }).click();
  await section.getByRole('button', { name: 'トークンを発行' }).click();

  // The secret is shown once; the list shows the token by its first characters only.
  const secretBox = section.getByRole('textbox', { name: 'トークン', exact: true });
  await expect(secretBox).toBeVisible();
  const secret = await secretBox.inputValue();
  expect(secret).toMatch(/^taiwa_[\w-]{43}$/);
  const row = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '勤怠システム連携' }) });
  await expect(row.getByText('読み取り', { exact: true })).toBeVisible();
  await expect(row.getByText('未使用', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page, 'profile, token created (ja)');
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 375) await expectSectionFits(page, section);
    await section.screenshot({ path: `${dir}/api-tokens-created-ja-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // From outside the browser: it reads as its owner, and cannot write.
  const me = await apiCall(page, 'GET', '/api/me', secret);
  expect(me.status).toBe(200);
  expect(me.body.email).toBe(demo.manager);
  const write = await apiCall(page, 'PATCH', '/api/me', secret, { timeZone: 'Europe/Paris' });
  expect(write.status).toBe(403);

  // Hidden after closing, and not shown again after a reload; the list now shows its last use.
  await section.getByRole('button', { name: '表示を閉じる' }).click();
  await expect(secretBox).toBeHidden();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(row.getByText(/最終使用/)).toBeVisible();

  // English.
  await setLanguage(page, 'en');
  await page.reload();
  const en = page.getByRole('region', { name: 'API tokens' });
  await expect(en.getByRole('heading', { name: '勤怠システム連携' })).toBeVisible();
  await expectNoAxeViolations(page, 'profile, token list (en)');
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 375) await expectSectionFits(page, en);
    await en.screenshot({ path: `${dir}/api-tokens-list-en-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Revoking asks first, then the token answers 401.
  await en.getByRole('button', { name: 'Revoke “勤怠システム連携”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke API token' });
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();
  await expect(en.getByText('No API tokens yet')).toBeVisible();
  expect((await apiCall(page, 'GET', '/api/me', secret)).status).toBe(401);
  await setLanguage(page, 'ja');
});
