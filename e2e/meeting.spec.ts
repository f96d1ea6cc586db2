import type { Browser, Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, test } from './fixtures.js';

// The meeting and its follow-up, end to end in Japanese: hold the meeting, mark a topic discussed,
// agree an action item for each side (the manager's marked as support), finish, share the minutes,
// acknowledge them as the report, reflect as both. The next meeting then starts with the open
// action items and the topic that was not discussed. A search for a word from the notes finds the
// meeting for the pair only.

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email);
}

const origin = (p: Page) => new URL(p.url()).origin;

test('hold a 1on1, agree next steps, share and acknowledge the minutes, reflect; the next meeting carries over', async ({ browser }) => {
  test.setTimeout(240_000);
  const manager = await session(browser, demo.manager);
  const member = await session(browser, demo.member);
  const home = (await (await member.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string; startsAt: string }; seriesId: string }[] };
  const { meeting, seriesId } = home.upcoming[0]!;
  const id = meeting.id;
  const headers = { origin: origin(member) };
  const carriedTitle = 'キャリアの方向性について';
  const discussedTitle = '来期のチーム体制';
  await member.request.post(`/api/meetings/${id}/topics`, { headers, data: { title: carriedTitle, category: 'career', wantedResponse: 'thinkTogether', visibility: 'pair' } });
  await manager.request.post(`/api/meetings/${id}/topics`, { headers, data: { title: discussedTitle, category: 'workChallenges', wantedResponse: 'listen', visibility: 'pair' } });

  // The manager starts the meeting; the member joins the room.
  await manager.goto(`/meetings/${id}`);
  await manager.getByRole('button', { name: /1on1を始める|1on1ルームを開く/ }).click();
  // A meeting more than 12 hours ahead asks before it starts early.
  if (Date.parse(meeting.startsAt) - Date.now() > 12 * 3600_000) {
    await manager.getByRole('dialog', { name: 'まだ予定の時刻ではありません' }).getByRole('button', { name: '今すぐ始める' }).click();
  }
  await expect(manager).toHaveURL(/\/room$/);
  await member.goto(`/meetings/${id}/room`);
  await expect(member.getByRole('heading', { name: /1on1ルーム/ })).toBeVisible();

  const notes = (p: Page) => p.getByRole('textbox', { name: '共有メモ' });
  await notes(manager).click();
  await manager.keyboard.type('上司のメモ:キャリアの話は次回に続ける。');
  await expect(notes(member)).toContainText('上司のメモ', { timeout: 5_000 });

  // Mark the manager's topic discussed; the listening tip shows for a "just listen" topic.
  const discussed = manager.getByRole('checkbox', { name: '話し合った' });
  const topicRow = manager.getByRole('button', { name: new RegExp(discussedTitle) });
  await topicRow.click();
  await expect(manager.getByText(/アドバイスは控えて、最後まで聴きましょう/).first()).toBeVisible();
  const boxes = await discussed.count();
  expect(boxes).toBeGreaterThanOrEqual(2);
  // The checkbox of the discussed topic is the one in its row.
  await manager.locator('li, [data-topic-id], div').filter({ hasText: discussedTitle }).getByRole('checkbox', { name: '話し合った' }).last().check();

  // Next steps: the member's own item, and the manager's support commitment.
  await member.getByRole('textbox', { name: '何をする' }).fill('社内勉強会で発表する');
  await member.getByLabel('いつまでに').fill('2030-12-10');
  await member.getByRole('button', { name: '追加', exact: true }).click();
  await expect(member.getByText('社内勉強会で発表する').first()).toBeVisible();
  await manager.getByRole('textbox', { name: '何をする' }).fill('発表の機会を調整する');
  await manager.getByLabel('誰が').first().click();
  await manager.getByRole('option', { name: /上司/ }).click();
  await manager.getByRole('switch', { name: '上司のサポート' }).check();
  await manager.getByRole('button', { name: '追加', exact: true }).click();
  await expect(manager.getByText('発表の機会を調整する').first()).toBeVisible();
  await expectNoAxeViolations(manager, 'meeting room');

  // Finish: the minutes draft is assembled from notes and next steps; share it.
  await manager.getByRole('button', { name: '1on1を終了して議事録を作成' }).first().click();
  await manager.getByRole('button', { name: '終了して議事録を作成', exact: true }).click();
  await expect(manager).toHaveURL(/\/minutes$/);
  const draft = manager.getByRole('textbox', { name: '議事録の本文' });
  await expect(draft).toContainText('上司のメモ');
  await expect(draft).toContainText('発表の機会を調整する');
  await expect(draft).toContainText('上司のサポート');
  await manager.getByRole('button', { name: '共有する' }).click();
  await manager.getByRole('dialog').getByRole('button', { name: '共有する' }).click();
  await expect(manager.getByRole('heading', { name: '訂正の履歴' })).toBeVisible();

  // The member acknowledges and reflects; the manager reflects.
  await member.goto(`/meetings/${id}/minutes`);
  await member.getByRole('textbox', { name: 'コメント(任意)' }).fill('ありがとうございました');
  await member.getByRole('button', { name: '確認しました' }).click();
  await expect(member.getByText('メンバーが確認しました').first()).toBeVisible();
  await member.getByRole('radiogroup', { name: /話を聞いてもらえた/ }).getByRole('radio', { name: /^4/ }).check();
  await member.getByRole('radiogroup', { name: '役に立った' }).getByRole('radio', { name: /^5/ }).check();
  await member.getByRole('textbox', { name: '今回の対話で何が得られたか' }).fill('方向性が見えた');
  await member.getByRole('button', { name: '振り返りを保存' }).click();
  await expect(member.getByText('記入済みです')).toBeVisible();
  await expectNoAxeViolations(member, 'minutes (report)');
  await manager.reload();
  await manager.getByRole('radiogroup', { name: '自分の傾聴' }).getByRole('radio', { name: /^3/ }).check();
  await manager.getByRole('textbox', { name: '次回どう改善するか' }).fill('沈黙を待つ');
  await manager.getByRole('button', { name: '振り返りを保存' }).click();
  await expect(manager.getByText('記入済みです')).toBeVisible();
  await expect(manager.getByText('方向性が見えた')).toBeVisible();
  // The manager never sees the report's own ratings of this meeting.
  const reflection = await (await manager.request.get(`/api/meetings/${id}/reflection`)).text();
  expect(reflection).not.toMatch(/"feltHeard":\s*[1-5]/);
  expect(reflection).not.toMatch(/"useful":\s*[1-5]/);

  // The next meeting starts with the open action items and the topic that was not discussed.
  const series = (await (await member.request.get(`/api/series/${seriesId}/meetings?when=upcoming&pageSize=5`)).json()) as {
    items: { id: string; status: string }[];
  };
  const nextId = series.items.find((m) => m.id !== id && m.status === 'scheduled')!.id;
  await member.goto(`/meetings/${nextId}/room`);
  const room = member.locator('main');
  await expect(room).toContainText('社内勉強会で発表する');
  await expect(room).toContainText('発表の機会を調整する');
  await expect(room).toContainText(carriedTitle);
  await expect(room).toContainText('前回から持ち越し');
  const text = await room.innerText();
  expect(text.indexOf('社内勉強会で発表する')).toBeLessThan(text.indexOf(carriedTitle));
  const next = (await (await member.request.get(`/api/meetings/${nextId}`)).json()) as { topics: { title: string; carried: boolean }[] };
  expect(next.topics.filter((t) => t.title === carriedTitle).map((t) => t.carried)).toEqual([true]);
  expect(next.topics.some((t) => t.title === discussedTitle)).toBe(false);

  // Search: the pair finds the meeting by a word of the notes; nobody else does.
  await manager.getByRole('searchbox', { name: 'キーワード' }).first().fill('上司のメモ');
  await manager.keyboard.press('Enter');
  await expect(manager).toHaveURL(/\/search/);
  await expect(manager.locator('mark').first()).toBeVisible();
  for (const outsider of [demo.hr, demo.admin, demo.newcomer]) {
    const page = await session(browser, outsider);
    const found = (await (await page.request.get(`/api/search?q=${encodeURIComponent('上司のメモ')}`)).json()) as { items: unknown[] };
    expect(found.items, outsider).toEqual([]);
    await page.context().close();
  }
  await manager.context().close();
  await member.context().close();
});

test('the follow-up pages have no axe violations and fit 375 px, in ja and en', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await session(browser, demo.manager);
  const history = (await (await page.request.get('/api/series')).json()) as { items: { id: string; myRole: string }[] };
  const seriesId = history.items.find((s) => s.myRole === 'manager')!.id;
  const past = (await (await page.request.get(`/api/series/${seriesId}/meetings?when=past&pageSize=5`)).json()) as { items: { id: string; status: string }[] };
  const held = past.items.find((m) => m.status === 'acknowledged' || m.status === 'shared')!;
  const paths = ['/action-items', '/action-items?tab=team&status=all', `/meetings/${held.id}/minutes`, `/meetings/${held.id}/minutes/print`, `/search?q=${encodeURIComponent('キャリア')}`];
  for (const lang of ['ja', 'en'] as const) {
    await page.request.patch('/api/me', { data: { locale: lang }, headers: { origin: origin(page) } });
    for (const path of paths) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, `${path} (${lang})`);
      await resizeAndSettle(page, 375);
      await expectNoHorizontalScroll(page, `${path} at 375 px (${lang})`);
    }
  }
  await page.request.patch('/api/me', { data: { locale: 'ja' }, headers: { origin: origin(page) } });
  await page.context().close();
});
