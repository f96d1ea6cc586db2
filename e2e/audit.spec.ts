import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, setLanguage, shootAtWidths, test } from './fixtures.js';

// The member sees in their profile that their manager opened the prep brief, and when; the manager
// opening it again shows at the top. Someone whose records nobody opened sees the empty state.
// The admin reads the log of administrative actions, filters it, and a member is refused it.

const dir = 'docs/screenshots';
test.beforeAll(() => mkdirSync(dir, { recursive: true }));

/** Both widths of the profile's 閲覧履歴 section. */
async function shootSection(page: Page, base: string) {
  for (const width of [1280, 375]) {
    await resizeAndSettle(page, width);
    await expectNoHorizontalScroll(page, `${base} at ${width}`);
    await page.locator('section[aria-labelledby="profile-audit"]').screenshot({ path: `${base}-${width}.png` });
  }
  await resizeAndSettle(page, 1280);
}

test('each person sees who read their records; admins read the administrative log', async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await openSession(browser, demo.manager);
  const member = await openSession(browser, demo.member);

  // The manager opens the member's next prep brief (the same request the brief page makes).
  const list = (await (await manager.request.get('/api/series')).json()) as { items: { id: string; report: { familyName: string } }[] };
  const s = list.items.find((i) => i.report.familyName === '鈴木');
  expect(s, 'the demo member has a series with the demo manager').toBeTruthy();
  const meetings = (await (await manager.request.get(`/api/series/${s!.id}/meetings`)).json()) as { items: { id: string; status: string; startsAt: string }[] };
  const nextMeeting = meetings.items.find((m) => m.status === 'scheduled' && new Date(m.startsAt) > new Date());
  expect((await manager.request.get(`/api/meetings/${nextMeeting!.id}/prep-brief`)).status()).toBe(200);

  await member.goto('/profile');
  const section = member.locator('section[aria-labelledby="profile-audit"]');
  await expect(section.getByRole('heading', { name: '閲覧履歴' })).toBeVisible();
  const rows = section.getByRole('list', { name: 'あなたの記録を開いた人' }).getByRole('listitem');
  await expect(rows.first()).toContainText('田中 美咲さんが準備シートを開きました');
  await expect(section.getByText('議事録を開きました').first()).toBeVisible();
  await expect(section.getByText('記録は2年間保管され、その後自動で削除されます。')).toBeVisible();
  await expectNoAxeViolations(member, 'profile audit (ja)');
  await shootSection(member, `${dir}/audit-mine-ja`);

  const memberEn = await openSession(browser, demo.member, { lang: 'en' });
  await memberEn.goto('/profile');
  const sectionEn = memberEn.locator('section[aria-labelledby="profile-audit"]');
  await expect(sectionEn.getByText('opened the prep brief').first()).toBeVisible();
  await expect(sectionEn.getByText('Entries are kept for 2 years, then removed automatically.')).toBeVisible();
  await shootSection(memberEn, `${dir}/audit-mine-en`);

  // hr holds no 1on1 with anyone here and nobody opened their record.
  const newcomer = await openSession(browser, demo.hr);
  await newcomer.goto('/profile');
  await expect(newcomer.getByText('まだ誰も開いていません')).toBeVisible();
  await expectNoAxeViolations(newcomer, 'profile audit, empty (ja)');
  await shootSection(newcomer, `${dir}/audit-mine-empty-ja`);

  // A member has no link to the administrative log and is refused it.
  expect((await member.request.get('/api/admin/audit')).status()).toBe(403);

  const admin = await openSession(browser, demo.admin);
  await admin.getByRole('link', { name: '管理操作の記録' }).click();
  await expect(admin).toHaveURL(/\/admin\/audit$/);
  await expect(admin.getByRole('heading', { level: 1, name: '管理操作の記録' })).toBeVisible();
  const table = admin.getByRole('table', { name: '管理操作' });
  await expect(table.getByRole('row', { name: /社員情報を変更.*小林 陽菜/ })).toBeVisible();
  await expectNoAxeViolations(admin, 'admin audit (ja)');
  await shootAtWidths(admin, `${dir}/audit-admin-ja`, async (p) => expect(p.getByText('社員情報を変更').filter({ visible: true }).first()).toBeVisible());
  await resizeAndSettle(admin, 375);
  await expectNoHorizontalScroll(admin, 'admin audit at 375');
  await expectNoAxeViolations(admin, 'admin audit at 375 (ja)');
  await resizeAndSettle(admin, 1280);

  // Filtering by an action nobody took shows the empty state.
  await admin.getByLabel('操作', { exact: true }).selectOption({ label: '社員を無効化' });
  await expect(admin.getByText('該当する操作はありません')).toBeVisible();
  await expectNoAxeViolations(admin, 'admin audit, empty (ja)');
  await shootAtWidths(admin, `${dir}/audit-admin-empty-ja`, async (p) => expect(p.getByText('該当する操作はありません')).toBeVisible());

  const adminEn = await openSession(browser, demo.admin, { lang: 'en' });
  await adminEn.goto('/admin/audit');
  await expect(adminEn.getByRole('table', { name: 'Administrative actions' }).getByRole('row', { name: /Changed an employee/ })).toBeVisible();
  await shootAtWidths(adminEn, `${dir}/audit-admin-en`, async (p) => expect(p.getByText('Changed an employee').filter({ visible: true }).first()).toBeVisible());
  // The language is the person's own setting: put both back, the specs after this one expect Japanese.
  await setLanguage(adminEn, 'ja');
  await setLanguage(memberEn, 'ja');
});
