import { expect, expectNoAxeViolations, expectNoHorizontalScroll, loginAs, setLanguage, shootAtWidths, test } from './fixtures.js';

// The manager's team view on the demo organisation: a card per report with the next 1on1's
// preparation, the cadence, the condition trend and the signals; ja and en, 1280 and 375 px, no axe
// violations. A report has no team view.

const shots = 'docs/screenshots';

test('manager: the team view, ja and en, 1280 and 375', async ({ page }) => {
  await loginAs(page, 'manager');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    await page.goto('/team');
    const list = page.getByRole('region', { name: lang === 'ja' ? 'メンバーごとの状況' : 'Your reports at a glance' });
    const card = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '加藤 大輔' }) });
    await expect(card).toBeVisible();
    await expect(card.getByText(lang === 'ja' ? '次回の1on1' : 'Next 1on1', { exact: false })).toBeVisible();
    await expect(card.getByRole('img', { name: lang === 'ja' ? /加藤 大輔さんのコンディションの推移/ : /加藤 大輔's condition over the last/ })).toBeVisible();
    await expect(card.getByRole('link', { name: lang === 'ja' ? '準備メモを開く' : 'Open prep brief' })).toBeVisible();
    // The demo's focus report: their condition dipped in the last two check-ins against their baseline.
    const focus = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '鈴木 翔太' }) });
    await expect(focus.getByText(lang === 'ja' ? 'コンディションがいつもより低い状態が続いています' : 'Their condition has stayed below their usual level')).toBeVisible();
    await expectNoHorizontalScroll(page, `team ${lang}`);
    await expectNoAxeViolations(page, `team ${lang}`);
    await shootAtWidths(page, `${shots}/team-${lang}`);
  }
  // The language is the manager's own setting: back to Japanese for the specs after this one.
  await setLanguage(page, 'ja');
});

test('a report has no team view', async ({ page }) => {
  await loginAs(page, 'member');
  await setLanguage(page, 'ja');
  await page.goto('/team');
  await expect(page.getByText('メンバーはいません')).toBeVisible();
  await expect(page.getByRole('region', { name: 'メンバーごとの状況' })).toHaveCount(0);
});
