import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loginAs, setLanguage, shootAtWidths, test } from './fixtures.js';

// `npm run screenshots`: the pictures in docs/screenshots, taken from the running app with the demo
// organisation, at 1280 and 375 px, in Japanese and English. Not part of `npm test`.

const dir = 'docs/screenshots';

async function shoot(page: Page, name: string, path: string, lang: 'ja' | 'en') {
  await page.goto(path);
  await shootAtWidths(page, `${dir}/${name}-${lang}`, (p) => p.waitForLoadState('networkidle'));
}

/** The next meeting of manager@demo.example with member@demo.example (the prepared one). */
async function preparedMeeting(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const home = (await (await fetch('/api/home')).json()) as { upcoming: { meeting: { id: string }; partner: { familyName: string } }[] };
    return home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
  });
}

test.beforeAll(() => mkdirSync(dir, { recursive: true }));

for (const lang of ['ja', 'en'] as const) {
  test(`screenshots in ${lang}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/sign-in');
    await page.evaluate((l) => localStorage.setItem('taiwa.lang', l), lang);
    await shoot(page, 'sign-in', '/sign-in', lang);
    await loginAs(page, 'manager');
    await setLanguage(page, lang);
    await shoot(page, 'home', '/', lang);
    await shoot(page, 'employees', '/employees', lang);
    const meetingId = await preparedMeeting(page);
    await shoot(page, 'agenda', `/meetings/${meetingId}`, lang);
    await shoot(page, 'prep-brief', `/meetings/${meetingId}/prep`, lang);
    await shoot(page, 'meeting-room', `/meetings/${meetingId}/room`, lang);
    const held = await page.evaluate(async () => {
      const series = (await (await fetch('/api/series')).json()) as { items: { id: string; report: { familyName: string } }[] };
      const s = series.items.find((x) => x.report.familyName === '鈴木')!;
      const past = (await (await fetch(`/api/series/${s.id}/meetings?when=past&pageSize=5`)).json()) as { items: { id: string; status: string }[] };
      return past.items.find((m) => m.status === 'acknowledged' || m.status === 'shared')!.id;
    });
    await shoot(page, 'minutes', `/meetings/${held}/minutes`, lang);
    await shoot(page, 'action-items', '/action-items?tab=team', lang);
    await shoot(page, 'search', `/search?q=${encodeURIComponent('キャリア')}`, lang);
    await setLanguage(page, 'ja');
  });
}
