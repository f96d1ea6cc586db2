import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { startTestIdp, type TestIdp } from '../src/server/test/oidcProvider.js';
import { DEMO_PASSWORD, demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, setLanguage, shootAtWidths, test } from './fixtures.js';

// A real OpenID Provider (oidc-provider) runs inside the test. The admin points Taiwa at it on the
// settings page, a demo member signs in through the provider in the browser and lands on their
// home, and someone of another domain is sent back to the sign-in page with a clear message.

const dir = 'docs/screenshots';
let idp: TestIdp;
let admin: Page;

test.beforeAll(async ({ baseURL }) => {
  mkdirSync(dir, { recursive: true });
  idp = await startTestIdp(`${baseURL}/api/auth/callback/sso`);
});

test.afterAll(async () => {
  // The demo database is shared by every spec: leave SSO off, as it was.
  if (admin) {
    await admin.evaluate(async (body) => {
      const res = await fetch('/api/admin/sso', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`PUT /api/admin/sso answered ${res.status}`);
    }, { enabled: false, issuer: idp.issuer, clientId: idp.clientId, allowedDomains: ['demo.example'], ssoOnly: false });
  }
  await idp?.close();
});

/** A browser of nobody, on the sign-in page. */
async function anonymous(browser: Browser, lang: 'ja' | 'en'): Promise<Page> {
  const ctx = await browser.newContext({ locale: lang === 'ja' ? 'ja-JP' : 'en-GB', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.addInitScript((l) => localStorage.setItem('taiwa.lang', l), lang);
  await page.goto('/sign-in');
  return page;
}

/** Clicks the SSO button and signs in at the provider's own login form. */
async function throughProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: /SSO でサインイン|Sign in with SSO/ }).click();
  await page.waitForURL((u) => u.origin === idp.issuer);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
}

test('the admin sets up SSO; a member signs in through the provider; another domain is refused', async ({ browser }) => {
  test.setTimeout(90_000);
  admin = await openSession(browser, demo.admin, { lang: 'ja' });
  await admin.goto('/admin/sso');
  await expect(admin.getByRole('heading', { level: 1, name: 'シングルサインオン(SSO)' })).toBeVisible();
  await expect(admin.getByText('まだ設定されていません')).toBeVisible();
  await expect(admin.getByRole('textbox', { name: 'リダイレクトURI' })).toHaveValue(/\/api\/auth\/callback\/sso$/);
  await expectNoAxeViolations(admin, 'SSO settings, empty');
  await shootAtWidths(admin, `${dir}/sso-settings-empty-ja`);

  // A wrong issuer: the connection test says why, on the field.
  await admin.getByLabel(/^Issuer URL/).fill('http://127.0.0.1:9');
  await admin.getByRole('button', { name: '接続テスト' }).click();
  await expect(admin.getByText(/設定情報\(\/\.well-known\/openid-configuration\)を取得できませんでした/)).toBeVisible();

  await admin.getByLabel(/^Issuer URL/).fill(idp.issuer);
  await admin.getByRole('button', { name: '接続テスト' }).click();
  await expect(admin.getByText('OpenID Provider として応答しました')).toBeVisible();
  await admin.getByLabel(/^クライアントID/).fill(idp.clientId);
  await admin.getByLabel(/^クライアントシークレット/).fill(idp.clientSecret);
  await admin.getByLabel(/^許可するドメイン/).fill('demo.example');
  await admin.getByLabel(/^SSOを有効にする/).check();
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText(/SSOの設定を保存しました。/)).toBeVisible();
  // The secret never comes back: the field is empty and says one is stored.
  await admin.reload();
  await expect(admin.getByLabel(/^クライアントシークレット/)).toHaveValue('');
  await expect(admin.getByText(/保存済みです/)).toBeVisible();
  await expectNoAxeViolations(admin, 'SSO settings, configured');
  await expectNoHorizontalScroll(admin, 'SSO settings');
  await shootAtWidths(admin, `${dir}/sso-settings-ja`);
  await setLanguage(admin, 'en');
  await admin.reload();
  await expect(admin.getByRole('heading', { level: 1, name: 'Single sign-on (SSO)' })).toBeVisible();
  await shootAtWidths(admin, `${dir}/sso-settings-en`);
  await setLanguage(admin, 'ja');

  // The sign-in page offers SSO, in both languages.
  for (const lang of ['ja', 'en'] as const) {
    const page = await anonymous(browser, lang);
    await expect(page.getByRole('button', { name: lang === 'ja' ? 'SSO でサインイン' : 'Sign in with SSO' })).toBeVisible();
    await expectNoAxeViolations(page, `sign-in with SSO (${lang})`);
    await shootAtWidths(page, `${dir}/sign-in-sso-${lang}`);
    await page.context().close();
  }

  // A demo member signs in through the provider and lands on their own home.
  const member = await anonymous(browser, 'ja');
  await throughProvider(member, demo.member);
  await expect(member).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(member.getByRole('heading', { level: 1, name: /翔太/ })).toBeVisible();
  const me = await member.evaluate(() => fetch('/api/me').then((r) => r.json() as Promise<{ email: string }>));
  expect(me.email).toBe(demo.member);
  await member.context().close();

  // Someone of another domain is sent back with a clear message.
  const stranger = await anonymous(browser, 'ja');
  await throughProvider(stranger, 'someone@elsewhere.example');
  await expect(stranger).toHaveURL(/\/sign-in\?error=sso_domain_not_allowed/);
  await expect(stranger.getByRole('alert')).toContainText('このメールアドレスのドメインは、この組織のサインインに使えません。');
  await expectNoAxeViolations(stranger, 'sign-in, SSO refused');
  await shootAtWidths(stranger, `${dir}/sign-in-sso-refused-ja`);
  const me2 = await stranger.evaluate(() => fetch('/api/me').then((r) => r.status));
  expect(me2).toBe(401);
  await stranger.context().close();

  // SSO only: the sign-in page offers SSO alone; an admin still opens the password form (break-glass).
  await admin.goto('/admin/sso');
  await admin.getByLabel(/^SSOのみでサインインする/).check();
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText(/SSOの設定を保存しました。/)).toBeVisible();
  for (const lang of ['ja', 'en'] as const) {
    const page = await anonymous(browser, lang);
    await expect(page.getByRole('button', { name: lang === 'ja' ? 'SSO でサインイン' : 'Sign in with SSO' })).toBeVisible();
    await expect(page.getByLabel(/パスワード|Password/)).toHaveCount(0);
    await expectNoAxeViolations(page, `sign-in, SSO only (${lang})`);
    await shootAtWidths(page, `${dir}/sign-in-sso-only-${lang}`);
    if (lang === 'ja') {
      await page.getByRole('link', { name: '管理者のパスワードでのサインイン' }).click();
      await page.getByLabel(/メールアドレス/).fill(demo.admin);
      await page.getByLabel(/^パスワード/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'サインイン', exact: true }).click();
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    }
    await page.context().close();
  }
});
