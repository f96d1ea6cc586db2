import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';

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

/**
 * Saves the signed-in person's language and makes the page follow it on its next navigation. The saved
 * language outlives the test (the demo database is shared by every spec), so each session sets it.
 */
export async function setLanguage(page: Page, lang: 'ja' | 'en'): Promise<void> {
  await page.evaluate(async (l) => {
    const res = await fetch('/api/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: l }) });
    if (!res.ok) throw new Error(`PATCH /api/me answered ${res.status}`);
    localStorage.setItem('taiwa.lang', l);
  }, lang);
}

export interface SessionOptions {
  lang?: 'ja' | 'en';
  width?: number;
  /** For specs that run their own server. */
  baseURL?: string;
}

/**
 * A browser of its own for one person: signs in through the sign-in page and sets the person's saved
 * language (Japanese unless asked), so that no spec depends on a language another spec left behind.
 */
export async function openSession(browser: Browser, email: string, options: SessionOptions = {}): Promise<Page> {
  const lang = options.lang ?? 'ja';
  const ctx = await browser.newContext({
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    locale: lang === 'ja' ? 'ja-JP' : 'en-GB',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${email}] page error: ${e.message}`));
  await page.goto('/sign-in');
  await page.getByLabel(/メールアドレス|Email/).fill(email);
  await page.getByLabel(/パスワード|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
  await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
  await setLanguage(page, lang);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  return page;
}

/**
 * Resizes the page and waits until the layout has settled: every running transition or animation (the
 * navigation drawer closing at phone width, say) has finished and two frames have been drawn.
 */
export async function resizeAndSettle(page: Page, width: number, height = 900): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Fails when the page scrolls sideways at its current width. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal scroll on ${label}`).toBeLessThanOrEqual(0);
}

/**
 * Full-page screenshots at 1280 and 375 px into `${base}-${width}.png`; `ready` waits for what the
 * picture must show. The page is left at 1280 px.
 */
export async function shootAtWidths(page: Page, base: string, ready: (p: Page) => Promise<void> = async () => {}): Promise<void> {
  for (const width of [1280, 375]) {
    await resizeAndSettle(page, width);
    await ready(page);
    await page.screenshot({ path: `${base}-${width}.png`, fullPage: true });
  }
  await resizeAndSettle(page, 1280);
}

/** Runs axe-core on the current page and fails on any violation, listing them readably. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // A dialog fading in is half transparent: its colours would fail the contrast rule. Judge the page
  // once its transitions and animations have finished.
  // (Endless ones, such as a loader's spin, are left out.)
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export const test = base;
export { expect };
