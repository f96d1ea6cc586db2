import { expect, expectNoAxeViolations, expectNoHorizontalScroll, loginAs, setLanguage, shootAtWidths, test } from './fixtures.js';

// hr and admin land on the organisation's home and read analytics in aggregate only, in ja and en,
// at 1280 and 375 px. The demo organisation has six months of history, so closed months have figures.

const shots = 'docs/screenshots';

test('hr: organisation home, analytics and drill-down, ja and en, 1280 and 375', async ({ page }) => {
  await loginAs(page, 'hr');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: lang === 'ja' ? '組織の1on1' : '1on1s across the organisation' })).toBeVisible();
    await expect(page.getByText(lang === 'ja' ? '実施率' : 'Implementation rate').first()).toBeVisible();
    // The member's own home is not what hr lands on; their navigation leads to analytics.
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: lang === 'ja' ? '組織分析' : 'Analytics' })).toBeVisible();
    await expectNoHorizontalScroll(page, `org home ${lang}`);
    await shootAtWidths(page, `${shots}/org-home-${lang}`);

    await page.goto('/analytics');
    await expect(page.getByRole('heading', { level: 1, name: lang === 'ja' ? '組織分析' : 'Analytics' })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    // The page says whether the months come from the monthly rollups (the job runs at start) or from the meetings now.
    await expect(page.getByTestId('analytics-rollups')).toHaveText(
      lang === 'ja' ? /月次集計/ : /monthly totals/,
    );
    await expectNoHorizontalScroll(page, `analytics ${lang}`);
    await expectNoAxeViolations(page, `analytics ${lang}`);
    await shootAtWidths(page, `${shots}/analytics-${lang}`);

    // Drill down into the development division: its small sub-departments are hidden with a reason.
    await page.getByRole('main').getByRole('link', { name: '株式会社ハルカゼ' }).click();
    await page.getByRole('main').getByRole('link', { name: '開発本部' }).click();
    await expect(page.getByText('開発本部', { exact: true }).last()).toBeVisible();
    await expectNoHorizontalScroll(page, `analytics drill-down ${lang}`);
    await shootAtWidths(page, `${shots}/analytics-drill-${lang}`);
  }
});
