import { mkdirSync } from 'node:fs';
import { expect, expectNoAxeViolations, loginAs, setLanguage, test } from './fixtures.js';

// A series offered by someone other than the report's primary manager waits for the report's yes
// (SPEC §1): the report sees the offer in the 1on1 list, accepts it, and only then are meetings made.

const dir = 'docs/screenshots';

test('an admin offers a 1on1 series; the member sees the offer, the admin reads nothing until the member accepts', async ({ browser, page }) => {
  // Two sign-ins, four page loads and axe twice: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  mkdirSync(dir, { recursive: true });
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, 'admin');
  const offered = await admin.evaluate(async () => {
    const me = (await (await fetch('/api/me')).json()) as { id: string };
    const list = (await (await fetch('/api/employees?pageSize=100')).json()) as { items: { id: string; email: string }[] };
    const member = list.items.find((e) => e.email === 'member@demo.example')!;
    const start = new Date(Date.now() + 2 * 86_400_000);
    const startDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(start);
    const weekday = new Date(`${startDate}T12:00:00Z`).getUTCDay();
    const res = await fetch('/api/series', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        reportId: member.id,
        managerId: me.id,
        schedule: { cadence: 'monthlyDay', dayOfMonth: Number(startDate.slice(8, 10)), weekday, startDate, startTime: '15:00', durationMinutes: 30, timeZone: 'Asia/Tokyo' },
      }),
    });
    return { status: res.status, body: (await res.json()) as { id: string; status: string; purpose: string | null } };
  });
  expect(offered.status, JSON.stringify(offered.body)).toBe(201);
  expect(offered.body).toMatchObject({ status: 'pending', purpose: null });
  const seriesId = offered.body.id;
  const adminMeetings = await admin.evaluate(async (id) => (await fetch(`/api/series/${id}/meetings`)).status, seriesId);
  expect(adminMeetings).toBe(404);


  await loginAs(page, 'member');
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/one-on-ones');
      const offer = page.getByRole('alert').filter({ hasText: lang === 'ja' ? /1on1の申し出/ : /offers you a 1on1 series/ });
      await expect(offer).toBeVisible();
      await expect(offer.getByRole('button', { name: lang === 'ja' ? '承諾する' : 'Accept' })).toBeVisible();
      if (width === 1280) await expectNoAxeViolations(page, `series offer (${lang})`);
      await page.screenshot({ path: `${dir}/series-offer-${lang}-${width}.png`, fullPage: true });
    }
  }

  // Keyboard: the member tabs to Accept and presses Enter.
  await page.setViewportSize({ width: 1280, height: 900 });
  const accept = page.getByRole('alert').getByRole('button', { name: 'Accept' });
  await accept.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('You accepted the 1on1 series. Its meetings are now scheduled.')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /offers you a 1on1 series/ })).toHaveCount(0);
  await setLanguage(page, 'ja');

  const after = await admin.evaluate(async (id) => {
    const res = await fetch(`/api/series/${id}/meetings`);
    return { status: res.status, total: res.ok ? ((await res.json()) as { total: number }).total : 0 };
  }, seriesId);
  expect(after.status).toBe(200);
  expect(after.total).toBeGreaterThan(0);
  await adminContext.close();
});
