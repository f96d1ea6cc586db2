import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, openSession } from './fixtures.js';
import { OwnServer } from './ownServer.js';

// The meeting room's shared notes, with two real browsers: each sees the other's typing at once,
// and every character is there after both reload and after the server restarts. This spec runs
// its own server (on its own embedded data directory) so that it can restart it.

const server = new OwnServer();

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email, { baseURL: server.origin });
}

test.beforeAll(async () => {
  // The first start creates the database and the demo organisation: slow on a busy machine.
  test.setTimeout(200_000);
  await server.open('taiwa-notes-');
});
test.afterAll(() => server.close());

test('two people type at once, see each other within a second, and nothing is lost across reloads and a restart', async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await session(browser, demo.manager);
  const member = await session(browser, demo.member);
  const home = (await (await manager.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; partner: { familyName: string } }[] };
  const meetingId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
  const room = `/meetings/${meetingId}/room`;
  await Promise.all([manager.goto(room), member.goto(room)]);
  const editorOf = (p: Page) => p.locator('.ProseMirror');
  await Promise.all([expect(editorOf(manager)).toBeVisible(), expect(editorOf(member)).toBeVisible()]);

  const fromManager = '上司:キャリアについて次回までに考えておく';
  const fromMember = 'メンバー:来期は設計にも挑戦したい';
  await editorOf(manager).click();
  await editorOf(member).click();
  await Promise.all([
    manager.keyboard.type(fromManager, { delay: 15 }),
    member.keyboard.type(fromMember, { delay: 15 }),
  ]);
  await expect(editorOf(member)).toContainText(fromManager, { timeout: 1_000 });
  await expect(editorOf(manager)).toContainText(fromMember, { timeout: 1_000 });

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
  await manager.context().close();
  await member.context().close();
});
