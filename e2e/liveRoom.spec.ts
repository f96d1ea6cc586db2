import type { Browser, Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, openSession, test } from './fixtures.js';

// The live meeting room with two browsers: what one side marks or adds reaches the other within a
// second over the room's event stream (no polling), and each side sees whether the other is in the room.

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email);
}

/** What the partner's side is given to show a change: one second (E2E_LIVE_MS only to diagnose a slow machine). */
const LIVE_MS = Number(process.env.E2E_LIVE_MS || 1_000);

/**
 * Does `act` on `page` and waits for its write to be answered (committed): the partner's 1 s starts
 * there, so that it measures the room's live path, not how long a loaded machine takes to answer.
 */
async function write(page: Page, path: RegExp, act: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() !== 'GET' && path.test(new URL(r.url()).pathname));
  await act();
  expect((await answered).ok()).toBe(true);
}

/** The checkbox 「話し合った」 of the topic titled `title` in a room. */
const discussedBox = (page: Page, title: string) => page.locator('li').filter({ hasText: title }).getByRole('checkbox', { name: '話し合った' });

test('a topic marked discussed, an action item and a feedback record reach the partner within a second; presence comes and goes', async ({ browser }) => {
  test.setTimeout(240_000);
  const manager = await session(browser, demo.manager);
  const member = await session(browser, demo.member);
  const home = (await (await manager.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; partner: { familyName: string } }[] };
  const meetingId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
  const tag = Date.now().toString(36);
  const topic = `ライブ確認の議題 ${tag}`;
  const created = await member.request.post(`/api/meetings/${meetingId}/topics`, {
    headers: { origin: new URL(member.url()).origin },
    data: { title: topic, category: 'workChallenges', wantedResponse: 'listen', visibility: 'pair' },
  });
  expect(created.status()).toBe(201);

  const room = `/meetings/${meetingId}/room`;
  await manager.goto(room);
  const managerPresence = manager.getByTestId('room-presence');
  await expect(managerPresence).toHaveText('鈴木さんは入室していません', { timeout: 30_000 });

  // Page loads on a busy machine are slow; what is timed below is the live path only.
  const load = { timeout: 30_000 };
  await member.goto(room);
  await expect(member.getByTestId('room-presence')).toHaveText('田中さんが入室中', load);
  await expect(managerPresence).toHaveText('鈴木さんが入室中', load);
  await expect(discussedBox(member, topic)).not.toBeChecked();

  // Discussed, marked by the manager: checked on the member's side within 1 s.
  await write(manager, /\/discussed$/, () => discussedBox(manager, topic).check());
  await expect(discussedBox(member, topic)).toBeChecked({ timeout: LIVE_MS });

  // An action item added by the member appears in the manager's room.
  const step = `週報の形式を見直す ${tag}`;
  await member.getByRole('textbox', { name: '何をする' }).fill(step);
  await write(member, /\/action-items$/, () => member.getByRole('button', { name: '追加', exact: true }).click());
  await expect(manager.locator('main')).toContainText(step, { timeout: LIVE_MS });

  // A feedback record from the manager appears in the member's room.
  const situation = `水曜の設計レビューで ${tag}`;
  await manager.getByRole('button', { name: '鈴木さんへ伝える' }).click();
  await manager.getByRole('textbox', { name: '状況' }).fill(situation);
  await manager.getByRole('textbox', { name: '行動' }).fill('論点を先に整理して共有した');
  await manager.getByRole('textbox', { name: '影響' }).fill('議論が半分の時間で終わった');
  await write(manager, /\/feedback$/, () => manager.getByRole('button', { name: '記録する' }).click());
  await expect(member.locator('main')).toContainText(situation, { timeout: LIVE_MS });

  await expectNoAxeViolations(manager, 'live meeting room');

  // Unmarked by the member: unchecked on the manager's side within 1 s.
  await write(member, /\/discussed$/, () => discussedBox(member, topic).uncheck());
  await expect(discussedBox(manager, topic)).not.toBeChecked({ timeout: LIVE_MS });

  // The member leaves the room: the manager sees it.
  await member.goto('/');
  await expect(managerPresence).toHaveText('鈴木さんは入室していません', { timeout: 2_000 });

  await manager.context().close();
  await member.context().close();
});
