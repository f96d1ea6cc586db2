import { expect, expectNoAxeViolations, expectNoHorizontalScroll, loginAs, setLanguage, shootAtWidths, test } from './fixtures.js';

// Formality signals on the demo organisation: the demo manager sees a status-report nudge on their
// home, with its figures and a link to the series, and the series' signals; hr sees the manager
// practice table. ja and en, 1280 and 375 px, no axe violations.

const shots = 'docs/screenshots';

test('manager: nudges on the home page and the signals of a series', async ({ page }) => {
  await loginAs(page, 'manager');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    await page.goto('/');
    const section = page.getByRole('region', { name: lang === 'ja' ? '1on1を形だけにしないために' : 'Keeping your 1on1s from becoming a formality' });
    await expect(section).toBeVisible();
    // The status-report nudge for 加藤, with its figures ("n of m meetings, n of m topics").
    await expect(section.getByText(lang === 'ja' ? /直近\d+回のうち\d+回は業務報告が中心でした\(トピック\d+件中\d+件\)/ : /\d+ of the last \d+ meetings were mostly status reports \(\d+ of \d+ topics\)/)).toBeVisible();
    await expectNoHorizontalScroll(page, `home nudges ${lang}`);
    await expectNoAxeViolations(page, `home nudges ${lang}`);
    await shootAtWidths(page, `${shots}/formality-home-${lang}`);

    await section.getByRole('link', { name: lang === 'ja' ? '加藤 大輔さんとの1on1' : '1on1 with 加藤 大輔' }).click();
    const signals = page.getByRole('region', { name: lang === 'ja' ? '形骸化サイン' : 'Formality signals' });
    await expect(signals).toBeVisible();
    await expect(signals.getByText(lang === 'ja' ? '業務報告が中心の回' : 'Mostly status reports', { exact: true })).toBeVisible();
    await expectNoHorizontalScroll(page, `series signals ${lang}`);
    await expectNoAxeViolations(page, `series signals ${lang}`);
    await shootAtWidths(page, `${shots}/formality-series-${lang}`);
  }
});

test('a report sees no manager nudges', async ({ page }) => {
  await loginAs(page, 'member');
  await setLanguage(page, 'ja');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: /次の1on1|Next 1on1/ }).first()).toBeVisible();
  await expect(page.getByText('1on1を形だけにしないために')).toHaveCount(0);
});

test('hr: the manager practice table, sorted and filtered, ja and en, 1280 and 375', async ({ page }) => {
  await loginAs(page, 'hr');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: lang === 'ja' ? '上司ごとの実践状況' : 'Manager practice' }).click();
    await expect(page.getByRole('heading', { level: 1, name: lang === 'ja' ? '上司ごとの実践状況' : 'Manager practice' })).toBeVisible();
    const table = page.getByRole('table');
    await expect(table.getByRole('rowheader', { name: /田中 美咲/ })).toBeVisible();
    await expect(table.getByText(lang === 'ja' ? '業務報告化(1件の1on1)' : 'Status reports (in 1 1on1)')).toBeVisible();
    await expectNoHorizontalScroll(page, `practice ${lang}`);
    await expectNoAxeViolations(page, `practice ${lang}`);
    await shootAtWidths(page, `${shots}/practice-${lang}`);
    // Sorting by cancellations puts the order in the header for screen readers.
    await table.getByRole('button', { name: lang === 'ja' ? '中止で並べ替え' : 'Sort by Cancelled' }).click();
    await expect(table.getByRole('columnheader', { name: lang === 'ja' ? '中止で並べ替え' : 'Sort by Cancelled' })).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=cancelled/);
  }
});

test('the author of a topic worded as a status report is told so while writing it, and decides', async ({ page }) => {
  await loginAs(page, 'member');
  await setLanguage(page, 'ja');
  await page.goto('/');
  await page.getByRole('link', { name: '準備ページを開く' }).first().click();
  await page.getByRole('button', { name: 'トピックを追加' }).click();
  const title = page.getByRole('textbox', { name: 'トピック', exact: true });
  await title.fill('来期の挑戦について');
  await expect(page.getByText('この題名は業務報告のように読めます', { exact: false })).toHaveCount(0);
  await title.fill('今週の進捗報告');
  await expect(page.getByText('この題名は業務報告のように読めます', { exact: false })).toBeVisible();
  await expect(title).toHaveAccessibleDescription(/業務報告のように読めます/);
  // The author answers: not a status report. The answer is kept with the topic.
  const answer = page.getByRole('checkbox', { name: '業務報告ではありません', exact: false });
  await expect(answer).not.toBeChecked();
  await answer.check();
  await shootAtWidths(page, `${shots}/formality-topic-hint-ja`);
  const saved = page.waitForResponse((r) => r.url().includes('/topics') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '追加する', exact: true }).click();
  const body = (await (await saved).json()) as { title: string; statusReport: boolean | null };
  expect(body).toMatchObject({ title: '今週の進捗報告', statusReport: false });
});
