import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { demo, expect, openSession, test } from './fixtures.js';

// The live meeting room with the partner present, from the manager's side, at 1280 and 375 px in
// Japanese and English (docs/screenshots/room-live-*.png). Run with the `screenshots` project.

const dir = 'docs/screenshots';

function session(browser: Browser, email: string, lang: 'ja' | 'en'): Promise<Page> {
  return openSession(browser, email, { lang });
}

test.beforeAll(() => mkdirSync(dir, { recursive: true }));

for (const lang of ['ja', 'en'] as const) {
  test(`the live room with the partner present, in ${lang}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const manager = await session(browser, demo.manager, lang);
    const member = await session(browser, demo.member, 'ja');
    const home = (await (await manager.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; partner: { familyName: string } }[] };
    const meetingId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
    const room = `/meetings/${meetingId}/room`;
    await member.goto(room);
    const present = lang === 'ja' ? '鈴木さんが入室中' : '鈴木 is in the room';
    for (const width of [1280, 375]) {
      await manager.setViewportSize({ width, height: 900 });
      await manager.goto(room);
      await expect(manager.getByTestId('room-presence')).toHaveText(present, { timeout: 60_000 });
      await expect(manager.locator('.ProseMirror')).toBeVisible({ timeout: 60_000 });
      await manager.screenshot({ path: `${dir}/room-live-${lang}-${width}.png`, fullPage: true });
    }
    await manager.evaluate(async () => {
      await fetch('/api/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'ja' }) });
    });
    await manager.context().close();
    await member.context().close();
  });
}
