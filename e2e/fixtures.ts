import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const demo = {
  admin: 'admin@demo.example',
  hr: 'hr@demo.example',
  manager: 'manager@demo.example',
  member: 'member@demo.example',
  newcomer: 'newcomer@demo.example',
} as const;
export type DemoRole = keyof typeof demo;
export const DEMO_PASSWORD = 'taiwa-demo';

/** Signs in through the sign-in page, as a person would, and waits for the home page. */
export async function loginAs(page: Page, role: DemoRole): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/メールアドレス|Email/).fill(demo[role]);
  await page.getByLabel(/パスワード|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Runs axe-core on the current page and fails on any violation, listing them readably. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export const test = base;
export { expect };
