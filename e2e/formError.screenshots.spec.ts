import { mkdirSync } from 'node:fs';
import { demo, expect, expectNoAxeViolations, test } from './fixtures.js';

// A refused submission as every form shows it (FormError: what failed, the server's words in the
// reader's language), at 1280 and 375 px in Japanese and English (docs/screenshots/sign-in-failed-*.png).
// Run with the `screenshots` project.

const dir = 'docs/screenshots';
const words = {
  ja: { email: 'メールアドレス', password: 'パスワード', submit: 'サインイン', failed: 'サインインできませんでした' },
  en: { email: 'Email address', password: 'Password', submit: 'Sign in', failed: 'Could not sign in' },
} as const;

test.beforeAll(() => mkdirSync(dir, { recursive: true }));

for (const lang of ['ja', 'en'] as const) {
  test(`a refused sign-in, in ${lang}`, async ({ page }) => {
    const w = words[lang];
    await page.goto('/sign-in');
    await page.evaluate((l) => localStorage.setItem('taiwa.lang', l), lang);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/sign-in');
      await page.getByLabel(w.email).fill(demo.manager);
      await page.getByRole('textbox', { name: w.password }).fill('not-the-password');
      await page.getByRole('button', { name: w.submit, exact: true }).click();
      const alert = page.getByRole('alert').filter({ hasText: w.failed });
      await expect(alert).toBeVisible();
      await expect(page.getByRole('button', { name: w.submit, exact: true })).toBeEnabled();
      await expectNoAxeViolations(page, `sign-in failed ${lang} ${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${dir}/sign-in-failed-${lang}-${width}.png`, fullPage: true });
    }
  });
}
