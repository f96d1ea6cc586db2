import type { Page } from '@playwright/test';
import { japaneseUiFragments } from './catalog.js';
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, loginAs, resizeAndSettle, setLanguage, test, type DemoRole } from './fixtures.js';

// Issue: the foundation — Japanese sign-in, roles, language switch, reporting-cycle errors, and
// every page free of axe-core violations and usable at 375 px.

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

test('the first page is the Japanese sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
  await expect(page.getByLabel('メールアドレス')).toBeVisible();
  await expectNoAxeViolations(page, 'sign-in');
});

test('a wrong password is refused with a Japanese message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('メールアドレス').fill('manager@demo.example');
  await page.getByLabel('パスワード').fill('wrong-password');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByText('メールアドレスまたはパスワードが正しくありません。')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the manager signs in and sees their direct reports; English changes every visible string', async ({ page }) => {
  await loginAs(page, 'manager');
  await expect(page.getByText('鈴木 翔太').first()).toBeVisible();
  await expect(page.getByText('小林 陽菜').first()).toBeVisible();

  await page.goto('/profile');
  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const fragments = japaneseUiFragments();
  expect(fragments.length).toBeGreaterThan(50);
  for (const path of ['/', '/team', '/employees', '/departments', '/profile', '/no-such-page']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const text = await visibleText(page);
    const left = fragments.filter((f) => text.includes(f));
    expect(left, `Japanese UI text left on ${path} in English`).toEqual([]);
  }
  // The choice is saved: a new session starts in English.
  await page.context().clearCookies();
  await loginAs(page, 'manager');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/profile');
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

test('making someone their own manager’s manager fails with a clear error in ja and en, and changes nothing', async ({ page }) => {
  await loginAs(page, 'admin');
  // Starts in Japanese whatever language an earlier spec left the admin in.
  await setLanguage(page, 'ja');
  await page.goto('/employees?q=manager%40demo.example');
  await page.getByRole('link', { name: '田中 美咲' }).click();
  const manager = page.getByRole('combobox', { name: '上司' });
  await manager.fill('鈴木');
  await page.getByRole('option', { name: /鈴木 翔太/ }).click();
  await page.getByRole('button', { name: '上司を保存' }).click();
  await expect(page.getByText(/報告ラインが循環します/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('combobox', { name: '上司' })).toHaveValue(/佐藤 健一/);

  await page.goto('/profile');
  await page.getByText('English', { exact: true }).click();
  await page.goto('/employees?q=manager%40demo.example');
  await page.getByRole('link', { name: '田中 美咲' }).click();
  const managerEn = page.getByRole('combobox', { name: 'Manager' });
  await managerEn.fill('鈴木');
  await page.getByRole('option', { name: /鈴木 翔太/ }).click();
  await page.getByRole('button', { name: /save manager/i }).click();
  await expect(page.getByText(/would create a reporting cycle/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Manager' })).toHaveValue(/佐藤 健一/);
  await page.goto('/profile');
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

const pagesByRole: Record<Exclude<DemoRole, 'newcomer'>, string[]> = {
  admin: ['/', '/employees', '/departments', '/profile', '/no-such-page'],
  hr: ['/', '/employees', '/departments', '/profile'],
  manager: ['/', '/team', '/employees', '/departments', '/profile'],
  member: ['/', '/employees', '/departments', '/profile'],
};

for (const [role, paths] of Object.entries(pagesByRole) as [Exclude<DemoRole, 'newcomer'>, string[]][]) {
  test(`every page of ${role} has no axe violations and fits 375 px`, async ({ page }) => {
    await loginAs(page, role);
    const employee = await page.evaluate(async () => {
      const r = await fetch('/api/employees?pageSize=1');
      return ((await r.json()) as { items: { id: string }[] }).items[0]!.id;
    });
    for (const path of [...paths, `/employees/${employee}`]) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, `${role} ${path}`);
      await resizeAndSettle(page, 375, 800);
      await expectNoHorizontalScroll(page, `${role} ${path} at 375 px`);
    }
  });
}
