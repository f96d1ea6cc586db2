import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { demo, openSession, setLanguage, shootAtWidths } from './fixtures.js';
import { OwnServer } from './ownServer.js';

// The minutes draft as a live document, with two real browsers: both type at once, both texts are
// there after reloads and after a server restart; once shared, the minutes render as formatted
// text (real headings, lists, checkboxes) with headings in each reader's language. This spec runs
// its own server on a free port the system picks, so that it can restart it.

// Pages are waited for (never slept on); on a busy shared machine a page may take long to load.
const expect = baseExpect.configure({ timeout: 30_000 });

const server = new OwnServer();
const shots = 'docs/screenshots';

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email, { baseURL: server.origin });
}

/** A JSON request from inside the page (same origin, with the session cookie). */
async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

async function setLanguageAndReload(page: Page, lang: 'ja' | 'en') {
  await setLanguage(page, lang);
  await page.reload();
}

async function noAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe violations on ${label}`,
  ).toEqual([]);
}

/** Full-page pictures at 1280 and 375 px once `ready` holds at each width. */
function shoot(page: Page, name: string, ready: (p: Page) => Promise<void>) {
  return shootAtWidths(page, `${shots}/${name}`, ready);
}

test.beforeAll(async () => {
  // The first start creates the database and the demo organisation: slow on a busy machine.
  test.setTimeout(200_000);
  mkdirSync(shots, { recursive: true });
  await server.open('taiwa-minutes-');
});
test.afterAll(() => server.close());

test('both type into the minutes draft at once; nothing is lost across reloads and a restart; shared minutes are formatted in each language', async ({ browser }) => {
  test.setTimeout(540_000);
  const manager = await session(browser, demo.manager);
  const member = await session(browser, demo.member);
  const home = await apiCall<{ upcoming: { meeting: { id: string }; partner: { familyName: string } }[] }>(manager, 'GET', '/api/home');
  const meetingId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
  const me = await apiCall<{ id: string }>(manager, 'GET', '/api/me');
  await apiCall(manager, 'POST', `/api/meetings/${meetingId}/start`, {});
  await apiCall(manager, 'POST', `/api/meetings/${meetingId}/action-items`, { ownerId: me.id, title: '発表の機会を調整する', dueDate: '2030-12-10', support: true });
  await apiCall(manager, 'POST', `/api/meetings/${meetingId}/finish`, {});

  const minutesPath = `/meetings/${meetingId}/minutes`;
  await Promise.all([manager.goto(minutesPath), member.goto(minutesPath)]);
  const editorOf = (p: Page) => p.getByRole('textbox', { name: /議事録の本文|Minutes text/ });
  for (const p of [manager, member]) {
    await expect(editorOf(p)).toBeVisible();
    // The assembled draft: real headings and a checklist, not Markdown signs.
    await expect(editorOf(p).getByRole('heading', { name: '決めたこと・アクションアイテム' })).toBeVisible();
    await expect(editorOf(p).getByRole('checkbox')).toHaveCount(1);
    await expect(editorOf(p)).toContainText('発表の機会を調整する · 担当:');
    await expect(editorOf(p)).not.toContainText('##');
  }

  const fromManager = '上司:評価の基準を来週までに共有する';
  const fromMember = 'メンバー:設計レビューに参加したい';
  for (const p of [manager, member]) {
    await editorOf(p).click();
    await p.keyboard.press('Control+End');
    await p.keyboard.press('Enter');
  }
  await Promise.all([manager.keyboard.type(fromManager, { delay: 15 }), member.keyboard.type(fromMember, { delay: 15 })]);
  await expect(editorOf(member)).toContainText(fromManager);
  await expect(editorOf(manager)).toContainText(fromMember);
  for (const p of [manager, member]) await expect(p.getByRole('status').filter({ hasText: '保存済み' })).toBeVisible();

  await Promise.all([manager.reload(), member.reload()]);
  for (const p of [manager, member]) {
    await expect(editorOf(p)).toContainText(fromManager);
    await expect(editorOf(p)).toContainText(fromMember);
  }
  await server.restart();
  await Promise.all([manager.reload(), member.reload()]);
  for (const p of [manager, member]) {
    await expect(editorOf(p)).toContainText(fromManager);
    await expect(editorOf(p)).toContainText(fromMember);
  }
  await noAxeViolations(member, 'minutes draft');
  await shoot(member, 'minutes-draft-ja', async (p) => {
    await expect(editorOf(p)).toContainText(fromManager);
  });

  // The same draft in English: the headings and labels follow the reader, the typed text does not change.
  await setLanguageAndReload(manager, 'en');
  await expect(editorOf(manager).getByRole('heading', { name: 'Decisions and action items' })).toBeVisible();
  await expect(editorOf(manager)).toContainText('Owner: ');
  await expect(editorOf(manager)).toContainText(fromMember);
  await expect(editorOf(manager)).not.toContainText('決めたこと');
  await noAxeViolations(manager, 'minutes draft (en)');
  await shoot(manager, 'minutes-draft-en', async (p) => {
    await expect(editorOf(p)).toContainText(fromMember);
  });

  // Share (in English); the member's open draft turns into the shared minutes.
  await expect(manager.getByRole('button', { name: 'Share' })).toBeEnabled();
  await manager.getByRole('button', { name: 'Share' }).click();
  await manager.getByRole('dialog').getByRole('button', { name: 'Share' }).click();
  const article = (p: Page) => p.getByRole('article');
  await expect(article(manager).getByRole('heading', { name: 'What we talked about' })).toBeVisible();
  await expect(article(member).getByRole('heading', { name: '話したこと' })).toBeVisible();
  for (const [p, heading] of [
    [manager, 'Decisions and action items'],
    [member, '決めたこと・アクションアイテム'],
  ] as const) {
    await expect(article(p).getByRole('heading', { name: heading })).toBeVisible();
    await expect(article(p).getByRole('listitem').filter({ hasText: '発表の機会を調整する' })).toBeVisible();
    await expect(article(p)).toContainText(fromManager);
    await expect(article(p)).toContainText(fromMember);
    const text = await article(p).innerText();
    expect(text).not.toMatch(/##|- \[[ x]\]|\*\*/);
  }
  await expect(article(manager)).not.toContainText('担当');
  await expect(article(member)).toContainText('担当:');
  await expect(editorOf(member)).toHaveCount(0);
  await noAxeViolations(manager, 'shared minutes (en)');
  await noAxeViolations(member, 'shared minutes (ja)');
  await shoot(member, 'minutes-shared-ja', async (p) => {
    await expect(article(p).getByRole('heading', { name: '話したこと' })).toBeVisible();
  });
  await shoot(manager, 'minutes-shared-en', async (p) => {
    await expect(article(p).getByRole('heading', { name: 'What we talked about' })).toBeVisible();
  });

  // A correction after sharing: edited in the same formatted editor, kept as version 2 with its reason.
  await manager.getByRole('button', { name: 'Correct' }).click();
  const dialog = manager.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Reason for the correction' }).fill('Added the follow-up date');
  const correction = dialog.getByRole('textbox', { name: 'Minutes text' });
  await expect(correction.getByRole('heading', { name: 'Shared notes' })).toBeVisible();
  await correction.click();
  await manager.keyboard.press('Control+End');
  await manager.keyboard.press('Enter');
  await manager.keyboard.type('次回 12/14 に振り返る');
  await dialog.getByRole('button', { name: 'Correct' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(manager.getByText(/^Version 2/).first()).toBeVisible();
  await expect(article(manager)).toContainText('次回 12/14 に振り返る');
  await expect(manager.getByText('Reason: Added the follow-up date')).toBeVisible();

  // The printable page is formatted too.
  await member.goto(`${minutesPath}/print`);
  await expect(member.getByRole('heading', { name: '共有メモ' })).toBeVisible();
  expect(await member.locator('main').innerText()).not.toMatch(/##|- \[[ x]\]/);

  // The Markdown export speaks the reader's language.
  const md = await manager.evaluate(async (url) => (await fetch(url, { headers: { 'Accept-Language': 'en' } })).text(), `/api/meetings/${meetingId}/minutes.md`);
  expect(md).toContain('## What we talked about');
  expect(md).toContain('- [ ] 発表の機会を調整する · Owner: ');
  expect(md).toContain(fromMember);
  await manager.context().close();
  await member.context().close();
});
