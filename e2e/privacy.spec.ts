import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, test } from './fixtures.js';

// Personal data rights (APPI, ADR 0213): the member withdraws their consent to condition check-ins
// (keeping the past ones), is asked again before the next check-in — declining stores nothing,
// agreeing stores it — and downloads all their data as a readable document and as JSON, with a
// progress indicator. The admin's anonymise dialog names the person and waits for the typed name.

const dir = 'docs/screenshots';
test.beforeAll(() => mkdirSync(dir, { recursive: true }));

/** Both widths of an element (a section or an open dialog). */
async function shoot(page: Page, selector: string, base: string) {
  for (const width of [1280, 375]) {
    await resizeAndSettle(page, width);
    await expectNoHorizontalScroll(page, `${base} at ${width}`);
    await page.locator(selector).screenshot({ path: `${base}-${width}.png` });
  }
  await resizeAndSettle(page, 1280);
}

async function nextMeetingPath(page: Page): Promise<string> {
  const list = (await (await page.request.get('/api/series')).json()) as { items: { id: string; report: { familyName: string } }[] };
  const s = list.items.find((i) => i.report.familyName === '鈴木')!;
  const meetings = (await (await page.request.get(`/api/series/${s.id}/meetings`)).json()) as { items: { id: string; status: string; startsAt: string }[] };
  // The next meeting the member has not checked in for yet (a previous run may have used one).
  for (const m of meetings.items.filter((i) => i.status === 'scheduled' && new Date(i.startsAt) > new Date())) {
    const detail = (await (await page.request.get(`/api/meetings/${m.id}`)).json()) as { checkIn: unknown };
    if (detail.checkIn === null) return `/meetings/${m.id}`;
  }
  throw new Error('no upcoming meeting without a check-in');
}

test('consent to check-ins is asked once and can be withdrawn; my data downloads as HTML and JSON', async ({ browser }) => {
  test.setTimeout(240_000);
  const member = await openSession(browser, demo.member);
  // The demo member consented before their first check-in (the seed); a previous run may have withdrawn.
  const put = await member.request.put('/api/me/check-in-consent', { data: { statementVersion: 1 }, headers: { origin: new URL(member.url()).origin } });
  expect(put.status()).toBe(200);
  await member.goto('/profile');
  const section = member.locator('section[aria-labelledby="profile-privacy"]');
  await expect(section.getByRole('heading', { name: '個人データとプライバシー' })).toBeVisible();
  await expect(section.getByTestId('consent-state')).toContainText('同意しました');

  // Withdraw, keeping the past check-ins.
  await section.getByRole('button', { name: '同意を撤回する' }).click();
  const withdraw = member.getByRole('dialog');
  await expect(withdraw.getByRole('heading', { name: 'コンディション記録への同意を撤回' })).toBeVisible();
  await withdraw.getByLabel(/^残す/).check();
  await withdraw.getByRole('button', { name: '撤回する' }).click();
  await expect(member.getByText('同意を撤回しました').first()).toBeVisible();
  await expect(section.getByTestId('consent-state')).toContainText('撤回しました');
  await expectNoAxeViolations(member, 'profile privacy (ja)');
  await shoot(member, 'section[aria-labelledby="profile-privacy"]', `${dir}/privacy-profile-ja`);

  // The next check-in asks for consent; declining stores nothing.
  const meetingPath = await nextMeetingPath(await openSession(browser, demo.manager));
  const meetingId = meetingPath.split('/').pop()!;
  await member.goto(meetingPath);
  // A low score: the demo member's recent dip stays a sustained drop for the team view's spec.
  await member.getByLabel('2 悪い').check();
  await member.getByLabel('ひとこと(任意)').fill('少し寝不足です');
  await member.getByRole('button', { name: '記録する' }).click();
  const dialog = member.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'コンディション記録への同意' })).toBeVisible();
  await expect(dialog).toContainText('5人以上');
  await expectNoAxeViolations(member, 'consent dialog (ja)');
  await shoot(member, '[role="dialog"]', `${dir}/privacy-consent-ja`);
  await dialog.getByRole('button', { name: '同意しない' }).click();
  await expect(member.getByText('同意しなかったため、コンディションは保存していません。')).toBeVisible();
  await expect(dialog).toBeHidden();
  const detail = (await (await member.request.get(`/api/meetings/${meetingId}`)).json()) as { checkIn: unknown };
  expect(detail.checkIn).toBeNull();

  // Agreeing stores the consent and the check-in.
  await member.getByRole('button', { name: '記録する', exact: true }).click();
  await member.getByRole('dialog').getByRole('button', { name: '同意して記録する' }).click();
  await expect(member.getByText('コンディションを記録しました')).toBeVisible();
  const saved = (await (await member.request.get(`/api/meetings/${meetingId}`)).json()) as { checkIn: { score: number } | null };
  expect(saved.checkIn?.score).toBe(2);

  // Download my data: the readable document, then JSON; a progress indicator shows while it is prepared.
  await member.goto('/profile');
  await member.route('**/api/me/export.html', async (route) => {
    // Hold the answer a moment so the progress indicator can be seen, then let it through.
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  const htmlDownload = member.waitForEvent('download');
  await section.getByRole('button', { name: /読みやすい形式/ }).click();
  await expect(section.getByRole('status')).toContainText('データをまとめています');
  const html = await htmlDownload;
  expect(html.suggestedFilename()).toMatch(/^taiwa-personal-data-\d{4}-\d{2}-\d{2}\.html$/);
  const htmlText = readFileSync((await html.path())!, 'utf8');
  expect(htmlText).toContain('個人データの書き出し');
  expect(htmlText).toContain('少し寝不足です');
  await expect(member.getByText('書き出したファイルを保存しました').first()).toBeVisible();
  const jsonDownload = member.waitForEvent('download');
  await section.getByRole('button', { name: /JSON/ }).click();
  const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as { format: string; profile: { email: string }; checkInConsents: unknown[] };
  expect(json.format).toBe('taiwa-personal-data');
  expect(json.profile.email).toBe(demo.member);
  expect(json.checkInConsents.length).toBeGreaterThanOrEqual(2);

  // English.
  const memberEn = await openSession(browser, demo.member, { lang: 'en' });
  await memberEn.goto('/profile');
  const sectionEn = memberEn.locator('section[aria-labelledby="profile-privacy"]');
  await expect(sectionEn.getByRole('heading', { name: 'Your data and privacy' })).toBeVisible();
  await expect(sectionEn.getByTestId('consent-state')).toContainText('You consented on');
  await shoot(memberEn, 'section[aria-labelledby="profile-privacy"]', `${dir}/privacy-profile-en`);
  await sectionEn.getByRole('button', { name: 'Withdraw consent' }).click();
  await expect(memberEn.getByRole('dialog').getByText('Delete them all')).toBeVisible();
  await memberEn.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // The consent dialog in English, from the profile (the same statement as before a check-in).
  await memberEn.evaluate(async () => {
    await fetch('/api/me/check-in-consent/withdraw', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deletePastCheckIns: false }) });
  });
  await memberEn.reload();
  await sectionEn.getByRole('button', { name: 'Read the statement and consent' }).click();
  await expect(memberEn.getByRole('dialog').getByRole('heading', { name: 'Consent to condition check-ins' })).toBeVisible();
  await expectNoAxeViolations(memberEn, 'consent dialog (en)');
  await shoot(memberEn, '[role="dialog"]', `${dir}/privacy-consent-en`);
  await memberEn.getByRole('dialog').getByRole('button', { name: 'Agree', exact: true }).click();
  await expect(sectionEn.getByTestId('consent-state')).toContainText('You consented on');
});

test('the admin’s anonymise dialog names the person and needs their name typed', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const lang of ['ja', 'en'] as const) {
    const admin = await openSession(browser, demo.admin, { lang });
    const list = (await (await admin.request.get('/api/employees?q=newcomer')).json()) as { items: { id: string }[] };
    const found = list.items[0] ?? ((await (await admin.request.get('/api/employees?q=小林')).json()) as { items: { id: string }[] }).items[0]!;
    await admin.goto(`/employees/${found.id}`);
    await admin.getByRole('button', { name: lang === 'ja' ? '匿名化(削除依頼)' : 'Anonymise (deletion request)' }).click();
    const dialog = admin.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: lang === 'ja' ? '小林 陽菜さんを匿名化' : 'Anonymise 小林 陽菜' })).toBeVisible();
    const confirm = dialog.getByRole('button', { name: lang === 'ja' ? '匿名化する' : 'Anonymise', exact: true });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox').fill('小林 陽菜');
    await expect(confirm).toBeEnabled();
    await expectNoAxeViolations(admin, `anonymise dialog (${lang})`);
    await shoot(admin, '[role="dialog"]', `${dir}/privacy-anonymise-${lang}`);
    await dialog.getByRole('button', { name: lang === 'ja' ? 'キャンセル' : 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
});
